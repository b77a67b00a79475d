import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { EntityId } from '../../shared/api-schemas.js';
import {
  adherence,
  ANSWER_CLOCK_SKEW_MS,
  ANSWER_EARLY_MS,
  DAY_MS,
  doseState,
  shanghaiMidnight,
} from '../../shared/pharmacy/reminders.js';
import {
  Adherence,
  CareHomeDoses,
  DoseAnswer,
  DoseAnswerRequest,
  MissedDoseList,
} from '../../shared/pharmacy/schemas.js';
import { authorize, canSeePatient, careHomeDoseWatch, missedDoseWatchlist } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { dosesWithAnswers } from './dose-answers.js';

const ADHERENCE_DAYS = 30;

const answerDose = createRoute({
  method: 'post',
  path: '/api/pharmacy/doses',
  summary: 'The resident answers a reminder: 已服药 (taken) or 稍后提醒 (later); idempotent per dose',
  description:
    "Taken is recorded once per dose (a retry returns the first answer); later keeps its latest press. After taken, later changes nothing. answeredAt (server time, as the TV knew it) is when the resident answered: an answer kept offline arrives late but counts when it was given; it may not be in the future (beyond a 2-minute skew) nor before the dose's window opens (an hour before its time).",
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
const careHomeDoses = createRoute({
  method: 'get',
  path: '/api/pharmacy/care-home/doses',
  summary: "Today's overdue and missed doses of the signed-in kiosk's care home residents",
  tags: ['pharmacy'],
  responses: {
    200: { description: 'Residents with overdue or missed doses today', ...json(CareHomeDoses) },
    ...errorResponses(401, 403),
  },
});

export function registerDoseRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'clock' | 'push'>,
): void {
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
    const now = deps.clock.now();
    // A dose of this prescription's schedule, no more than an hour ahead (taken a little early).
    const [match] = await dosesWithAnswers(
      db,
      [prescription],
      new Date(scheduled.getTime()),
      new Date(scheduled.getTime() + 1),
    );
    if (!match?.doses.length || scheduled.getTime() > now.getTime() + ANSWER_EARLY_MS) {
      throw new ApiError(400, 'validation_failed', 'scheduledAt: not a dose time of this prescription');
    }
    // When the resident answered (server time by the TV's offset): late from the outbox, still
    // counted when given (adherence: on time = within the hour).
    const given = body.answeredAt ? new Date(body.answeredAt) : now;
    if (given.getTime() > now.getTime() + ANSWER_CLOCK_SKEW_MS) {
      throw new ApiError(400, 'validation_failed', 'answeredAt: in the future');
    }
    if (given.getTime() < scheduled.getTime() - ANSWER_EARLY_MS) {
      throw new ApiError(400, 'validation_failed', "answeredAt: before the dose's window opens");
    }
    const deviceId = actor.kind === 'tv' ? actor.deviceId : null;
    const at = given.toISOString();
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
            oc
              .columns(['prescriptionId', 'scheduledAt', 'answer'])
              .doUpdateSet({ answeredAt: at })
              // An older press arriving late from an outbox does not hide a newer one.
              .where('doseAnswers.answeredAt', '<', at),
          )
          .execute();
        // The press on record: this one, or a newer one that arrived first.
        const later = await trx
          .selectFrom('doseAnswers')
          .select(['answer', 'answeredAt'])
          .where('prescriptionId', '=', values.prescriptionId)
          .where('scheduledAt', '=', values.scheduledAt)
          .where('answer', '=', 'later')
          .executeTakeFirstOrThrow();
        if (later.answeredAt !== at) return later;
      }
      return { answer: body.answer, answeredAt: at, recorded: true };
    });
    // The resident's other TVs stop reminding of it (they merge the answers they read).
    if ('recorded' in result) {
      await deps.push.publish([actor.id], {
        type: 'pharmacy-dose-answered',
        prescriptionId: prescription.id,
        scheduledAt: values.scheduledAt,
      });
    }
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
    const now = deps.clock.now();
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
    const now = deps.clock.now();
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

  app.openapi(careHomeDoses, async (c) => {
    const actor = authorize(c, 'doses:care-home');
    const { db } = deps;
    const now = deps.clock.now();
    // Today, as the care home counts it: from midnight in Asia/Shanghai.
    const from = new Date(shanghaiMidnight(now.getTime()));
    const rows = await db
      .selectFrom('prescriptions')
      .selectAll()
      .where('status', '=', 'active')
      .where('patientId', 'in', careHomeDoseWatch(db, actor))
      .execute();
    const people = await db
      .selectFrom('users')
      .innerJoin('patients', 'patients.userId', 'users.id')
      .select(['users.id', 'users.displayName', 'patients.address'])
      .where('users.id', 'in', rows.length ? rows.map((r) => r.patientId) : [''])
      .execute();
    const names = await db.selectFrom('medicines').select(['id', 'genericNameZh', 'genericNameEn']).execute();
    const byResident = new Map<string, CareHomeDoses['residents'][number]['doses']>();
    for (const { row, doses, answersFor } of await dosesWithAnswers(db, rows, from, now)) {
      const name = names.find((n) => n.id === row.medicineId);
      for (const dose of doses) {
        const state = doseState(dose, answersFor(dose), now).state;
        if (state !== 'due' && state !== 'missed') continue;
        byResident.set(row.patientId, [
          ...(byResident.get(row.patientId) ?? []),
          {
            prescriptionId: row.id,
            genericNameZh: name?.genericNameZh ?? row.medicineId,
            genericNameEn: name?.genericNameEn ?? row.medicineId,
            doseAmount: row.doseAmount,
            doseUnit: row.doseUnit,
            scheduledAt: dose.toISOString(),
            state: state === 'due' ? 'overdue' : 'missed',
          },
        ]);
      }
    }
    const residents = people
      .filter((p) => byResident.has(p.id))
      .map((p) => ({
        patient: { id: p.id, displayName: p.displayName, address: p.address },
        doses: (byResident.get(p.id) ?? []).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)),
      }))
      .sort((a, b) => a.patient.address.localeCompare(b.patient.address));
    return c.json({ serverTime: now.toISOString(), residents }, 200);
  });
}
