import { z } from 'zod';
import { EntityId } from '../api-schemas.js';
import { PharmacyPushEvent, PrescriptionBrief } from '../pharmacy/schemas.js';
import { SchedulePushEvent } from '../schedule/schedule-schemas.js';
import { IdentityPushEvent } from '../identity/schemas.js';
import { LatestReading, Reading, ReadingsPushEvent, ResidentColour } from '../readings/schemas.js';

/**
 * The video-consultation contract (issue 5): the waiting room's queue, ringing, three-way
 * invitations, the end-of-call summary, and the events pushed to TVs and consoles.
 */

export const ConsultationSummary = z
  .object({
    id: EntityId,
    status: z.enum(['scheduled', 'ringing', 'active', 'ended', 'declined', 'missed']),
    reason: z.string(),
    patient: z.object({ id: EntityId, displayName: z.string() }),
    doctor: z.object({ id: EntityId, displayName: z.string(), organisationName: z.string() }),
  })
  .meta({ id: 'ConsultationSummary' });
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const ConsultationList = z
  .object({ consultations: z.array(ConsultationSummary) })
  .meta({ id: 'ConsultationList' });
export type ConsultationList = z.infer<typeof ConsultationList>;

export const CallTokenRequest = z
  .object({ consultationId: EntityId })
  .strict()
  .meta({ id: 'CallTokenRequest' });
export type CallTokenRequest = z.infer<typeof CallTokenRequest>;

export const CallToken = z
  .object({
    token: z.string().meta({ description: 'LiveKit access token (JWT), valid for a few minutes' }),
    url: z.string().meta({ description: 'LiveKit WebSocket URL the client connects to' }),
    room: z.string(),
    identity: EntityId,
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'CallToken' });
export type CallToken = z.infer<typeof CallToken>;

export const Person = z.object({ id: EntityId, displayName: z.string() });

export const Clinician = z
  .object({
    id: EntityId,
    displayName: z.string(),
    role: z.enum(['doctor', 'specialist']),
    organisationName: z.string(),
    department: z.string().nullable(),
  })
  .meta({ id: 'Clinician' });
export type Clinician = z.infer<typeof Clinician>;

/** Who the resident asks for: their family doctor, or whichever doctor of the area is on duty. */
export const DoctorChoice = z.enum(['family', 'on-duty']);
export type DoctorChoice = z.infer<typeof DoctorChoice>;

/**
 * Where a request made at a care-home kiosk comes from: the kiosk (its device id, which is also its
 * identity in the call), its care home, and the staff member signed in on it who asked.
 */
export const KioskOrigin = z
  .object({
    deviceId: EntityId,
    careHomeName: z.string(),
    staff: Person.nullable(),
  })
  .meta({ id: 'KioskOrigin' });
export type KioskOrigin = z.infer<typeof KioskOrigin>;

export const QueueRequest = z
  .object({
    doctor: DoctorChoice,
    /** A kiosk says which resident of its care home it asks for; a TV asks for its own resident. */
    patientId: EntityId.optional(),
    /** 'urgent' (the red key) jumps every queue of the area and alerts all on-duty doctors. */
    urgency: z.enum(['routine', 'urgent']).default('routine'),
    reason: z.string().trim().max(200).default(''),
  })
  .strict()
  .meta({ id: 'QueueRequest' });
export type QueueRequest = z.infer<typeof QueueRequest>;

export const QueueEntryStatus = z.enum(['waiting', 'admitted', 'left', 'expired']);

/** The resident's place in the waiting room, as their TV shows it. */
export const QueuePlace = z
  .object({
    id: EntityId,
    status: QueueEntryStatus,
    urgency: z.enum(['routine', 'urgent']),
    doctor: DoctorChoice,
    /** 1 = next. */
    position: z.number().int().min(1),
    estimatedWaitMinutes: z.number().int().min(0),
    /** Set once a doctor admits the resident: join this consultation's call. */
    consultationId: EntityId.nullable(),
    createdAt: z.iso.datetime(),
    /** Who waits: the kiosk shows it after a reload. */
    patient: Person.optional(),
  })
  .meta({ id: 'QueuePlace' });
export type QueuePlace = z.infer<typeof QueuePlace>;

/** A waiting patient, as the doctor's console lists them. */
export const QueueEntry = z
  .object({
    id: EntityId,
    urgency: z.enum(['routine', 'urgent']),
    doctor: DoctorChoice,
    reason: z.string(),
    patient: z.object({
      id: EntityId,
      displayName: z.string(),
      age: z.number().int(),
      sex: z.enum(['female', 'male']),
      village: z.string(),
    }),
    /** The newest reading of each measure, and the resident's colour (red ones are flagged in every queue). */
    latestReadings: z.array(LatestReading),
    colour: ResidentColour.nullable().optional(),
    waitingSince: z.iso.datetime(),
    /** Asked at a care-home kiosk: where the resident is and which nurse is with them; null: from home. */
    kiosk: KioskOrigin.nullable().optional(),
  })
  .meta({ id: 'QueueEntry' });
export type QueueEntry = z.infer<typeof QueueEntry>;
export const QueueList = z.object({ entries: z.array(QueueEntry) }).meta({ id: 'QueueList' });
export type QueueList = z.infer<typeof QueueList>;

/** A doctor calls a patient who did not ask (follow-up, 随访): the TV rings. */
export const FollowUpRequest = z
  .object({ patientId: EntityId, reason: z.string().trim().min(1).max(200) })
  .strict()
  .meta({ id: 'FollowUpRequest' });
export type FollowUpRequest = z.infer<typeof FollowUpRequest>;

export const ConsultationSummaryNote = z
  .object({
    diagnosis: z.string().trim().min(1).max(500),
    advice: z.string().trim().max(2000).default(''),
  })
  .strict()
  .meta({ id: 'ConsultationSummaryNote' });
export type ConsultationSummaryNote = z.infer<typeof ConsultationSummaryNote>;

export const InvitationRequest = z
  .object({ specialistId: EntityId })
  .strict()
  .meta({ id: 'InvitationRequest' });

export const Invitation = z
  .object({
    id: EntityId,
    consultationId: EntityId,
    status: z.enum(['pending', 'accepted', 'declined', 'cancelled']),
    specialist: Clinician,
    invitedBy: Clinician,
    patient: Person,
    reason: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;
export const InvitationList = z.object({ invitations: z.array(Invitation) }).meta({ id: 'InvitationList' });
export type InvitationList = z.infer<typeof InvitationList>;

export const SpecialistList = z
  .object({ specialists: z.array(Clinician.extend({ online: z.boolean() })) })
  .meta({ id: 'SpecialistList' });
export type SpecialistList = z.infer<typeof SpecialistList>;

export const ConsultationDetail = z
  .object({
    id: EntityId,
    kind: z.enum(['scheduled', 'request', 'urgent', 'follow-up']),
    status: z.enum(['scheduled', 'ringing', 'active', 'ended', 'declined', 'missed']),
    reason: z.string(),
    patient: Person,
    doctor: Clinician,
    /** Specialists who accepted an invitation. */
    specialists: z.array(Clinician),
    summary: ConsultationSummaryNote.nullable(),
    createdAt: z.iso.datetime(),
    endedAt: z.iso.datetime().nullable(),
    /** Asked at a care-home kiosk, which joins the call in the resident's place; null: from home. */
    kiosk: KioskOrigin.nullable().optional(),
    /** Prescribed in or after this consultation (the cloud pharmacy reviews and delivers them). */
    prescriptions: z.array(PrescriptionBrief).optional(),
    /** Readings taken during the consultation (live on the doctor's call screen, then in the summary). */
    readings: z.array(Reading).optional(),
  })
  .meta({ id: 'ConsultationDetail' });
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

/** How a resident's TV answers: whether it stood by in the room while it rang (POST …/standby). */
export const AnswerRequest = z
  .object({
    standingBy: z.boolean().optional().meta({
      description: 'The TV is in the room already with its standby token: let it send and be seen there',
    }),
  })
  .strict()
  .meta({ id: 'AnswerRequest' });
export type AnswerRequest = z.infer<typeof AnswerRequest>;

/**
 * The resident answered: the consultation, and the token for its call, so a TV that did not stand
 * by connects without asking again.
 */
export const AnsweredCall = z
  .object({
    consultation: ConsultationDetail,
    call: CallToken,
    standbyAdmitted: z.boolean().meta({
      description:
        'The TV standing by in the room may now send and be seen; false: connect anew with `call` (it was not there)',
    }),
  })
  .meta({ id: 'AnsweredCall' });
export type AnsweredCall = z.infer<typeof AnsweredCall>;

export const AutoAnswerRequest = z
  .object({ autoAnswer: z.boolean() })
  .strict()
  .meta({ id: 'AutoAnswerRequest' });

/**
 * What the push channel (GET /api/events, server-sent events) delivers. Each event has an id;
 * a client that reconnects with Last-Event-ID gets everything it missed.
 */
export const PushEvent = z.discriminatedUnion('type', [
  /** Resident: the place in the queue changed (position, estimate, or admitted). */
  z.object({ type: z.literal('queue'), place: QueuePlace.nullable() }),
  /** Resident: a doctor is calling. autoAnswerSeconds: this device answers by itself after that long. */
  z.object({
    type: z.literal('ring'),
    consultationId: EntityId,
    caller: Clinician,
    reason: z.string(),
    autoAnswerSeconds: z.number().int().nullable(),
  }),
  /** Resident: the ringing stopped: the doctor hung up or nobody answered, or another of the resident's screens answered. */
  z.object({ type: z.literal('ring-cancelled'), consultationId: EntityId, answeredElsewhere: z.boolean() }),
  /** Everyone in a consultation: it ended; the summary is for the resident's screen. */
  z.object({
    type: z.literal('ended'),
    consultationId: EntityId,
    summary: ConsultationSummaryNote.nullable(),
  }),
  /** Doctors: the waiting list changed; urgent: a red-key request that needs someone now. */
  z.object({ type: z.literal('queue-changed'), urgent: z.boolean() }),
  /** Specialists: an invitation to join a consultation. */
  z.object({ type: z.literal('invitation'), invitation: Invitation }),
  /** The doctor: an invited specialist answered. */
  z.object({ type: z.literal('invitation-answered'), invitation: Invitation }),
  /** The doctor: the patient answered or declined the ring. */
  z.object({ type: z.literal('ring-answered'), consultationId: EntityId, answered: z.boolean() }),
  /** The resident and the doctor: a pharmacy order's status changed; pharmacists: the review queue changed. */
  ...PharmacyPushEvent.options,
  /** The schedule's events (appointments, home visits): see schedule/schedule-schemas.ts. */
  ...SchedulePushEvent.options,
  /** Devices: a TV waiting for its family doctor's confirmation. */
  ...IdentityPushEvent.options,
  /** Doctors: their area's readings changed (the colour view). */
  ...ReadingsPushEvent.options,
  /** The doctor (and invited specialists): a reading was taken during the consultation. */
  z.object({ type: z.literal('reading'), consultationId: EntityId, reading: Reading }),
]);
export type PushEvent = z.infer<typeof PushEvent>;
