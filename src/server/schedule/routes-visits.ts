import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { EntityId } from '../../shared/api-schemas.js';
import {
  MobileVisit,
  MobileVisitInput,
  MobileVisitList,
  TownshipPlaces,
} from '../../shared/schedule/schedule-schemas.js';
import { visitWindow } from '../../shared/schedule/schedule-rules.js';
import { authorize } from '../access/policy.js';
import { townshipOf, townshipOfStaff } from '../directory/area.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { residentPlaces } from './places.js';
import { toVisits, townshipStaffQuery, villageNameOf, visitsQuery } from './schedule-queries.js';
import { IdParam, WEEK_MS, invalid, notFound, patientFor, visitOfTownship } from './route-helpers.js';

const listVisits = createRoute({
  method: 'get',
  path: '/api/visits',
  summary:
    "The mobile clinic's coming visits: the resident's village (TV, kiosk) or the township's (console)",
  tags: ['schedule'],
  request: { query: z.object({ patientId: EntityId.optional() }) },
  responses: {
    200: { description: 'Visits', ...json(MobileVisitList) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const createVisit = createRoute({
  method: 'post',
  path: '/api/visits',
  summary: 'A township doctor plans a visit of a vehicle to one of its villages',
  tags: ['schedule'],
  request: { body: { required: true, ...json(MobileVisitInput) } },
  responses: {
    201: { description: 'Planned', ...json(MobileVisit) },
    ...errorResponses(400, 401, 403, 404, 413),
  },
});
const editVisit = createRoute({
  method: 'put',
  path: '/api/visits/{id}',
  summary: 'A township doctor changes a visit (its time only while nobody is booked)',
  tags: ['schedule'],
  request: { params: IdParam, body: { required: true, ...json(MobileVisitInput) } },
  responses: {
    200: { description: 'Changed', ...json(MobileVisit) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const cancelVisit = createRoute({
  method: 'post',
  path: '/api/visits/{id}/cancel',
  summary: "A township doctor calls a visit off; its bookings are cancelled and the residents' TVs told",
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Cancelled', ...json(MobileVisit) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const townshipPlaces = createRoute({
  method: 'get',
  path: '/api/township',
  summary:
    "The doctor's township: its villages and care homes, its doctors and nurses (the visit form's choices)",
  tags: ['schedule'],
  responses: {
    200: { description: 'The township', ...json(TownshipPlaces) },
    ...errorResponses(401, 403),
  },
});

/** Checks a visit's village and team against the doctor's township; the visit's window. */
async function checkVisit(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
  township: string,
  input: MobileVisitInput,
) {
  const { db } = deps;
  const village = await db
    .selectFrom('organisations')
    .select('kind')
    .where('id', '=', input.villageId)
    .executeTakeFirst();
  if (
    !village ||
    !['village_clinic', 'care_home'].includes(village.kind) ||
    (await townshipOf(db, input.villageId)) !== township
  ) {
    throw notFound('village in your township');
  }
  const team = [...new Set(input.teamIds)];
  if (team.length) {
    const known = await db
      .selectFrom('users')
      .select('id')
      .where('id', 'in', team)
      .where('role', 'in', ['doctor', 'nurse', 'specialist'])
      .execute();
    if (known.length !== team.length) throw invalid('teamIds: only doctors, nurses and specialists');
  }
  const window = visitWindow(input.date, input.startTime, input.endTime);
  if (Date.parse(window.startsAt) <= deps.schedule.now().getTime())
    throw invalid('date: the visit must be in the future');
  return { ...window, team: JSON.stringify(team) };
}

async function oneVisit(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
  id: string,
): Promise<MobileVisit> {
  const { db, schedule } = deps;
  const rows = await visitsQuery(db).where('mobileVisits.id', '=', id).execute();
  const [visit] = await toVisits(db, rows, schedule.now());
  if (!visit) throw notFound('visit');
  return visit;
}

export function registerScheduleVisitRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
): void {
  app.openapi(listVisits, async (c) => {
    const actor = authorize(c, 'schedule:read');
    const { db, schedule } = deps;
    const now = schedule.now();
    const { patientId } = c.req.valid('query');
    let query = visitsQuery(db);
    if (actor.kind === 'clinician' && !patientId) {
      query = query
        .where('mobileVisits.townshipId', '=', await townshipOfStaff(deps.db, actor))
        .where('mobileVisits.endsAt', '>', new Date(now.getTime() - WEEK_MS).toISOString());
    } else {
      // A kiosk without a resident named shows the visits to its own care home.
      const places =
        actor.kind === 'kiosk' && !patientId
          ? { villageId: actor.careHomeId }
          : await residentPlaces(db, await patientFor(c, deps, actor, patientId));
      if (!places) throw notFound('patient');
      query = query
        .where('mobileVisits.villageId', '=', places.villageId)
        .where('mobileVisits.cancelledAt', 'is', null)
        .where('mobileVisits.endsAt', '>', now.toISOString());
    }
    const rows = await query.orderBy('mobileVisits.startsAt').execute();
    return c.json({ visits: await toVisits(db, rows, now) }, 200);
  });

  app.openapi(townshipPlaces, async (c) => {
    const actor = authorize(c, 'visits:manage');
    const { db } = deps;
    const township = await townshipOfStaff(db, actor);
    const centre = await db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', '=', township)
      .executeTakeFirstOrThrow();
    const places = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where('parentId', '=', township)
      .where('kind', 'in', ['village_clinic', 'care_home'])
      .orderBy('kind', 'desc')
      .orderBy('name')
      .execute();
    const staff = await townshipStaffQuery(db, township)
      .orderBy('users.role')
      .orderBy('users.displayName')
      .execute();
    return c.json(
      {
        township: centre,
        villages: places.map((p) => ({
          id: p.id,
          name: villageNameOf(p.name),
          kind: p.kind as 'village_clinic' | 'care_home',
        })),
        staff: staff.map((p) => ({ ...p, role: p.role as 'doctor' | 'nurse' })),
      },
      200,
    );
  });

  app.openapi(createVisit, async (c) => {
    const actor = authorize(c, 'visits:manage');
    const township = await townshipOfStaff(deps.db, actor);
    const input = c.req.valid('json');
    const checked = await checkVisit(c, deps, township, input);
    const id = `visit-${randomUUID()}`;
    await deps.db
      .insertInto('mobileVisits')
      .values({
        id,
        villageId: input.villageId,
        townshipId: township,
        vehicle: input.vehicle,
        startsAt: checked.startsAt,
        endsAt: checked.endsAt,
        place: input.place,
        team: checked.team,
        createdBy: actor.id,
        updatedAt: deps.schedule.now().toISOString(),
        cancelledAt: null,
      })
      .execute();
    return c.json(await oneVisit(c, deps, id), 201);
  });

  app.openapi(editVisit, async (c) => {
    const actor = authorize(c, 'visits:manage');
    const township = await townshipOfStaff(deps.db, actor);
    const { id } = c.req.valid('param');
    const visit = await visitOfTownship(c, deps, township, id);
    if (visit.cancelledAt) throw new ApiError(409, 'conflict', 'This visit was called off.');
    const input = c.req.valid('json');
    const checked = await checkVisit(c, deps, township, input);
    const { db } = deps;
    const moved =
      checked.startsAt !== visit.startsAt ||
      checked.endsAt !== visit.endsAt ||
      input.villageId !== visit.villageId;
    await db.transaction().execute(async (trx) => {
      if (moved) {
        const booked = await trx
          .selectFrom('scheduleSlots')
          .select('id')
          .where('visitId', '=', id)
          .where('booked', '>', 0)
          .executeTakeFirst();
        if (booked)
          throw new ApiError(409, 'conflict', 'Residents are booked: call the visit off and plan a new one.');
        // Nobody is booked: the visit's slots move with it.
        const shift = Date.parse(checked.startsAt) - Date.parse(visit.startsAt);
        const slots = await trx
          .selectFrom('scheduleSlots')
          .select(['id', 'startsAt', 'endsAt'])
          .where('visitId', '=', id)
          .execute();
        for (const slot of slots) {
          await trx
            .updateTable('scheduleSlots')
            .set({
              organisationId: input.villageId,
              startsAt: new Date(Date.parse(slot.startsAt) + shift).toISOString(),
              endsAt: new Date(Date.parse(slot.endsAt) + shift).toISOString(),
            })
            .where('id', '=', slot.id)
            .execute();
        }
      }
      await trx
        .updateTable('mobileVisits')
        .set({
          villageId: input.villageId,
          vehicle: input.vehicle,
          startsAt: checked.startsAt,
          endsAt: checked.endsAt,
          place: input.place,
          team: checked.team,
          updatedAt: deps.schedule.now().toISOString(),
        })
        .where('id', '=', id)
        .execute();
    });
    return c.json(await oneVisit(c, deps, id), 200);
  });

  app.openapi(cancelVisit, async (c) => {
    const actor = authorize(c, 'visits:manage');
    const township = await townshipOfStaff(deps.db, actor);
    const { id } = c.req.valid('param');
    const { db, schedule } = deps;
    const called = await db
      .updateTable('mobileVisits')
      .set({ cancelledAt: schedule.now().toISOString() })
      .where('id', '=', id)
      .where('townshipId', '=', township)
      .where('cancelledAt', 'is', null)
      .executeTakeFirst();
    if (called.numUpdatedRows === 0n) {
      await visitOfTownship(c, deps, township, id);
      throw new ApiError(409, 'conflict', 'This visit was called off already.');
    }
    const booked = await db
      .selectFrom('appointments')
      .innerJoin('scheduleSlots', 'scheduleSlots.id', 'appointments.slotId')
      .select('appointments.id')
      .where('scheduleSlots.visitId', '=', id)
      .where('appointments.status', '=', 'booked')
      .where('appointments.startsAt', '>', schedule.now().toISOString())
      .execute();
    for (const appointment of booked) await schedule.cancel(appointment.id);
    return c.json(await oneVisit(c, deps, id), 200);
  });
}
