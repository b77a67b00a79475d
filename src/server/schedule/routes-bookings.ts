import { randomUUID } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { EntityId } from '../../shared/api-schemas.js';
import {
  Appointment,
  AppointmentKind,
  AppointmentList,
  BookingRequest,
  SlotBookings,
  SlotInput,
  SlotList,
} from '../../shared/schedule/schedule-schemas.js';
import { authorize, canActFor, canSeePatient } from '../access/policy.js';
import { doctorArea, townshipOfStaff } from '../directory/area.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { residentPlaces } from './places.js';
import { appointmentsQuery, slotsQuery, toAppointment, toSlot } from './schedule-queries.js';
import { IdParam, WEEK_MS, invalid, notFound, patientFor, visitOfTownship } from './route-helpers.js';

const listSlots = createRoute({
  method: 'get',
  path: '/api/slots',
  summary:
    'Slots with their capacity: those a resident may book (TV; kiosk with patientId), or the township’s',
  tags: ['schedule'],
  request: {
    query: z.object({
      kind: AppointmentKind.optional(),
      visitId: EntityId.optional(),
      patientId: EntityId.optional(),
    }),
  },
  responses: { 200: { description: 'Slots', ...json(SlotList) }, ...errorResponses(400, 401, 403, 404) },
});
const createSlot = createRoute({
  method: 'post',
  path: '/api/slots',
  summary: 'A township doctor opens a slot: at a visit, at the health centre, or their own video time',
  tags: ['schedule'],
  request: { body: { required: true, ...json(SlotInput) } },
  responses: {
    201: { description: 'Opened', ...json(SlotList) },
    ...errorResponses(400, 401, 403, 404, 413),
  },
});
const slotBookings = createRoute({
  method: 'get',
  path: '/api/slots/{id}/bookings',
  summary: 'Who is booked in a slot of the township, with its capacity',
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Bookings', ...json(SlotBookings) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const book = createRoute({
  method: 'post',
  path: '/api/appointments',
  summary: 'Book a place: the resident from the TV, or care-home staff for a resident from the kiosk',
  description:
    'Atomic: never more bookings than capacity, never two bookings of a resident at the same time. 409 slot_full (the last place went to someone else), double_booking (the resident has another appointment then), booking_closed (the slot has started).',
  tags: ['schedule'],
  request: { body: { required: true, ...json(BookingRequest) } },
  responses: {
    201: { description: 'Booked', ...json(Appointment) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const listAppointments = createRoute({
  method: 'get',
  path: '/api/appointments',
  summary: "A resident's appointments, soonest first (a TV its own; others name patientId)",
  tags: ['schedule'],
  request: { query: z.object({ patientId: EntityId.optional() }) },
  responses: {
    200: { description: 'Appointments', ...json(AppointmentList) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const cancel = createRoute({
  method: 'post',
  path: '/api/appointments/{id}/cancel',
  summary: 'Cancel an appointment before it starts (409 not_cancellable after)',
  tags: ['schedule'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Cancelled', ...json(Appointment) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export function registerScheduleBookingRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'schedule'>,
): void {
  app.openapi(listSlots, async (c) => {
    const actor = authorize(c, 'schedule:read');
    const { db, schedule } = deps;
    const query = c.req.valid('query');
    const now = schedule.now().toISOString();
    let slots = slotsQuery(db);
    if (actor.kind === 'clinician' && !query.patientId) {
      await townshipOfStaff(deps.db, actor);
      slots = slots
        .where('scheduleSlots.organisationId', 'in', doctorArea(db, actor.user.organisationId))
        .where('scheduleSlots.endsAt', '>', new Date(Date.parse(now) - WEEK_MS).toISOString());
    } else {
      const places = await residentPlaces(db, await patientFor(c, deps, actor, query.patientId));
      if (!places) throw notFound('patient');
      slots = slots
        .where('scheduleSlots.startsAt', '>', now)
        .where((eb) =>
          eb.or([
            eb.and([
              eb('scheduleSlots.kind', '=', 'mobile-clinic'),
              eb('scheduleSlots.organisationId', '=', places.villageId),
            ]),
            eb.and([
              eb('scheduleSlots.kind', '=', 'health-centre'),
              eb('scheduleSlots.organisationId', '=', places.townshipId ?? ''),
            ]),
            eb.and([
              eb('scheduleSlots.kind', '=', 'video'),
              eb('scheduleSlots.doctorId', 'in', places.doctorIds),
            ]),
          ]),
        )
        // Slots of a called-off visit are not offered.
        .where((eb) =>
          eb.or([
            eb('scheduleSlots.visitId', 'is', null),
            eb(
              'scheduleSlots.visitId',
              'not in',
              eb.selectFrom('mobileVisits').select('id').where('cancelledAt', 'is not', null),
            ),
          ]),
        );
    }
    if (query.kind) slots = slots.where('scheduleSlots.kind', '=', query.kind);
    if (query.visitId) slots = slots.where('scheduleSlots.visitId', '=', query.visitId);
    const rows = await slots
      .orderBy('scheduleSlots.startsAt')
      .orderBy('scheduleSlots.id')
      .limit(500)
      .execute();
    return c.json({ slots: rows.map(toSlot) }, 200);
  });

  app.openapi(createSlot, async (c) => {
    const actor = authorize(c, 'slots:manage');
    const township = await townshipOfStaff(deps.db, actor);
    const input = c.req.valid('json');
    const { db, schedule } = deps;
    if (Date.parse(input.startsAt) <= schedule.now().getTime())
      throw invalid('startsAt: must be in the future');
    let organisationId = township;
    let doctorId: string | null = null;
    if (input.kind === 'mobile-clinic') {
      const visit = await visitOfTownship(c, deps, township, input.visitId ?? '');
      if (visit.cancelledAt) throw new ApiError(409, 'conflict', 'This visit was called off.');
      if (input.startsAt < visit.startsAt || input.endsAt > visit.endsAt)
        throw invalid('startsAt: within the visit');
      organisationId = visit.villageId;
    } else if (input.kind === 'video') {
      organisationId = actor.kind === 'clinician' ? actor.user.organisationId : township;
      doctorId = actor.id;
    }
    const id = `slot-${randomUUID()}`;
    await db
      .insertInto('scheduleSlots')
      .values({
        id,
        kind: input.kind,
        visitId: input.visitId ?? null,
        organisationId,
        doctorId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        booked: 0,
        createdBy: actor.id,
      })
      .execute();
    const row = await slotsQuery(db).where('scheduleSlots.id', '=', id).executeTakeFirstOrThrow();
    return c.json({ slots: [toSlot(row)] }, 201);
  });

  app.openapi(slotBookings, async (c) => {
    const actor = authorize(c, 'appointments:read');
    if (actor.kind !== 'clinician') throw new ApiError(403, 'forbidden', 'The console lists bookings.');
    await townshipOfStaff(deps.db, actor);
    const { db } = deps;
    const { id } = c.req.valid('param');
    const row = await slotsQuery(db)
      .where('scheduleSlots.id', '=', id)
      .where('scheduleSlots.organisationId', 'in', doctorArea(db, actor.user.organisationId))
      .executeTakeFirst();
    if (!row) throw notFound('slot');
    const appointments = await appointmentsQuery(db)
      .where('appointments.slotId', '=', id)
      .where('appointments.status', '=', 'booked')
      .orderBy('appointments.createdAt')
      .execute();
    return c.json({ slot: toSlot(row), appointments: appointments.map(toAppointment) }, 200);
  });

  app.openapi(book, async (c) => {
    const actor = authorize(c, 'appointments:book');
    const { db, schedule } = deps;
    const body = c.req.valid('json');
    const patientId = actor.kind === 'tv' ? (body.patientId ?? actor.id) : body.patientId;
    if (!patientId) throw invalid('patientId: required at a kiosk');
    if (!(await canActFor(db, actor, 'appointments:book', patientId))) throw notFound('patient');
    // Only slots this resident is offered (their village, township, doctors).
    const places = await residentPlaces(db, patientId);
    const slot = await db
      .selectFrom('scheduleSlots')
      .selectAll()
      .where('id', '=', body.slotId)
      .executeTakeFirst();
    const offered =
      places &&
      slot &&
      ((slot.kind === 'mobile-clinic' && slot.organisationId === places.villageId) ||
        (slot.kind === 'health-centre' && slot.organisationId === places.townshipId) ||
        (slot.kind === 'video' && slot.doctorId !== null && places.doctorIds.includes(slot.doctorId)));
    if (!offered) throw notFound('slot');
    if (slot.visitId) {
      const visit = await db
        .selectFrom('mobileVisits')
        .select('cancelledAt')
        .where('id', '=', slot.visitId)
        .executeTakeFirst();
      if (visit?.cancelledAt) throw new ApiError(409, 'booking_closed', 'This visit was called off.');
    }
    const booker =
      actor.kind === 'kiosk'
        ? { patientId, bookedBy: actor.staff?.id ?? actor.id, kioskId: actor.deviceId }
        : { patientId, bookedBy: actor.id, kioskId: null };
    return c.json(await schedule.book(body.slotId, booker), 201);
  });

  app.openapi(listAppointments, async (c) => {
    const actor = authorize(c, 'appointments:read');
    const { db } = deps;
    const patientId = await patientFor(c, deps, actor, c.req.valid('query').patientId);
    const rows = await appointmentsQuery(db)
      .where('appointments.patientId', '=', patientId)
      .orderBy('appointments.startsAt')
      .limit(200)
      .execute();
    return c.json({ appointments: rows.map(toAppointment) }, 200);
  });

  app.openapi(cancel, async (c) => {
    const actor = authorize(c, 'appointments:cancel');
    const { db, schedule } = deps;
    const { id } = c.req.valid('param');
    const row = await db
      .selectFrom('appointments')
      .select('patientId')
      .where('id', '=', id)
      .executeTakeFirst();
    const allowed =
      row &&
      (actor.kind === 'clinician'
        ? await canSeePatient(db, actor, row.patientId)
        : await canActFor(db, actor, 'appointments:book', row.patientId));
    if (!allowed) throw notFound('appointment');
    return c.json(await schedule.cancel(id), 200);
  });
}
