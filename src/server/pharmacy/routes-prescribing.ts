import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { EntityId } from '../../shared/api-schemas.js';
import {
  ANSWER_EARLY_MS,
  daysOfSupplyLeft,
  DOSE_CLOCK,
  MISSED_AFTER_MS,
  nextDoseAt,
  offersReorder,
} from '../../shared/pharmacy/reminders.js';
import { reorderBlock } from '../../shared/pharmacy/reorder-rules.js';
import {
  CatalogueQuery,
  CurrentMedicineList,
  MedicineList,
  PrescribeRequest,
  PrescribeResult,
} from '../../shared/pharmacy/schemas.js';
import { searchCatalogue } from '../../shared/pharmacy/search.js';
import { auditReads } from '../access/audit-reads.js';
import { authorize, authorizeForResident } from '../access/policy.js';
import { findConsultation } from '../consultations/consultations.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { answersBetween } from './dose-answers.js';
import { medicineOf, medicinesById, type MedicineRow } from './medicines.js';
import {
  insertOrder,
  notifyPharmacists,
  orderOf,
  prescreenOrder,
  pricedItems,
  publishOrderStatus,
} from './orders.js';
import {
  activePrescriptionsOf,
  courseOf,
  newPrescriptionRows,
  prescriptionOf,
  suppliesOf,
} from './prescriptions.js';

const catalogue = createRoute({
  method: 'get',
  path: '/api/pharmacy/catalogue',
  summary: "Search the cloud pharmacy's catalogue by characters, pinyin initials ('adp') or English names",
  tags: ['pharmacy'],
  request: { query: CatalogueQuery },
  responses: {
    200: { description: 'Matches, best first', ...json(MedicineList) },
    ...errorResponses(400, 401, 403),
  },
});
const prescribe = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/prescriptions',
  summary: 'The doctor prescribes during or after their consultation; an order goes to pharmacist review',
  description:
    "The prescriptions appear in the consultation's summary. Each line's dose unit must be the medicine's; the pre-screen's findings are stored with the order for the pharmacist.",
  tags: ['pharmacy'],
  request: { params: z.object({ id: EntityId }), body: { required: true, ...json(PrescribeRequest) } },
  responses: {
    201: { description: 'Prescribed and submitted for review', ...json(PrescribeResult) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const myMedicines = createRoute({
  method: 'get',
  path: '/api/pharmacy/medicines/mine',
  summary:
    "The resident's current medicines (我的药): next dose, days of supply left, whether to offer a reorder",
  tags: ['pharmacy'],
  responses: {
    200: { description: 'Current medicines and the server time', ...json(CurrentMedicineList) },
    ...errorResponses(401, 403),
  },
});

/** Prescribing, the catalogue and the resident's current medicines. */
export function registerPrescribingRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'push' | 'clock' | 'limiter'>,
): void {
  app.openapi(catalogue, async (c) => {
    authorize(c, 'pharmacy:catalogue');
    const rows = await deps.db.selectFrom('medicines').selectAll().orderBy('id').execute();
    const found = searchCatalogue(c.req.valid('query').q, rows);
    return c.json({ medicines: found.map(medicineOf) }, 200);
  });

  app.openapi(prescribe, async (c) => {
    const actor = authorize(c, 'prescriptions:write');
    const { db, push } = deps;
    const consultation = await findConsultation(db, c.req.valid('param').id);
    // Only the consultation's own doctor prescribes in it; anyone else learns nothing of it.
    if (!consultation || consultation.doctorId !== actor.id) {
      throw new ApiError(404, 'not_found', 'No such consultation.');
    }
    if (!['active', 'ended'].includes(consultation.status)) {
      throw new ApiError(409, 'conflict', 'Prescribe during the call or after it has ended.');
    }
    const { lines } = c.req.valid('json');
    const medicines = await medicinesById(
      db,
      lines.map((l) => l.medicineId),
    );
    lines.forEach((line, i) => {
      const medicine = medicines.get(line.medicineId);
      if (!medicine)
        throw new ApiError(400, 'validation_failed', `lines.${i}.medicineId: not in the catalogue`);
      if (medicine.doseUnit !== line.doseUnit) {
        throw new ApiError(
          400,
          'validation_failed',
          `lines.${i}.doseUnit: this medicine is dosed in ${medicine.doseUnit}`,
        );
      }
      if (medicine.doseUnit === 'iu' && !Number.isInteger(line.doseAmount)) {
        throw new ApiError(
          400,
          'validation_failed',
          `lines.${i}.doseAmount: insulin is dosed in whole units`,
        );
      }
    });
    const now = new Date();
    const rows = newPrescriptionRows(
      lines,
      medicines,
      { patientId: consultation.patientId, doctorId: actor.id, consultationId: consultation.id },
      now,
    );
    const patient = await db
      .selectFrom('patients')
      .select('address')
      .where('userId', '=', consultation.patientId)
      .executeTakeFirstOrThrow();
    const orderId = await db.transaction().execute(async (trx) => {
      await trx.insertInto('prescriptions').values(rows).execute();
      const findings = await prescreenOrder(trx, consultation.patientId, rows, now);
      return insertOrder(
        trx,
        {
          patientId: consultation.patientId,
          kind: 'new',
          deliveryAddress: patient.address,
          idempotencyKey: null,
          requestHash: null,
          findings,
          priced: pricedItems(rows, medicines),
          actor: { id: actor.id, role: actor.role },
        },
        now,
      );
    });
    const order = await orderOf(db, orderId);
    const orderRow = await db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    await publishOrderStatus(db, push, orderRow);
    await notifyPharmacists(db, push);
    return c.json(
      {
        prescriptions: rows.map((r) => prescriptionOf(r, medicines.get(r.medicineId) as MedicineRow, 0)),
        order,
      },
      201,
    );
  });

  app.openapi(myMedicines, async (c) => {
    const { actor, patientId } = authorizeForResident(c, 'medicines:own');
    const { db } = deps;
    const now = deps.clock.now();
    const rows = await activePrescriptionsOf(db, patientId);
    // A public kiosk showing a resident's medicines (their visit): who saw them is audited.
    if (actor.kind === 'kiosk') await auditReads(c, deps, actor, 'medicines.read', [{ patientId }]);
    const medicines = await medicinesById(
      db,
      rows.map((r) => r.medicineId),
    );
    const { supplies, refillsUsed, openOrder } = await suppliesOf(
      db,
      rows.map((r) => r.id),
    );
    const list = rows.map((row) => {
      const own = supplies.get(row.id) ?? [];
      const daysLeft = daysOfSupplyLeft(own, now);
      const used = refillsUsed.get(row.id) ?? 0;
      const open = openOrder.get(row.id) ?? null;
      return {
        prescription: prescriptionOf(row, medicines.get(row.medicineId) as MedicineRow, used),
        nextDoseAt: nextDoseAt(row.frequency, courseOf(row, own), now)?.toISOString() ?? null,
        doseTimes: [...DOSE_CLOCK[row.frequency]],
        daysOfSupplyLeft: daysLeft,
        reorderOffered:
          offersReorder(daysLeft) &&
          reorderBlock({ refills: row.refills, refillsUsed: used, validUntil: row.validUntil }, open, now) ===
            null,
        openOrderId: open,
      };
    });
    // The reminder window: doses still due (up to an hour back) and those answerable early (an
    // hour ahead), answered on another TV or recorded by staff.
    const answers = await answersBetween(
      db,
      rows.map((r) => r.id),
      new Date(now.getTime() - MISSED_AFTER_MS),
      new Date(now.getTime() + ANSWER_EARLY_MS + 1),
    );
    return c.json({ medicines: list, serverTime: now.toISOString(), answers }, 200);
  });
}
