import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { doseTimesBetween, supplyEndsAt } from '../../shared/pharmacy/reminders.js';
import { validUntilOf, type ReviewLine } from '../../shared/pharmacy/review-rules.js';
import type { PrescriptionLine, Prescription } from '../../shared/pharmacy/schemas.js';
import { OPEN_ORDER_STATUSES, type OrderStatus } from '../../shared/pharmacy/status.js';
import type { Db } from '../db/types.js';
import { medicineOf, medicinesById, reviewMedicineOf, type MedicineRow } from './medicines.js';
import type { PrescriptionTable } from './tables.js';

export type PrescriptionRow = Selectable<PrescriptionTable>;

/** Orders whose medicine has been handed over (or is on its way): their supply counts. */
export const SUPPLYING_STATUSES: readonly OrderStatus[] = ['approved', 'dispatched', 'delivered'];
/** Orders that use up one of a prescription's refills while they stand. */
const REFILL_COUNTING: readonly OrderStatus[] = [...OPEN_ORDER_STATUSES, 'delivered'];

export function prescriptionOf(
  row: PrescriptionRow,
  medicine: MedicineRow,
  refillsUsed: number,
): Prescription {
  return {
    id: row.id,
    patientId: row.patientId,
    doctorId: row.doctorId,
    consultationId: row.consultationId,
    medicine: medicineOf(medicine),
    doseAmount: row.doseAmount,
    doseUnit: row.doseUnit,
    frequency: row.frequency,
    route: row.route,
    daysSupply: row.daysSupply,
    refills: row.refills,
    refillsUsed,
    status: row.status,
    issuedAt: row.issuedAt,
    validUntil: row.validUntil,
  };
}

/** New prescription rows for a doctor's lines (not yet inserted). */
export function newPrescriptionRows(
  lines: readonly PrescriptionLine[],
  medicines: Map<string, MedicineRow>,
  ids: { patientId: string; doctorId: string; consultationId: string | null },
  now: Date,
): PrescriptionRow[] {
  return lines.map((line) => {
    const medicine = medicines.get(line.medicineId) as MedicineRow;
    return {
      id: `rx-${randomUUID()}`,
      ...ids,
      medicineId: line.medicineId,
      doseAmount: line.doseAmount,
      doseUnit: line.doseUnit,
      frequency: line.frequency,
      route: line.route ?? medicine.route,
      daysSupply: line.daysSupply,
      refills: line.refills,
      status: 'active',
      issuedAt: now.toISOString(),
      validUntil: validUntilOf(now, line.daysSupply, line.refills).toISOString(),
      updatedAt: now.toISOString(),
    };
  });
}

export interface Supply {
  startsAt: Date;
  days: number;
}

/** Each prescription's supplies so far (approved orders' items), oldest first, and refills used. */
export async function suppliesOf(
  db: Db,
  prescriptionIds: readonly string[],
): Promise<{
  supplies: Map<string, Supply[]>;
  refillsUsed: Map<string, number>;
  openOrder: Map<string, string>;
}> {
  const supplies = new Map<string, Supply[]>();
  const refillsUsed = new Map<string, number>();
  const openOrder = new Map<string, string>();
  if (prescriptionIds.length === 0) return { supplies, refillsUsed, openOrder };
  const rows = await db
    .selectFrom('orderItems')
    .innerJoin('orders', 'orders.id', 'orderItems.orderId')
    .select([
      'orderItems.prescriptionId',
      'orderItems.daysSupply',
      'orders.id',
      'orders.kind',
      'orders.status',
      'orders.createdAt',
    ])
    .where('orderItems.prescriptionId', 'in', [...prescriptionIds])
    .orderBy('orders.createdAt')
    .execute();
  for (const row of rows) {
    if (SUPPLYING_STATUSES.includes(row.status)) {
      const list = supplies.get(row.prescriptionId) ?? [];
      list.push({ startsAt: new Date(row.createdAt), days: row.daysSupply });
      supplies.set(row.prescriptionId, list);
    }
    if (row.kind === 'refill' && REFILL_COUNTING.includes(row.status)) {
      refillsUsed.set(row.prescriptionId, (refillsUsed.get(row.prescriptionId) ?? 0) + 1);
    }
    if (OPEN_ORDER_STATUSES.includes(row.status)) openOrder.set(row.prescriptionId, row.id);
  }
  return { supplies, refillsUsed, openOrder };
}

/** The reminder course of a prescription: from its issue to the end of the supply on hand. */
export function courseOf(
  row: PrescriptionRow,
  supplies: readonly Supply[],
): { startsAt: Date; endsAt: Date } {
  const startsAt = new Date(row.issuedAt);
  return { startsAt, endsAt: supplyEndsAt(supplies) ?? startsAt };
}

export function activePrescriptionsOf(db: Db, patientId: string): Promise<PrescriptionRow[]> {
  return db
    .selectFrom('prescriptions')
    .selectAll()
    .where('patientId', '=', patientId)
    .where('status', '=', 'active')
    .orderBy('issuedAt')
    .execute();
}

/** Prescriptions as review lines for the pre-screen, with their last supply. */
export async function reviewLinesOf(
  db: Db,
  rows: readonly PrescriptionRow[],
  daysOverride?: Map<string, number>,
) {
  const medicines = await medicinesById(
    db,
    rows.map((r) => r.medicineId),
  );
  const { supplies } = await suppliesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row): ReviewLine => {
    const last = supplies.get(row.id)?.at(-1) ?? null;
    return {
      prescriptionId: row.id,
      medicine: reviewMedicineOf(medicines.get(row.medicineId) as MedicineRow),
      doseAmount: row.doseAmount,
      frequency: row.frequency,
      route: row.route,
      daysSupply: daysOverride?.get(row.id) ?? row.daysSupply,
      validUntil: new Date(row.validUntil),
      lastSupply: last ? { dispensedAt: last.startsAt, daysSupply: last.days } : null,
    };
  });
}

/** What the consultation's summary shows of the prescriptions written in it. */
export async function prescriptionsOfConsultation(db: Db, consultationId: string) {
  return db
    .selectFrom('prescriptions')
    .innerJoin('medicines', 'medicines.id', 'prescriptions.medicineId')
    .select([
      'prescriptions.id',
      'medicines.genericNameZh',
      'medicines.strength',
      'prescriptions.doseAmount',
      'prescriptions.doseUnit',
      'prescriptions.frequency',
      'prescriptions.daysSupply',
      'prescriptions.refills',
    ])
    .where('prescriptions.consultationId', '=', consultationId)
    .orderBy('prescriptions.issuedAt')
    .execute();
}

/** Dose instants of a prescription within [from, to). */
export function dosesOf(row: PrescriptionRow, supplies: readonly Supply[], from: Date, to: Date): Date[] {
  return doseTimesBetween(row.frequency, courseOf(row, supplies), from, to);
}
