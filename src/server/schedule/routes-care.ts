import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EntityId } from '../../shared/api-schemas.js';
import { nextAppointment } from '../../shared/schedule/schedule-rules.js';
import {
  FamilyDoctorTeam,
  HomeVisit,
  HomeVisitCompletion,
  HomeVisitList,
  HomeVisitRequest,
  HomeVisitSchedule,
  HomeVisitStatus,
  RecordSummary,
  SignedResidents,
  type TeamMember,
} from '../../shared/schedule/schedule-schemas.js';
import { addDays, localDateOf } from '../../shared/schedule/shanghai-time.js';
import { recordAudit } from '../access/audit.js';
import { authorize, canActFor, canSeePatient, mayDo, visiblePatients } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import type { Actor } from '../identity/actor.js';
import { patientRecords, toRecord } from '../directory/patient-records.js';
import { townshipOfStaff } from '../directory/area.js';
import { currentMedicinesOf, latestReadingsOf } from './record-sections.js';
import { IdParam, invalid, notFound } from './route-helpers.js';
import {
  appointmentsQuery,
  homeVisitsQuery,
  toAppointment,
  toHomeVisit,
  townshipStaff,
  villageNameOf,
} from './schedule-queries.js';

/** How far ahead a home visit can be asked for. */
const HOME_VISIT_HORIZON_DAYS = 30;

const requestHomeVisit = createRoute({
  method: 'post',
  path: '/api/home-visits',
  summary:
    'Ask for a nurse or doctor at home (上门护理 / 家庭病床): the TV for its resident, a kiosk for one of its residents',
  tags: ['schedule'],
  request: { body: { required: true, ...json(HomeVisitRequest) } },
  responses: {
    201: { description: 'Asked', ...json(HomeVisit) },
    ...errorResponses(400, 401, 403, 404, 413),
  },
});
const listHomeVisits = createRoute({
  method: 'get',
  path: '/api/home-visits',
  summary: 'Home visits: a TV its own, a kiosk its care home’s, the console its township’s (newest first)',
  tags: ['schedule'],
  request: { query: z.object({ patientId: EntityId.optional(), status: HomeVisitStatus.optional() }) },
  responses: {
    200: { description: 'Home visits', ...json(HomeVisitList) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const scheduleHomeVisit = createRoute({
  method: 'post',
  path: '/api/home-visits/{id}/schedule',
  summary: 'The township assigns a nurse or doctor and a time; the TV then shows who comes when',
  tags: ['schedule'],
  request: { params: IdParam, body: { required: true, ...json(HomeVisitSchedule) } },
  responses: {
    200: { description: 'Scheduled', ...json(HomeVisit) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const completeHomeVisit = createRoute({
  method: 'post',
  path: '/api/home-visits/{id}/complete',
  summary: "The visit took place: the nurse's or doctor's note goes into the record",
  tags: ['schedule'],
  request: { params: IdParam, body: { required: true, ...json(HomeVisitCompletion) } },
  responses: {
    200: { description: 'Done', ...json(HomeVisit) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const cancelHomeVisit = createRoute({
  method: 'post',
  path: '/api/home-visits/{id}/cancel',
  summary: 'Call a home visit off (the resident’s side or the township) before it took place',
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Cancelled', ...json(HomeVisit) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const team = createRoute({
  method: 'get',
  path: '/api/patients/{id}/team',
  summary: "A resident's family-doctor team (doctor, nurse, village doctor) and how to reach them",
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'The team', ...json(FamilyDoctorTeam) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const signedResidents = createRoute({
  method: 'get',
  path: '/api/team/residents',
  summary: 'The residents signed to this doctor (签约) or whose team they are in',
  tags: ['schedule'],
  responses: { 200: { description: 'Residents', ...json(SignedResidents) }, ...errorResponses(401, 403) },
});
const summary = createRoute({
  method: 'get',
  path: '/api/patients/{id}/summary',
  summary: 'The health record on one page (我的健康档案); every read is audited',
  description:
    'allergies, latestReadings and medicines are empty until the readings and pharmacy features fill them (listed in notYetAvailable): empty on purpose, not broken.',
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'The summary', ...json(RecordSummary) },
    ...errorResponses(400, 401, 403, 404),
  },
});

/** A home visit the actor may see, or 404 (another's looks like a missing one). */
async function visibleHomeVisit(deps: Pick<AppDeps, 'db'>, actor: Actor, id: string) {
  const { db } = deps;
  const row = await homeVisitsQuery(db).where('homeVisits.id', '=', id).executeTakeFirst();
  if (!row || !(await canSeePatient(db, actor, row.patientId))) throw notFound('home visit');
  return row;
}

async function reloaded(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
  id: string,
  kioskId: string | null,
): Promise<HomeVisit> {
  const visit = toHomeVisit(
    await homeVisitsQuery(deps.db).where('homeVisits.id', '=', id).executeTakeFirstOrThrow(),
  );
  await deps.schedule.announceHomeVisit(visit, kioskId);
  return visit;
}

async function teamOf(deps: Pick<AppDeps, 'db'>, patientId: string): Promise<TeamMember[]> {
  const { db } = deps;
  const patient = await patientRecords(db).where('patients.userId', '=', patientId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('careTeamMembers')
    .innerJoin('users', 'users.id', 'careTeamMembers.memberId')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id',
      'users.displayName',
      'users.title',
      'careTeamMembers.teamRole',
      'careTeamMembers.phone',
      'organisations.name as organisationName',
    ])
    .where('careTeamMembers.patientId', '=', patientId)
    .execute();
  const order = { doctor: 0, nurse: 1, 'village-doctor': 2 } as const;
  const members: TeamMember[] = rows
    .map((r) => ({ ...r, contracted: r.id === patient.doctorId }))
    .sort((a, b) => order[a.teamRole] - order[b.teamRole]);
  // The contracted family doctor is always on the team, even before a team is set up.
  if (!members.some((m) => m.contracted)) {
    members.unshift({
      id: patient.doctorId,
      displayName: patient.doctorName,
      title: patient.doctorTitle,
      organisationName: patient.doctorOrganisationName,
      teamRole: 'doctor',
      phone: null,
      contracted: true,
    });
  }
  return members;
}

/**
 * The township's staff acting on a home visit of one of its residents: the role, the township
 * and the visit, or 403/404 (scheduling and recording ask the same).
 */
async function managedHomeVisit(c: Context<AppEnv>, deps: Pick<AppDeps, 'db'>) {
  const actor = authorize(c, 'home-visits:manage');
  const township = await townshipOfStaff(deps.db, actor);
  const row = await visibleHomeVisit(deps, actor, c.req.param('id') ?? '');
  return { actor, township, row };
}

export function registerScheduleCareRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
): void {
  app.openapi(requestHomeVisit, async (c) => {
    const actor = authorize(c, 'home-visits:request');
    const { db, schedule } = deps;
    const body = c.req.valid('json');
    const patientId = actor.kind === 'tv' ? (body.patientId ?? actor.id) : body.patientId;
    if (!patientId) throw invalid('patientId: required at a kiosk');
    if (!(await canActFor(db, actor, 'home-visits:request', patientId))) throw notFound('patient');
    const today = localDateOf(schedule.now());
    if (body.preferredDate < today || body.preferredDate > addDays(today, HOME_VISIT_HORIZON_DAYS)) {
      throw invalid(`preferredDate: from today to ${HOME_VISIT_HORIZON_DAYS} days ahead`);
    }
    const id = `hv-${randomUUID()}`;
    const now = schedule.now().toISOString();
    const kioskId = actor.kind === 'kiosk' ? actor.deviceId : null;
    await db
      .insertInto('homeVisits')
      .values({
        id,
        patientId,
        service: body.service,
        reason: body.reason,
        preferredDate: body.preferredDate,
        preferredHalfDay: body.preferredHalfDay,
        status: 'requested',
        assigneeId: null,
        startsAt: null,
        endsAt: null,
        visitNote: null,
        completedAt: null,
        requestedBy: actor.kind === 'kiosk' ? (actor.staff?.id ?? actor.id) : actor.id,
        kioskId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    return c.json(await reloaded(c, deps, id, kioskId), 201);
  });

  app.openapi(listHomeVisits, async (c) => {
    const actor = authorize(c, 'home-visits:read');
    const { db } = deps;
    const { patientId, status } = c.req.valid('query');
    let query = homeVisitsQuery(db).where('homeVisits.patientId', 'in', visiblePatients(db, actor));
    if (patientId) query = query.where('homeVisits.patientId', '=', patientId);
    if (status) query = query.where('homeVisits.status', '=', status);
    const rows = await query.orderBy('homeVisits.createdAt', 'desc').limit(200).execute();
    return c.json({ homeVisits: rows.map(toHomeVisit) }, 200);
  });

  app.openapi(scheduleHomeVisit, async (c) => {
    const { id } = c.req.valid('param');
    const { township, row } = await managedHomeVisit(c, deps);
    const body = c.req.valid('json');
    const { db, schedule } = deps;
    if (!(await townshipStaff(db, township)).includes(body.assigneeId)) {
      throw invalid("assigneeId: a doctor or nurse of the resident's township");
    }
    if (Date.parse(body.startsAt) <= schedule.now().getTime())
      throw invalid('startsAt: must be in the future');
    const done = await db
      .updateTable('homeVisits')
      .set({
        status: 'scheduled',
        assigneeId: body.assigneeId,
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        updatedAt: schedule.now().toISOString(),
      })
      .where('id', '=', id)
      .where('status', 'in', ['requested', 'scheduled'])
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n)
      throw new ApiError(409, 'conflict', 'This home visit took place or was called off.');
    return c.json(await reloaded(c, deps, id, row.kioskId), 200);
  });

  app.openapi(completeHomeVisit, async (c) => {
    const { id } = c.req.valid('param');
    const { row } = await managedHomeVisit(c, deps);
    const { db, schedule } = deps;
    const now = schedule.now().toISOString();
    const done = await db
      .updateTable('homeVisits')
      .set({ status: 'done', visitNote: c.req.valid('json').visitNote, completedAt: now, updatedAt: now })
      .where('id', '=', id)
      .where('status', '=', 'scheduled')
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n)
      throw new ApiError(409, 'conflict', 'Only a scheduled home visit can be recorded.');
    return c.json(await reloaded(c, deps, id, row.kioskId), 200);
  });

  app.openapi(cancelHomeVisit, async (c) => {
    const actor = authorize(c, 'home-visits:read');
    const { id } = c.req.valid('param');
    const row = await visibleHomeVisit(deps, actor, id);
    const { db, schedule } = deps;
    const may =
      actor.kind === 'clinician'
        ? mayDo(actor, 'home-visits:manage')
        : await canActFor(db, actor, 'home-visits:request', row.patientId);
    if (!may) throw new ApiError(403, 'forbidden', 'Not allowed for this role.');
    const done = await db
      .updateTable('homeVisits')
      .set({ status: 'cancelled', updatedAt: schedule.now().toISOString() })
      .where('id', '=', id)
      .where('status', 'in', ['requested', 'scheduled'])
      .executeTakeFirst();
    if (done.numUpdatedRows === 0n)
      throw new ApiError(409, 'conflict', 'This home visit took place or was called off.');
    return c.json(await reloaded(c, deps, id, row.kioskId), 200);
  });

  app.openapi(team, async (c) => {
    const actor = authorize(c, 'team:read');
    const { id } = c.req.valid('param');
    if (!(await canSeePatient(deps.db, actor, id))) throw notFound('patient');
    return c.json({ patientId: id, members: await teamOf(deps, id) }, 200);
  });

  app.openapi(signedResidents, async (c) => {
    const actor = authorize(c, 'team:signed-residents');
    const { db } = deps;
    const rows = await patientRecords(db)
      .innerJoin('organisations as home', 'home.id', 'person.organisationId')
      .leftJoin('careTeamMembers', (join) =>
        join
          .onRef('careTeamMembers.patientId', '=', 'patients.userId')
          .on('careTeamMembers.memberId', '=', actor.id),
      )
      .select([
        'careTeamMembers.teamRole',
        'home.id as homeId',
        'home.name as homeName',
        'patients.careHomeId',
      ])
      .where((eb) =>
        eb.or([eb('patients.familyDoctorId', '=', actor.id), eb('careTeamMembers.memberId', '=', actor.id)]),
      )
      .orderBy('person.displayName')
      .execute();
    const residents = new Map<string, SignedResidents['residents'][number]>();
    for (const r of rows) {
      const entry = residents.get(r.id) ?? {
        id: r.id,
        displayName: r.displayName,
        address: r.address,
        // Where the mobile clinic comes for them: the care home they live in, else their village.
        village:
          r.careHomeId && r.careHomeName
            ? { id: r.careHomeId, name: r.careHomeName }
            : { id: r.homeId, name: villageNameOf(r.homeName) },
        teamRoles: [],
        contracted: r.doctorId === actor.id,
      };
      if (r.teamRole) entry.teamRoles.push(r.teamRole);
      residents.set(r.id, entry);
    }
    return c.json({ residents: [...residents.values()] }, 200);
  });

  app.openapi(summary, async (c) => {
    const actor = authorize(c, 'patients:read');
    const { db, schedule } = deps;
    const { id } = c.req.valid('param');
    if (!(await canSeePatient(db, actor, id))) {
      await recordAudit(db, actor, c.var.address, {
        action: 'patient.summary',
        outcome: 'denied',
        patientId: id,
      });
      throw notFound('patient');
    }
    const patient = toRecord(
      await patientRecords(db).where('patients.userId', '=', id).executeTakeFirstOrThrow(),
    );
    const appointments = (
      await appointmentsQuery(db)
        .where('appointments.patientId', '=', id)
        .where('appointments.status', '=', 'booked')
        .execute()
    ).map(toAppointment);
    const consultations = await db
      .selectFrom('consultations')
      .innerJoin('users as doctor', 'doctor.id', 'consultations.doctorId')
      .select([
        'consultations.id',
        'consultations.reason',
        'consultations.endedAt',
        'consultations.summaryDiagnosis',
        'consultations.summaryAdvice',
        'doctor.id as doctorId',
        'doctor.displayName as doctorName',
      ])
      .where('consultations.patientId', '=', id)
      .where('consultations.status', '=', 'ended')
      .orderBy('consultations.endedAt', 'desc')
      .limit(20)
      .execute();
    const homeVisits = await homeVisitsQuery(db)
      .where('homeVisits.patientId', '=', id)
      .where('homeVisits.status', 'in', ['scheduled', 'done'])
      .orderBy('homeVisits.createdAt', 'desc')
      .limit(20)
      .execute();
    const { conditions } = patient;
    const latestReadings = await latestReadingsOf(db, { id, conditions }, schedule.now());
    const medicines = await currentMedicinesOf(db, id);
    await recordAudit(db, actor, c.var.address, {
      action: 'patient.summary',
      outcome: 'allowed',
      patientId: id,
    });
    return c.json(
      {
        patient: {
          id: patient.id,
          displayName: patient.displayName,
          birthDate: patient.birthDate,
          sex: patient.sex,
        },
        conditions,
        allergies: patient.allergies,
        latestReadings,
        medicines,
        nextAppointment: nextAppointment(appointments, schedule.now()),
        consultations: consultations.map((r) => ({
          id: r.id,
          reason: r.reason,
          doctor: { id: r.doctorId, displayName: r.doctorName },
          endedAt: r.endedAt,
          summary:
            r.summaryDiagnosis === null
              ? null
              : { diagnosis: r.summaryDiagnosis, advice: r.summaryAdvice ?? '' },
        })),
        homeVisits: homeVisits.map(toHomeVisit),
        // Every section now has its feature; the field stays for sections added later.
        notYetAvailable: [],
      },
      200,
    );
  });
}
