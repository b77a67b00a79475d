import type { Generated } from 'kysely';
import type { DoseUnit, Frequency, MedicineForm, Route } from '../../shared/pharmacy/schemas.js';
import type { OrderStatus } from '../../shared/pharmacy/status.js';

/** The catalogue, with what the review pre-screen needs of each label. */
export interface MedicineTable {
  id: string;
  genericNameZh: string;
  genericNameEn: string;
  brandNameZh: string | null;
  brandNameEn: string | null;
  strength: string;
  form: MedicineForm;
  route: Route;
  doseUnit: DoseUnit;
  packSize: number;
  insuranceCategory: 'A' | 'B';
  priceFen: number;
  pinyinInitials: string;
  pinyin: string;
  therapeuticClass: string;
  /** JSON arrays of condition codes, frequencies and allergy groups. */
  indications: string;
  frequencies: string;
  allergyGroups: string;
  maxDailyUnits: number;
  /** 1: may be halved. */
  divisible: number;
}

export interface PrescriptionTable {
  id: string;
  patientId: string;
  doctorId: string;
  consultationId: string | null;
  medicineId: string;
  doseAmount: number;
  doseUnit: DoseUnit;
  frequency: Frequency;
  route: Route;
  daysSupply: number;
  refills: number;
  status: 'active' | 'stopped';
  issuedAt: string;
  validUntil: string;
  updatedAt: string;
}

export interface OrderTable {
  id: string;
  patientId: string;
  kind: 'new' | 'refill';
  status: OrderStatus;
  /** The resident's Idempotency-Key (reorders) and a hash of the request it came with. */
  idempotencyKey: string | null;
  requestHash: string | null;
  deliveryAddress: string;
  totalFen: number;
  patientShareFen: number;
  /** JSON: the pre-screen's findings (ReviewFinding[]), refreshed on each review. */
  findings: string;
  reason: string | null;
  courier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrderItemTable {
  orderId: string;
  prescriptionId: string;
  medicineId: string;
  packs: number;
  unitPriceFen: number;
  lineTotalFen: number;
  /** Days this item's supply lasts. */
  daysSupply: number;
}

/** Every status an order passed through, who moved it and when. Append-only (triggers). */
export interface OrderStatusHistoryTable {
  id: Generated<number>;
  orderId: string;
  status: OrderStatus;
  actorId: string;
  actorRole: string;
  at: string;
  note: string | null;
}

/** The resident's answers to reminders: taken once per dose; 'later' keeps the latest press. */
export interface DoseAnswerTable {
  prescriptionId: string;
  patientId: string;
  scheduledAt: string;
  answer: 'taken' | 'later';
  answeredAt: string;
  deviceId: string | null;
}

export interface PharmacyTables {
  medicines: MedicineTable;
  prescriptions: PrescriptionTable;
  orders: OrderTable;
  orderItems: OrderItemTable;
  orderStatusHistory: OrderStatusHistoryTable;
  doseAnswers: DoseAnswerTable;
}
