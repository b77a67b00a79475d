import type { Appointment, HomeVisit, MobileVisit, Slot } from '../../shared/schedule/schedule-schemas.js';
import { describeVisit, remindersFor } from '../../shared/schedule/schedule-rules.js';
import type { Db } from '../db/types.js';

/** A village clinic is named after its village (柳树村卫生室 → 柳树村); a care home keeps its name. */
export function villageNameOf(organisationName: string): string {
  return organisationName.replace(/卫生室$/, '');
}

export function slotsQuery(db: Db) {
  return db
    .selectFrom('scheduleSlots')
    .innerJoin('organisations as place', 'place.id', 'scheduleSlots.organisationId')
    .leftJoin('users as doctor', 'doctor.id', 'scheduleSlots.doctorId')
    .select([
      'scheduleSlots.id',
      'scheduleSlots.kind',
      'scheduleSlots.visitId',
      'scheduleSlots.startsAt',
      'scheduleSlots.endsAt',
      'scheduleSlots.capacity',
      'scheduleSlots.booked',
      'place.id as placeId',
      'place.name as placeName',
      'doctor.id as doctorId',
      'doctor.displayName as doctorName',
    ]);
}
type SlotRow = Awaited<ReturnType<ReturnType<typeof slotsQuery>['execute']>>[number];
export function toSlot(row: SlotRow): Slot {
  return {
    id: row.id,
    kind: row.kind,
    visitId: row.visitId,
    organisation: { id: row.placeId, name: row.placeName },
    doctor: row.doctorId && row.doctorName ? { id: row.doctorId, displayName: row.doctorName } : null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    capacity: row.capacity,
    booked: row.booked,
  };
}

export function appointmentsQuery(db: Db) {
  return db
    .selectFrom('appointments')
    .innerJoin('scheduleSlots as slot', 'slot.id', 'appointments.slotId')
    .innerJoin('organisations as place', 'place.id', 'slot.organisationId')
    .innerJoin('users as patient', 'patient.id', 'appointments.patientId')
    .innerJoin('users as booker', 'booker.id', 'appointments.bookedBy')
    .leftJoin('users as doctor', 'doctor.id', 'slot.doctorId')
    .select([
      'appointments.id',
      'appointments.kind',
      'appointments.slotId',
      'appointments.status',
      'appointments.startsAt',
      'appointments.endsAt',
      'appointments.consultationId',
      'appointments.createdAt',
      'appointments.kioskId',
      'slot.visitId',
      'place.id as placeId',
      'place.name as placeName',
      'patient.id as patientId',
      'patient.displayName as patientName',
      'booker.id as bookerId',
      'booker.displayName as bookerName',
      'doctor.id as doctorId',
      'doctor.displayName as doctorName',
    ]);
}
type AppointmentRow = Awaited<ReturnType<ReturnType<typeof appointmentsQuery>['execute']>>[number];
export function toAppointment(row: AppointmentRow): Appointment {
  return {
    id: row.id,
    kind: row.kind,
    slotId: row.slotId,
    status: row.status,
    patient: { id: row.patientId, displayName: row.patientName },
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    organisation: { id: row.placeId, name: row.placeName },
    doctor: row.doctorId && row.doctorName ? { id: row.doctorId, displayName: row.doctorName } : null,
    visitId: row.visitId,
    consultationId: row.consultationId,
    bookedBy: { id: row.bookerId, displayName: row.bookerName },
    createdAt: row.createdAt,
  };
}

export function visitsQuery(db: Db) {
  return db
    .selectFrom('mobileVisits')
    .innerJoin('organisations as village', 'village.id', 'mobileVisits.villageId')
    .innerJoin('organisations as township', 'township.id', 'mobileVisits.townshipId')
    .select([
      'mobileVisits.id',
      'mobileVisits.vehicle',
      'mobileVisits.startsAt',
      'mobileVisits.endsAt',
      'mobileVisits.place',
      'mobileVisits.team',
      'mobileVisits.cancelledAt',
      'village.id as villageId',
      'village.name as villageName',
      'township.id as townshipId',
      'township.name as townshipName',
    ]);
}
type VisitRow = Awaited<ReturnType<ReturnType<typeof visitsQuery>['execute']>>[number];
export async function toVisits(db: Db, rows: VisitRow[], now: Date): Promise<MobileVisit[]> {
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.team) as string[]))];
  const people = ids.length
    ? await db.selectFrom('users').select(['id', 'displayName', 'title']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((row) => {
    const villageName = villageNameOf(row.villageName);
    return {
      id: row.id,
      village: { id: row.villageId, name: villageName },
      township: { id: row.townshipId, name: row.townshipName },
      vehicle: row.vehicle,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      place: row.place,
      team: (JSON.parse(row.team) as string[]).flatMap((id) => {
        const person = byId.get(id);
        return person ? [{ id: person.id, displayName: person.displayName, title: person.title }] : [];
      }),
      cancelled: row.cancelledAt !== null,
      description: describeVisit({ ...row, villageName }, now),
      reminders: remindersFor(row.startsAt),
    };
  });
}

export function homeVisitsQuery(db: Db) {
  return db
    .selectFrom('homeVisits')
    .innerJoin('users as patient', 'patient.id', 'homeVisits.patientId')
    .innerJoin('patients', 'patients.userId', 'homeVisits.patientId')
    .innerJoin('users as requester', 'requester.id', 'homeVisits.requestedBy')
    .leftJoin('users as assignee', 'assignee.id', 'homeVisits.assigneeId')
    .select([
      'homeVisits.id',
      'homeVisits.service',
      'homeVisits.reason',
      'homeVisits.preferredDate',
      'homeVisits.preferredHalfDay',
      'homeVisits.status',
      'homeVisits.startsAt',
      'homeVisits.endsAt',
      'homeVisits.visitNote',
      'homeVisits.completedAt',
      'homeVisits.createdAt',
      'homeVisits.kioskId',
      'patient.id as patientId',
      'patient.displayName as patientName',
      'patients.address',
      'requester.id as requesterId',
      'requester.displayName as requesterName',
      'assignee.id as assigneeId',
      'assignee.displayName as assigneeName',
      'assignee.title as assigneeTitle',
    ]);
}
type HomeVisitRow = Awaited<ReturnType<ReturnType<typeof homeVisitsQuery>['execute']>>[number];
export function toHomeVisit(row: HomeVisitRow): HomeVisit {
  return {
    id: row.id,
    patient: { id: row.patientId, displayName: row.patientName, address: row.address },
    service: row.service,
    reason: row.reason,
    preferredDate: row.preferredDate,
    preferredHalfDay: row.preferredHalfDay,
    status: row.status,
    assignee:
      row.assigneeId && row.assigneeName
        ? { id: row.assigneeId, displayName: row.assigneeName, title: row.assigneeTitle }
        : null,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    visitNote: row.visitNote,
    completedAt: row.completedAt,
    requestedBy: { id: row.requesterId, displayName: row.requesterName },
    createdAt: row.createdAt,
  };
}

/** Doctors and nurses of a township (its centre and village clinics). */
export function townshipStaffQuery(db: Db, townshipId: string) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select(['users.id', 'users.displayName', 'users.title', 'users.role'])
    .where('users.role', 'in', ['doctor', 'nurse'])
    .where((eb) =>
      eb.or([eb('organisations.id', '=', townshipId), eb('organisations.parentId', '=', townshipId)]),
    );
}

/** Who hears of a township's bookings and home visits in the console. */
export async function townshipStaff(db: Db, townshipId: string): Promise<string[]> {
  return (await townshipStaffQuery(db, townshipId).execute()).map((r) => r.id);
}
