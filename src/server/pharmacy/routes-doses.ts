import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { EntityId } from '../../shared/api-schemas.js';
import { adherence, DAY_MS, doseState, MINUTE_MS, type Answer } from '../../shared/pharmacy/reminders.js';
import { Adherence, DoseAnswer, DoseAnswerRequest, MissedDoseList } from '../../shared/pharmacy/schemas.js';
import { authorize, canSeePatient, missedDoseWatchlist } from '../access/policy.js';
import type { Db } from '../db/types.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { dosesOf, suppliesOf, type PrescriptionRow } from './prescriptions.js';

const ADHERENCE_DAYS = 30;

const answerDose = createRoute({
  method: 'post',
  path: '/api/pharmacy/doses',
  summary: 'The resident answers a reminder: 已服药 (taken) or 稍后提醒 (later); idempotent per dose',
  description:
    'Taken is recorded once per dose (a retry returns the first answer); later keeps its latest press. After taken, later changes nothing.',
  tags: ['pharmacy'],
  request: { body: { required: true, ...json(DoseAnswerRequest) } },
  responses: {
    200: { description: 'The answer on record', ...json(DoseAnswer) },
    ...errorResponses(400, 401, 403, 404, 413),
  },
});
const patientAdherence = createRoute({
  method: 'get',
  path: '/api/pharmacy/patients/{id}/adherence',
  summary: "A patient's adherence over the last 30 days, per medicine (on time = taken within the hour)",
  tags: ['pharmacy'],
  request: { params: z.object({ id: EntityId }) },
  responses: { 200: { description: 'Adherence', ...json(Adherence) }, ...errorResponses(400, 401, 403, 404) },
});
const missedDoses = createRoute({
  method: 'get',
  path: '/api/pharmacy/missed-doses',
  summary:
    "Doses missed in the last 24 hours: the family doctor's patients, or a care home kiosk's residents",
  tags: ['pharmacy'],
  responses: {
    200: { description: 'Missed doses, newest first', ...json(MissedDoseList) },
    ...errorResponses(401, 403),
  },
});

/** Answers per prescription and dose instant. */
async function answersOf(db: Db, prescriptionIds: readonly string[], since: Date) {
  const map = new Map<string, Answer[]>();
  if (prescriptionIds.length === 0) return map;
  const rows = await db
    .selectFrom('doseAnswers')
    .select(['prescriptionId', 'scheduledAt', 'answer', 'answeredAt'])
    .where('prescriptionId', 'in', [...prescriptionIds])
    .where('scheduledAt', '>=', since.toISOString())
    .execute();
  for (const row of rows) {
    const key = `${row.prescriptionId} ${new Date(row.scheduledAt).getTime()}`;
    map.set(key, [...(map.get(key) ?? []), { answer: row.answer, at: new Date(row.answeredAt) }]);
  }
  return map;
}

async function dosesWithAnswers(db: Db, rows: readonly PrescriptionRow[], from: Date, to: Date) {
  const { supplies } = await suppliesOf(
    db,
    rows.map((r) => r.id),
  );
  const answers = await answersOf(
    db,
    rows.map((r) => r.id),
    from,
  );
  return rows.map((row) => ({
    row,
    doses: dosesOf(row, supplies.get(row.id) ?? [], from, to),
    answersFor: (dose: Date) => answers.get(`${row.id} ${dose.getTime()}`) ?? [],
  }));
}

export function registerDoseRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db'>): void {
  app.openapi(answerDose, async (c) => {
    const actor = authorize(c, 'doses:answer');
    const { db } = deps;
    const body = c.req.valid('json');
    const prescription = await db
      .selectFrom('prescriptions')
      .selectAll()
      .where('id', '=', body.prescriptionId)
      .where('patientId', '=', actor.id)
      .executeTakeFirst();
    if (!prescription) throw new ApiError(404, 'not_found', 'No such prescription.');
    const scheduled = new Date(body.scheduledAt);
    const now = new Date();
    // A dose of this prescription's schedule, no more than an hour ahead (taken a little early).
    const [match] = await dosesWithAnswers(
      db,
      [prescription],
      new Date(scheduled.getTime()),
      new Date(scheduled.getTime() + 1),
    );
    if (!match?.doses.length || scheduled.getTime() > now.getTime() + 60 * MINUTE_MS) {
      throw new ApiError(400, 'validation_failed', 'scheduledAt: not a dose time of this prescription');
    }
    const deviceId = actor.kind === 'tv' ? actor.deviceId : null;
    const at = now.toISOString();
    const values = {
      prescriptionId: prescription.id,
      patientId: actor.id,
      scheduledAt: scheduled.toISOString(),
      answer: body.answer,
      answeredAt: at,
      deviceId,
    };
    const result = await db.transaction().execute(async (trx) => {
      const taken = await trx
        .selectFrom('doseAnswers')
        .select(['answer', 'answeredAt'])
        .where('prescriptionId', '=', values.prescriptionId)
        .where('scheduledAt', '=', values.scheduledAt)
        .where('answer', '=', 'taken')
        .executeTakeFirst();
      if (taken) return taken;
      if (body.answer === 'taken') {
        await trx.insertInto('doseAnswers').values(values).execute();
      } else {
        await trx
          .insertInto('doseAnswers')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['prescriptionId', 'scheduledAt', 'answer']).doUpdateSet({ answeredAt: at }),
          )
          .execute();
      }
      return { answer: body.answer, answeredAt: at };
    });
    return c.json(
      {
        prescriptionId: prescription.id,
        scheduledAt: values.scheduledAt,
        answer: result.answer,
        answeredAt: new Date(result.answeredAt).toISOString(),
      },
      200,
    );
  });

  app.openapi(patientAdherence, async (c) => {
    const actor = authorize(c, 'adherence:read');
    const { db } = deps;
    const { id } = c.req.valid('param');
    if (!(await canSeePatient(db, actor, id))) throw new ApiError(404, 'not_found', 'No such patient.');
    const now = new Date();
    const from = new Date(now.getTime() - ADHERENCE_DAYS * DAY_MS);
    const rows = await db.selectFrom('prescriptions').selectAll().where('patientId', '=', id).execute();
    const names = await db.selectFrom('medicines').select(['id', 'genericNameZh']).execute();
    const medicines = (await dosesWithAnswers(db, rows, from, now)).map(({ row, doses, answersFor }) => ({
      prescriptionId: row.id,
      genericNameZh: names.find((n) => n.id === row.medicineId)?.genericNameZh ?? row.medicineId,
      ...adherence(doses, answersFor, now),
    }));
    return c.json({ patientId: id, days: ADHERENCE_DAYS, medicines }, 200);
  });

  app.openapi(missedDoses, async (c) => {
    const actor = authorize(c, 'doses:missed');
    const { db } = deps;
    const now = new Date();
    const from = new Date(now.getTime() - DAY_MS);
    const rows = await db
      .selectFrom('prescriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('patientId', 'in', missedDoseWatchlist(db, actor))
      .execute();
    const people = await db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('id', 'in', rows.length ? rows.map((r) => r.patientId) : [''])
      .execute();
    const names = await db.selectFrom('medicines').select(['id', 'genericNameZh']).execute();
    const doses = (await dosesWithAnswers(db, rows, from, now)).flatMap(({ row, doses: list, answersFor }) =>
      list
        .filter((dose) => doseState(dose, answersFor(dose), now).state === 'missed')
        .map((dose) => ({
          patient: people.find((p) => p.id === row.patientId) ?? { id: row.patientId, displayName: '' },
          prescriptionId: row.id,
          genericNameZh: names.find((n) => n.id === row.medicineId)?.genericNameZh ?? row.medicineId,
          scheduledAt: dose.toISOString(),
        })),
    );
    doses.sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt));
    return c.json({ doses }, 200);
  });
}
