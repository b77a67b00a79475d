import { path } from '../router/route.js';

/** 我的药: the resident's current medicines. */
export const tvMedicines = path('/tv/medicines');
/** One medicine, with 再次配药. */
export const tvMedicine = path('/tv/medicines/:prescriptionId');
/** The resident's pharmacy orders and their status. */
export const tvMedicineOrders = path('/tv/medicine-orders');
/** The pharmacist's review queue; a doctor's returned prescriptions, adherence and missed doses. */
export const consolePharmacy = path('/console/pharmacy');
/** A care home's kiosk: today's overdue and missed doses of its residents. */
export const kioskDoses = path('/kiosk/doses');
/** Kiosk: 续药 in a resident's self-service visit at a health station (issue 14 §9). */
export const kioskVisitMedicines = path('/kiosk/visit/medicines');
