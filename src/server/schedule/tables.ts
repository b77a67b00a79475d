import type {
  AppointmentKind,
  HomeVisitReason,
  TeamRole,
  VehicleType,
} from '../../shared/schedule/schedule-schemas.js';

/** One visit of a mobile-clinic vehicle to a village (or a care home), kept by its township. */
export interface MobileVisitTable {
  id: string;
  /** The village clinic (or care home) the vehicle comes to. */
  villageId: string;
  /** The township health centre that runs it; its doctors edit it. */
  townshipId: string;
  vehicle: VehicleType;
  startsAt: string;
  endsAt: string;
  place: string;
  /** JSON array of user ids: who comes with the vehicle. */
  team: string;
  createdBy: string;
  updatedAt: string;
  cancelledAt: string | null;
}

/**
 * A bookable time with a capacity. `booked` is the count of booked appointments, changed only
 * by the conditional UPDATE in bookings.ts (`booked < capacity`), which is what makes a slot
 * impossible to overbook under concurrent bookings, in SQLite and PostgreSQL alike.
 */
export interface SlotTable {
  id: string;
  kind: AppointmentKind;
  visitId: string | null;
  /** Where: the visit's village, the township health centre; for video the doctor's organisation. */
  organisationId: string;
  /** The doctor of a video slot. */
  doctorId: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  createdBy: string;
}

export interface AppointmentTable {
  id: string;
  slotId: string;
  kind: AppointmentKind;
  patientId: string;
  /** Copied from the slot, so the unique index (patient, start) can refuse a second booking at the same time. */
  startsAt: string;
  endsAt: string;
  status: 'booked' | 'cancelled';
  /** The resident, or the care-home staff member who booked at a kiosk. */
  bookedBy: string;
  kioskId: string | null;
  createdAt: string;
  cancelledAt: string | null;
  /** Video appointments: when the scheduler rang the TV, and the consultation it opened. */
  rungAt: string | null;
  consultationId: string | null;
}

export interface HomeVisitTable {
  id: string;
  patientId: string;
  service: 'home-nursing' | 'home-bed';
  reason: HomeVisitReason;
  preferredDate: string;
  preferredHalfDay: 'morning' | 'afternoon';
  status: 'requested' | 'scheduled' | 'done' | 'cancelled';
  assigneeId: string | null;
  startsAt: string | null;
  endsAt: string | null;
  visitNote: string | null;
  completedAt: string | null;
  requestedBy: string;
  kioskId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The family-doctor team (签约): who of the team serves a resident, and how to reach them. */
export interface CareTeamMemberTable {
  patientId: string;
  teamRole: TeamRole;
  memberId: string;
  phone: string | null;
}

export interface ScheduleTables {
  mobileVisits: MobileVisitTable;
  scheduleSlots: SlotTable;
  appointments: AppointmentTable;
  homeVisits: HomeVisitTable;
  careTeamMembers: CareTeamMemberTable;
}
