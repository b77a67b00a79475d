import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { estimatedPatientShareFen } from '../../shared/pharmacy/money.js';
import { packsFor, prescreen } from '../../shared/pharmacy/review-rules.js';
import type { Order, ReviewFinding } from '../../shared/pharmacy/schemas.js';
import { transition, type OrderAction, type OrderStatus } from '../../shared/pharmacy/status.js';
import type { Role } from '../../shared/roles.js';
import type { Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { PushHub } from '../push/push-hub.js';
import { medicineOf, medicinesById, type MedicineRow } from './medicines.js';
import { activePrescriptionsOf, reviewLinesOf, type PrescriptionRow } from './prescriptions.js';
import type { OrderTable } from './tables.js';

export type OrderRow = Selectable<OrderTable>;
type Executor = Pick<Db, 'selectFrom' | 'insertInto' | 'updateTable'>;

/** The pre-screen for an order's prescriptions against the patient's record and other medicines. */
export async function prescreenOrder(
  db: Db,
  patientId: string,
  prescriptionRows: readonly PrescriptionRow[],
  now: Date,
): Promise<ReviewFinding[]> {
  const patient = await db
    .selectFrom('patients')
    .select(['conditions', 'allergies'])
    .where('userId', '=', patientId)
    .executeTakeFirstOrThrow();
  const inOrder = new Set(prescriptionRows.map((r) => r.id));
  const others = (await activePrescriptionsOf(db, patientId)).filter((r) => !inOrder.has(r.id));
  return prescreen({
    lines: await reviewLinesOf(db, prescriptionRows),
    current: await reviewLinesOf(db, others),
    conditions: JSON.parse(patient.conditions) as string[],
    allergies: JSON.parse(patient.allergies) as string[],
    now,
  });
}

/** Order rows priced in fen: whole packs for each prescription's supply. */
export function pricedItems(
  prescriptions: readonly Pick<
    PrescriptionRow,
    'id' | 'medicineId' | 'doseAmount' | 'frequency' | 'daysSupply'
  >[],
  medicines: ReadonlyMap<string, Pick<MedicineRow, 'packSize' | 'priceFen' | 'insuranceCategory'>>,
) {
  const items = prescriptions.map((p) => {
    const medicine = medicines.get(p.medicineId);
    if (!medicine) throw new Error(`no medicine ${p.medicineId}`);
    const packs = packsFor(p.doseAmount, p.frequency, p.daysSupply, medicine.packSize);
    const lineTotalFen = packs * medicine.priceFen;
    return {
      prescriptionId: p.id,
      medicineId: p.medicineId,
      packs,
      unitPriceFen: medicine.priceFen,
      lineTotalFen,
      daysSupply: p.daysSupply,
      share: estimatedPatientShareFen(lineTotalFen, medicine.insuranceCategory),
    };
  });
  return {
    items,
    totalFen: items.reduce((sum, i) => sum + i.lineTotalFen, 0),
    patientShareFen: items.reduce((sum, i) => sum + i.share, 0),
  };
}

/** Inserts an order with its items and its first history entry (status submitted). */
export async function insertOrder(
  trx: Executor,
  values: {
    patientId: string;
    kind: 'new' | 'refill';
    deliveryAddress: string;
    idempotencyKey: string | null;
    requestHash: string | null;
    findings: ReviewFinding[];
    priced: ReturnType<typeof pricedItems>;
    actor: { id: string; role: Role };
  },
  now: Date,
): Promise<string> {
  const id = `ord-${randomUUID()}`;
  const at = now.toISOString();
  await trx
    .insertInto('orders')
    .values({
      id,
      patientId: values.patientId,
      kind: values.kind,
      status: 'submitted',
      idempotencyKey: values.idempotencyKey,
      requestHash: values.requestHash,
      deliveryAddress: values.deliveryAddress,
      totalFen: values.priced.totalFen,
      patientShareFen: values.priced.patientShareFen,
      findings: JSON.stringify(values.findings),
      reason: null,
      courier: null,
      trackingNumber: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await trx
    .insertInto('orderItems')
    .values(values.priced.items.map(({ share: _share, ...item }) => ({ ...item, orderId: id })))
    .execute();
  await trx
    .insertInto('orderStatusHistory')
    .values({
      orderId: id,
      status: 'submitted',
      actorId: values.actor.id,
      actorRole: values.actor.role,
      at,
      note: null,
    })
    .execute();
  return id;
}

export function findOrder(db: Db, id: string): Promise<OrderRow | undefined> {
  return db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Orders as the API shows them, with items, findings and history. */
export async function ordersOf(db: Db, rows: readonly OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const items = await db.selectFrom('orderItems').selectAll().where('orderId', 'in', ids).execute();
  const medicines = await medicinesById(
    db,
    items.map((i) => i.medicineId),
  );
  const history = await db
    .selectFrom('orderStatusHistory')
    .innerJoin('users', 'users.id', 'orderStatusHistory.actorId')
    .select([
      'orderStatusHistory.orderId',
      'orderStatusHistory.status',
      'orderStatusHistory.at',
      'orderStatusHistory.note',
      'orderStatusHistory.actorRole',
      'users.id as userId',
      'users.displayName',
    ])
    .where('orderStatusHistory.orderId', 'in', ids)
    .orderBy('orderStatusHistory.id')
    .execute();
  const patients = await db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where(
      'id',
      'in',
      rows.map((r) => r.patientId),
    )
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    patient: patients.find((p) => p.id === row.patientId) ?? { id: row.patientId, displayName: '' },
    deliveryAddress: row.deliveryAddress,
    items: items
      .filter((i) => i.orderId === row.id)
      .map((i) => ({
        prescriptionId: i.prescriptionId,
        medicine: medicineOf(medicines.get(i.medicineId) as MedicineRow),
        packs: i.packs,
        unitPriceFen: i.unitPriceFen,
        lineTotalFen: i.lineTotalFen,
      })),
    totalFen: row.totalFen,
    estimatedPatientShareFen: row.patientShareFen,
    findings: JSON.parse(row.findings) as ReviewFinding[],
    reason: row.reason,
    courier: row.courier,
    trackingNumber: row.trackingNumber,
    createdAt: row.createdAt,
    history: history
      .filter((h) => h.orderId === row.id)
      .map((h) => ({
        status: h.status,
        at: h.at,
        by: { id: h.userId, displayName: h.displayName, role: h.actorRole },
        note: h.note,
      })),
  }));
}

export async function orderOf(db: Db, id: string): Promise<Order> {
  const row = await findOrder(db, id);
  if (!row) throw new ApiError(404, 'not_found', 'No such order.');
  const [order] = await ordersOf(db, [row]);
  return order as Order;
}

/** Who hears about an order: the resident's screens and each prescribing doctor. */
async function orderAudience(db: Db, order: OrderRow): Promise<string[]> {
  const doctors = await db
    .selectFrom('orderItems')
    .innerJoin('prescriptions', 'prescriptions.id', 'orderItems.prescriptionId')
    .select('prescriptions.doctorId')
    .where('orderItems.orderId', '=', order.id)
    .execute();
  return [order.patientId, ...doctors.map((d) => d.doctorId)];
}

/** Every pharmacist's console hears that the review queue changed. */
export async function notifyPharmacists(db: Db, push: PushHub): Promise<void> {
  const pharmacists = await db.selectFrom('users').select('id').where('role', '=', 'pharmacist').execute();
  await push.publish(
    pharmacists.map((p) => p.id),
    { type: 'pharmacy-queue-changed' },
  );
}

export async function publishOrderStatus(db: Db, push: PushHub, order: OrderRow): Promise<void> {
  await push.publish(await orderAudience(db, order), {
    type: 'pharmacy-order',
    orderId: order.id,
    status: order.status,
    reason: order.reason,
    courier: order.courier,
    trackingNumber: order.trackingNumber,
  });
}

const STATUS_FOR_ERROR = { illegal_transition: 409, forbidden: 403, validation_failed: 400 } as const;

/**
 * The one way an order's status changes: the pure status machine decides, the update is made only
 * if the status is still the one decided on (a concurrent change loses with 409), the history gets
 * its entry in the same transaction, and the resident and doctor are told.
 */
export async function changeOrderStatus(
  db: Db,
  push: PushHub,
  orderId: string,
  action: OrderAction,
  actor: { id: string; role: Role },
  extra: {
    reason?: string;
    courier?: string;
    trackingNumber?: string;
    note?: string;
    /** Runs inside the transaction before the status moves (the doctor's changes). */
    before?: (trx: Db, order: OrderRow) => Promise<Partial<Pick<OrderRow, 'findings'>>>;
  } = {},
  now = new Date(),
): Promise<OrderRow> {
  const updated = await db.transaction().execute(async (trx) => {
    const order = await trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
    if (!order) throw new ApiError(404, 'not_found', 'No such order.');
    const result = transition(order.status, action, actor.role, extra.reason ?? null);
    if (!result.ok) throw new ApiError(STATUS_FOR_ERROR[result.code], result.code, result.message);
    const more = (await extra.before?.(trx, order)) ?? {};
    const at = now.toISOString();
    const changes: Partial<OrderRow> & { status: OrderStatus; updatedAt: string } = {
      ...more,
      status: result.to,
      updatedAt: at,
    };
    if (action === 'return_to_doctor' || action === 'reject') changes.reason = extra.reason ?? null;
    if (action === 'resubmit') changes.reason = null;
    if (action === 'dispatch') {
      changes.courier = extra.courier ?? null;
      changes.trackingNumber = extra.trackingNumber ?? null;
    }
    const done = await trx
      .updateTable('orders')
      .set(changes)
      .where('id', '=', orderId)
      .where('status', '=', order.status)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) {
      throw new ApiError(409, 'illegal_transition', 'The order changed meanwhile; reload it.');
    }
    await trx
      .insertInto('orderStatusHistory')
      .values({
        orderId,
        status: result.to,
        actorId: actor.id,
        actorRole: actor.role,
        at,
        note:
          extra.reason ??
          extra.note ??
          (action === 'dispatch' ? `${extra.courier} ${extra.trackingNumber}` : null),
      })
      .execute();
    return { ...order, ...changes } as OrderRow;
  });
  await publishOrderStatus(db, push, updated);
  if (['submitted', 'under_review', 'cancelled'].includes(updated.status)) await notifyPharmacists(db, push);
  return updated;
}
