import { z } from 'zod';
import { EntityId } from '../api-schemas.js';
import { DoseUnit, Frequency } from '../pharmacy/schemas.js';
import { LatestReading } from '../readings/schemas.js';
import { LOCAL_DATE, LOCAL_TIME, isLocalDate } from './shanghai-time.js';

/**
 * The schedule contract (issue 16): the mobile clinic's visits per village (巡回诊疗), slots with a
 * capacity and the appointments booked in them, home visits (上门护理 / 家庭病床), the
 * family-doctor team (签约) and the record summary the TV shows (我的健康档案). Plain zod: the
 * server validates with it and generates /api/openapi.json; the client imports types only.
 */

const LocalDate = z
  .string()
  .regex(LOCAL_DATE, 'YYYY-MM-DD')
  .refine(isLocalDate, 'no such date')
  .meta({ description: 'A date in Asia/Shanghai' });
const LocalTime = z
  .string()
  .regex(LOCAL_TIME, 'HH:MM')
  .meta({ description: 'A clock time in Asia/Shanghai' });
const Instant = z.iso.datetime();
const Named = z.object({ id: EntityId, name: z.string() });
const ScheduledPerson = z.object({ id: EntityId, displayName: z.string() });

/** The vehicles of the mobile clinic: 体检车 (health checks), 巡诊车 (rounds), CT车, B超车. */
export const VehicleType = z.enum(['health-check-van', 'rounds-car', 'ct-van', 'ultrasound-van']);
export type VehicleType = z.infer<typeof VehicleType>;

/** What a township doctor keeps in the console: one visit of a vehicle to a village. */
export const MobileVisitInput = z
  .object({
    villageId: EntityId,
    vehicle: VehicleType,
    date: LocalDate,
    startTime: LocalTime,
    endTime: LocalTime,
    place: z.string().trim().min(1).max(40).meta({ description: 'Where it stands, e.g. 村委会' }),
    teamIds: z.array(EntityId).max(10).default([]),
  })
  .strict()
  .refine((v) => v.startTime < v.endTime, { message: 'endTime must be after startTime', path: ['endTime'] })
  .meta({ id: 'MobileVisitInput' });
export type MobileVisitInput = z.infer<typeof MobileVisitInput>;

/**
 * What the console's visit form chooses from: the township's villages (village clinics and care
 * homes, where a vehicle can come) and its doctors and nurses (the visit's team).
 */
export const TownshipPlaces = z
  .object({
    township: z.object({ id: EntityId, name: z.string() }),
    villages: z.array(
      z.object({ id: EntityId, name: z.string(), kind: z.enum(['village_clinic', 'care_home']) }),
    ),
    staff: z.array(
      z.object({
        id: EntityId,
        displayName: z.string(),
        title: z.string().nullable(),
        role: z.enum(['doctor', 'nurse']),
      }),
    ),
  })
  .meta({ id: 'TownshipPlaces' });
export type TownshipPlaces = z.infer<typeof TownshipPlaces>;

/**
 * The one sentence the TV says about a visit ('体检车 comes to 柳树村 on Thursday 9:00-11:30 at the
 * village hall'), as parts the client puts into its own language. dayOffset: 0 today, 1 tomorrow.
 */
export const VisitDescription = z
  .object({
    vehicle: VehicleType,
    villageName: z.string(),
    place: z.string(),
    date: LocalDate,
    weekday: z.number().int().min(0).max(6).meta({ description: '0 = Sunday' }),
    dayOffset: z.number().int(),
    startTime: LocalTime,
    endTime: LocalTime,
  })
  .meta({ id: 'VisitDescription' });
export type VisitDescription = z.infer<typeof VisitDescription>;

export const ReminderKind = z.enum(['day-before', 'morning-of']);
export type ReminderKind = z.infer<typeof ReminderKind>;
export const Reminder = z.object({ kind: ReminderKind, at: Instant }).meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof Reminder>;

export const TeamRole = z.enum(['doctor', 'nurse', 'village-doctor']);
export type TeamRole = z.infer<typeof TeamRole>;
export const Clinic = z.object({ id: EntityId, displayName: z.string(), title: z.string().nullable() });

export const MobileVisit = z
  .object({
    id: EntityId,
    village: Named,
    township: Named,
    vehicle: VehicleType,
    startsAt: Instant,
    endsAt: Instant,
    place: z.string(),
    team: z.array(Clinic),
    cancelled: z.boolean(),
    description: VisitDescription,
    reminders: z.array(Reminder),
  })
  .meta({ id: 'MobileVisit' });
export type MobileVisit = z.infer<typeof MobileVisit>;
export const MobileVisitList = z.object({ visits: z.array(MobileVisit) }).meta({ id: 'MobileVisitList' });
export type MobileVisitList = z.infer<typeof MobileVisitList>;

/** Where an appointment is kept: at a mobile-clinic visit, at the township health centre, or by video. */
export const AppointmentKind = z.enum(['mobile-clinic', 'health-centre', 'video']);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

export const Slot = z
  .object({
    id: EntityId,
    kind: AppointmentKind,
    visitId: EntityId.nullable(),
    organisation: Named,
    /** The doctor of a video slot (the family doctor); null for places. */
    doctor: ScheduledPerson.nullable(),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int().min(1),
    booked: z.number().int().min(0),
  })
  .meta({ id: 'Slot' });
export type Slot = z.infer<typeof Slot>;
export const SlotList = z.object({ slots: z.array(Slot) }).meta({ id: 'SlotList' });
export type SlotList = z.infer<typeof SlotList>;

export const SlotInput = z
  .object({
    kind: AppointmentKind,
    /** Required for a mobile-clinic slot: the visit it belongs to. */
    visitId: EntityId.optional(),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int().min(1).max(200),
  })
  .strict()
  .refine((s) => s.startsAt < s.endsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((s) => (s.kind === 'mobile-clinic') === (s.visitId !== undefined), {
    message: 'a mobile-clinic slot needs visitId, other kinds none',
    path: ['visitId'],
  })
  .meta({ id: 'SlotInput' });
export type SlotInput = z.infer<typeof SlotInput>;

export const BookingRequest = z
  .object({
    slotId: EntityId,
    /** A care-home kiosk says which of its residents; a TV books for its own resident. */
    patientId: EntityId.optional(),
  })
  .strict()
  .meta({ id: 'BookingRequest' });
export type BookingRequest = z.infer<typeof BookingRequest>;

export const AppointmentStatus = z.enum(['booked', 'cancelled']);
export const Appointment = z
  .object({
    id: EntityId,
    kind: AppointmentKind,
    slotId: EntityId,
    status: AppointmentStatus,
    patient: ScheduledPerson,
    startsAt: Instant,
    endsAt: Instant,
    organisation: Named,
    doctor: ScheduledPerson.nullable(),
    visitId: EntityId.nullable(),
    /** The consultation a video appointment rang, once it did. */
    consultationId: EntityId.nullable(),
    bookedBy: ScheduledPerson.meta({ description: 'The resident, or the care-home staff member who booked' }),
    createdAt: Instant,
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof Appointment>;
export const AppointmentList = z
  .object({ appointments: z.array(Appointment) })
  .meta({ id: 'AppointmentList' });
export type AppointmentList = z.infer<typeof AppointmentList>;
export const SlotBookings = z
  .object({ slot: Slot, appointments: z.array(Appointment) })
  .meta({ id: 'SlotBookings' });
export type SlotBookings = z.infer<typeof SlotBookings>;

/** 上门护理 (a nurse's visit) or 家庭病床 (a doctor's round at a home hospital bed). */
export const HomeVisitService = z.enum(['home-nursing', 'home-bed']);
export const HomeVisitReason = z.enum([
  'wound-care',
  'injection',
  'catheter-care',
  'blood-test',
  'medication-review',
  'bedridden-check',
]);
export type HomeVisitReason = z.infer<typeof HomeVisitReason>;
export const HalfDay = z.enum(['morning', 'afternoon']);

export const HomeVisitRequest = z
  .object({
    patientId: EntityId.optional(),
    service: HomeVisitService,
    reason: HomeVisitReason,
    preferredDate: LocalDate,
    preferredHalfDay: HalfDay,
  })
  .strict()
  .meta({ id: 'HomeVisitRequest' });
export type HomeVisitRequest = z.infer<typeof HomeVisitRequest>;

export const HomeVisitStatus = z.enum(['requested', 'scheduled', 'done', 'cancelled']);
export type HomeVisitStatus = z.infer<typeof HomeVisitStatus>;
export const HomeVisit = z
  .object({
    id: EntityId,
    patient: ScheduledPerson.extend({ address: z.string() }),
    service: HomeVisitService,
    reason: HomeVisitReason,
    preferredDate: LocalDate,
    preferredHalfDay: HalfDay,
    status: HomeVisitStatus,
    /** Who comes (a nurse or a doctor of the team) and when, once scheduled. */
    assignee: Clinic.nullable(),
    startsAt: Instant.nullable(),
    endsAt: Instant.nullable(),
    /** What the nurse or doctor wrote after the visit; it is part of the record. */
    visitNote: z.string().nullable(),
    completedAt: Instant.nullable(),
    requestedBy: ScheduledPerson,
    createdAt: Instant,
  })
  .meta({ id: 'HomeVisit' });
export type HomeVisit = z.infer<typeof HomeVisit>;
export const HomeVisitList = z.object({ homeVisits: z.array(HomeVisit) }).meta({ id: 'HomeVisitList' });
export type HomeVisitList = z.infer<typeof HomeVisitList>;

export const HomeVisitSchedule = z
  .object({ assigneeId: EntityId, startsAt: Instant, endsAt: Instant })
  .strict()
  .refine((s) => s.startsAt < s.endsAt, { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .meta({ id: 'HomeVisitSchedule' });
export type HomeVisitSchedule = z.infer<typeof HomeVisitSchedule>;
export const HomeVisitCompletion = z
  .object({ visitNote: z.string().trim().min(1).max(1000) })
  .strict()
  .meta({ id: 'HomeVisitCompletion' });

export const TeamMember = z
  .object({
    id: EntityId,
    displayName: z.string(),
    teamRole: TeamRole,
    title: z.string().nullable(),
    organisationName: z.string(),
    /** The number to ring; null when the member takes calls only through the clinic. */
    phone: z.string().nullable(),
    /** Contracted (签约) family doctor of this resident. */
    contracted: z.boolean(),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMember>;
export const FamilyDoctorTeam = z
  .object({ patientId: EntityId, members: z.array(TeamMember) })
  .meta({ id: 'FamilyDoctorTeam' });
export type FamilyDoctorTeam = z.infer<typeof FamilyDoctorTeam>;
export const SignedResidents = z
  .object({
    residents: z.array(
      z.object({
        id: EntityId,
        displayName: z.string(),
        address: z.string(),
        /** The village (or care home) they live in: the console lists residents by it. */
        village: z.object({ id: EntityId, name: z.string() }),
        teamRoles: z.array(TeamRole),
        contracted: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SignedResidents' });
export type SignedResidents = z.infer<typeof SignedResidents>;

/** Sections of the record whose feature is not built yet: the TV shows them plainly as empty. */
export const RecordSection = z.enum(['allergies', 'readings', 'medicines']);
/** A current medicine as the record lists it (the pharmacy's active prescriptions). */
export const RecordMedicine = z
  .object({
    prescriptionId: EntityId,
    genericNameZh: z.string(),
    genericNameEn: z.string(),
    strength: z.string(),
    doseAmount: z.number(),
    doseUnit: DoseUnit,
    frequency: Frequency,
  })
  .meta({ id: 'RecordMedicine' });
export type RecordMedicine = z.infer<typeof RecordMedicine>;
export const RecordSummary = z
  .object({
    patient: ScheduledPerson.extend({ birthDate: LocalDate, sex: z.enum(['female', 'male']) }),
    conditions: z.array(z.string()),
    allergies: z.array(z.string()),
    /** The newest reading of each measure (90 days back), each with its colour. */
    latestReadings: z.array(LatestReading),
    medicines: z.array(RecordMedicine),
    nextAppointment: Appointment.nullable(),
    consultations: z.array(
      z.object({
        id: EntityId,
        reason: z.string(),
        doctor: ScheduledPerson,
        endedAt: Instant.nullable(),
        summary: z.object({ diagnosis: z.string(), advice: z.string() }).nullable(),
      }),
    ),
    homeVisits: z.array(HomeVisit),
    notYetAvailable: z.array(RecordSection).meta({
      description: 'Sections another feature fills in later; they are empty on purpose, not broken',
    }),
  })
  .meta({ id: 'RecordSummary' });
export type RecordSummary = z.infer<typeof RecordSummary>;

/** Push events of the schedule: screens re-read what they list. */
export const SchedulePushEvent = z.discriminatedUnion('type', [
  /** TV/kiosk/console: an appointment was booked or cancelled (a slot's count changed). */
  z.object({
    type: z.literal('appointment-changed'),
    appointmentId: EntityId,
    slotId: EntityId,
    status: AppointmentStatus,
  }),
  /** TV/console: a home visit was asked for, scheduled, done or cancelled. */
  z.object({ type: z.literal('home-visit-changed'), homeVisitId: EntityId, status: HomeVisitStatus }),
  /**
   * TV/kiosk: a reminder is due (the evening before, the morning of), by the server's clock: of a
   * mobile-clinic visit to the resident's village, or of the resident's appointment.
   */
  z.object({
    type: z.literal('reminder'),
    subject: z.enum(['visit', 'appointment']),
    id: EntityId,
    kind: ReminderKind,
    startsAt: Instant,
  }),
]);
export type SchedulePushEvent = z.infer<typeof SchedulePushEvent>;
