import type { Context } from 'hono';
import { sql } from 'kysely';
import type { Role } from '../../shared/roles.js';
import type { Consultation } from '../consultations/consultations.js';
import { OPEN_CONSULTATION_STATUSES } from '../consultations/tables.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import type { Device } from '../identity/devices.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import { visitingPatient } from '../readings/visits.js';

/**
 * The one place that says who may do what. First the role table (what a role may do at all),
 * then the object rules (which patients, consultations and devices). Routes call `authorize`
 * and the `can…`/`visible…` functions here; the client only hides what these would refuse.
 */
export const PERMISSIONS = {
  /** Own open consultations: the resident's TV, the doctor, an invited specialist. */
  'consultations:list-own': ['resident', 'doctor', 'specialist'],
  /** A kiosk joins only the calls it asked for (canJoinConsultationCall). */
  'calls:join': ['resident', 'kiosk', 'doctor', 'specialist'],
  /** Health data, narrowed per patient by visiblePatients(). */
  'patients:read': ['resident', 'kiosk', 'doctor', 'nurse', 'specialist'],
  /** Names and villages only, to bind a TV to the right person. */
  'residents:directory': ['doctor', 'admin'],
  'devices:manage': ['doctor', 'admin'],
  /** A resident sees every device bound to them (one paired without their knowledge shows). */
  'devices:list-own': ['resident'],
  'kiosk:staff-sign-in': ['kiosk'],
  'audit:read': ['admin'],
  /** Read-aloud for the resident's screens (voice guidance). */
  'speech:synthesize': ['resident', 'kiosk'],
  /** The push channel (ringing, queue, invitations): everyone signed in. */
  'events:subscribe': ['resident', 'kiosk', 'doctor', 'nurse', 'specialist', 'pharmacist', 'admin'],
  /**
   * The waiting room: a resident asks for a doctor, or a care-home kiosk (staff signed in) for one
   * of its residents (canQueueFor); doctors see and admit their area's queue.
   */
  'queue:join': ['resident', 'kiosk'],
  'queue:read': ['doctor'],
  'queue:admit': ['doctor'],
  /** A doctor rings a patient (follow-up), ends a call with its summary, brings in a specialist. */
  'consultations:start': ['doctor'],
  'consultations:end': ['doctor'],
  'consultations:answer': ['resident'],
  'consultations:read': ['resident', 'kiosk', 'doctor', 'specialist'],
  'invitations:send': ['doctor'],
  'invitations:answer': ['specialist'],
  'specialists:list': ['doctor'],
  /**
   * The cloud pharmacy (issue 15). Clinicians search the catalogue; a doctor prescribes in or after
   * their own consultation; the resident's TV lists its medicines, reorders, cancels and answers
   * reminders; pharmacists review and dispatch orders (visibleOrders: all orders, never records);
   * doctors see their patients' orders, adherence and missed doses, a care-home kiosk its residents'
   * missed doses.
   */
  'pharmacy:catalogue': ['doctor', 'specialist', 'pharmacist'],
  'prescriptions:write': ['doctor'],
  'medicines:own': ['resident'],
  'orders:place': ['resident'],
  'orders:cancel': ['resident'],
  'orders:read': ['resident', 'doctor', 'pharmacist'],
  'orders:review': ['pharmacist'],
  'orders:resubmit': ['doctor'],
  'doses:answer': ['resident'],
  'adherence:read': ['doctor'],
  'doses:missed': ['doctor', 'kiosk'],
  /**
   * The schedule (issue 16). Visits and slots: a resident's own village and doctors, a kiosk's care
   * home, a township's doctors and nurses their area; township doctors keep visits and slots.
   */
  'schedule:read': ['resident', 'kiosk', 'doctor', 'nurse'],
  'visits:manage': ['doctor'],
  'slots:manage': ['doctor'],
  /** Booking for oneself (TV) or for a care-home resident (kiosk, canActFor). */
  'appointments:book': ['resident', 'kiosk'],
  'appointments:read': ['resident', 'kiosk', 'doctor', 'nurse'],
  /** The resident's side, or a doctor of the area (a van that cannot come). */
  'appointments:cancel': ['resident', 'kiosk', 'doctor'],
  'home-visits:request': ['resident', 'kiosk'],
  'home-visits:read': ['resident', 'kiosk', 'doctor', 'nurse'],
  /** Assigning, scheduling and recording a home visit: the township's doctors and nurses. */
  'home-visits:manage': ['doctor', 'nurse'],
  'team:read': ['resident', 'kiosk', 'doctor', 'nurse'],
  'team:signed-residents': ['doctor', 'nurse'],
  /**
   * Health readings (issue 14), narrowed per patient by canReadReadingsOf/canWriteReadingFor:
   * residents their own, kiosk staff their care home's residents, a self-service kiosk only the
   * resident it is visiting, doctors their area. Pharmacists and administrators never.
   */
  'readings:write': ['resident', 'kiosk', 'doctor'],
  'readings:read': ['resident', 'kiosk', 'doctor'],
  /** The doctor's colour view (分色管理) of their area. */
  'readings:colour-view': ['doctor'],
  /** A self-service kiosk identifies a resident (ID card's last digits and birth date). */
  'kiosk:visit': ['kiosk'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** What a kiosk may do before a staff member has signed in on it: only that sign-in. */
const KIOSK_WITHOUT_STAFF: readonly Permission[] = [
  'kiosk:staff-sign-in',
  // Self-service: a visit (identification) and then the visited resident's readings only.
  'kiosk:visit',
  'readings:write',
  'readings:read',
];

export function mayDo(actor: Actor, permission: Permission): boolean {
  if (!(PERMISSIONS[permission] as readonly Role[]).includes(actor.role)) return false;
  return actor.kind !== 'kiosk' || actor.staff !== null || KIOSK_WITHOUT_STAFF.includes(permission);
}

/** The signed-in actor, or 401. */
export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new ApiError(401, 'unauthenticated', 'Sign in first.');
  return actor;
}

/** The signed-in actor if its role may do this, else 401/403. */
export function authorize(c: Context<AppEnv>, permission: Permission): Actor {
  const actor = requireActor(c);
  if (!mayDo(actor, permission)) {
    const staffMissing =
      actor.kind === 'kiosk' && actor.staff === null && PERMISSIONS[permission].some((r) => r === 'kiosk');
    throw new ApiError(
      403,
      'forbidden',
      staffMissing ? 'A staff member must sign in on this kiosk first.' : 'Not allowed for this role.',
    );
  }
  return actor;
}

/** The health-centre area a doctor works in: the township centre and its village clinics. */
export function doctorArea(db: Db, doctorOrganisationId: string) {
  const centre = db
    .selectFrom('organisations')
    .select(sql<string>`case when kind = 'village_clinic' then parent_id else id end`.as('centreId'))
    .where('id', '=', doctorOrganisationId);
  return db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb('id', 'in', centre), eb('parentId', 'in', centre)]));
}

/** Ids of the patients whose data this actor may see. */
export function visiblePatients(db: Db, actor: Actor) {
  const patients = db.selectFrom('patients').select('patients.userId');
  switch (actor.kind) {
    case 'tv':
      return patients.where('patients.userId', '=', actor.id);
    case 'kiosk':
      return actor.staff
        ? patients.where('patients.careHomeId', '=', actor.careHomeId)
        : patients.where(sql<boolean>`1 = 0`);
    case 'clinician':
      // A township's nurses care for the same residents as its doctors (home visits).
      if (actor.role === 'doctor' || actor.role === 'nurse') {
        return patients
          .innerJoin('users as familyDoctor', 'familyDoctor.id', 'patients.familyDoctorId')
          .where('familyDoctor.organisationId', 'in', doctorArea(db, actor.user.organisationId));
      }
      // Specialists see a patient only through a consultation they are invited to (the
      // consultation work adds invitations); pharmacists see orders, never records; admins
      // run devices and people, not care.
      return patients.where(sql<boolean>`1 = 0`);
  }
}

export async function canSeePatient(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (!mayDo(actor, 'patients:read')) return false;
  const row = await visiblePatients(db, actor).where('patients.userId', '=', patientId).executeTakeFirst();
  return row !== undefined;
}

/** Whom an actor may put in the waiting room: a TV its own resident, a kiosk its care home's residents. */
export async function canQueueFor(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (!mayDo(actor, 'queue:join')) return false;
  if (actor.kind === 'tv') return actor.id === patientId;
  return actor.kind === 'kiosk' && canSeePatient(db, actor, patientId);
}

/** The kiosk (device id) that asked for a consultation through the waiting room; null: not a kiosk's. */
export async function kioskThatAsked(db: Db, consultationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('queueEntries')
    .select('kioskId')
    .where('consultationId', '=', consultationId)
    .where('kioskId', 'is not', null)
    .executeTakeFirst();
  return row?.kioskId ?? null;
}

/**
 * A call's room is open only after admission (self-hosted LiveKit cannot move a waiting
 * participant into a room): to the patient once the consultation is scheduled, admitted or
 * answered (not while it only rings), to its doctor until it ends, and to a specialist whose
 * invitation they accepted. A consultation asked for at a care-home kiosk is that kiosk's call: the
 * kiosk joins it (once admitted, while a nurse is signed in), not another kiosk, and not the
 * resident's own TV (which may still read it: it is in the resident's record).
 */
export async function canJoinConsultationCall(
  db: Db,
  actor: Actor,
  consultation: Consultation,
): Promise<boolean> {
  if (!mayDo(actor, 'calls:join')) return false;
  const joinable = ['scheduled', 'active'].includes(consultation.status);
  if (actor.kind === 'tv') {
    return (
      consultation.patientId === actor.id && joinable && (await kioskThatAsked(db, consultation.id)) === null
    );
  }
  if (actor.kind === 'kiosk') {
    return (
      joinable &&
      (await kioskThatAsked(db, consultation.id)) === actor.deviceId &&
      canSeePatient(db, actor, consultation.patientId)
    );
  }
  if (actor.kind !== 'clinician' || !OPEN_CONSULTATION_STATUSES.includes(consultation.status)) return false;
  if (actor.role === 'doctor') return consultation.doctorId === actor.id;
  if (actor.role === 'specialist') return hasInvitation(db, actor.id, consultation.id, ['accepted']);
  return false;
}

/**
 * While a doctor rings a resident's TV, that TV may wait in the call's room already, hidden and
 * sending nothing (grants.ts standbyGrantFor), so that answering needs no connection; answering
 * then lets it send and be seen there. Only the TV of the resident being rung, only while it rings.
 */
export function canStandByInCall(actor: Actor, consultation: Consultation): boolean {
  return (
    mayDo(actor, 'consultations:answer') &&
    actor.kind === 'tv' &&
    consultation.patientId === actor.id &&
    consultation.status === 'ringing'
  );
}

async function hasInvitation(
  db: Db,
  specialistId: string,
  consultationId: string,
  statuses: readonly ('pending' | 'accepted')[],
): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('specialistId', '=', specialistId)
    .where('consultationId', '=', consultationId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Who may read a consultation (its summary, its people): its patient, its doctor, an invited
 * specialist, and a kiosk with a nurse signed in for its care home's residents.
 */
export async function canReadConsultation(
  db: Db,
  actor: Actor,
  consultation: Consultation,
): Promise<boolean> {
  if (!mayDo(actor, 'consultations:read')) return false;
  if (actor.kind === 'tv') return consultation.patientId === actor.id;
  if (actor.kind === 'kiosk') return canSeePatient(db, actor, consultation.patientId);
  if (actor.kind !== 'clinician') return false;
  if (actor.role === 'doctor') return consultation.doctorId === actor.id;
  return actor.role === 'specialist' && hasInvitation(db, actor.id, consultation.id, ['pending', 'accepted']);
}

/** The doctors of a patient's area: who sees their place in the queue and their urgent calls. */
export function areaDoctorsOf(db: Db, patientId: string) {
  const familyDoctorOrganisation = db
    .selectFrom('patients')
    .innerJoin('users as familyDoctor', 'familyDoctor.id', 'patients.familyDoctorId')
    .select('familyDoctor.organisationId')
    .where('patients.userId', '=', patientId);
  const centre = db
    .selectFrom('organisations')
    .select(sql<string>`case when kind = 'village_clinic' then parent_id else id end`.as('centreId'))
    .where('id', 'in', familyDoctorOrganisation);
  const area = db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb('id', 'in', centre), eb('parentId', 'in', centre)]));
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.role', '=', 'doctor')
    .where('users.organisationId', 'in', area);
}

/** Who may bind a device: admins anything; a doctor only a TV for one of their own patients. */
export async function canBindDevice(
  db: Db,
  actor: Actor,
  binding: { kind: 'tv' | 'kiosk'; residentId: string | null },
): Promise<boolean> {
  if (!mayDo(actor, 'devices:manage') || actor.kind !== 'clinician') return false;
  if (actor.role === 'admin') return true;
  if (binding.kind !== 'tv' || !binding.residentId) return false;
  const patient = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', binding.residentId)
    .where('familyDoctorId', '=', actor.id)
    .executeTakeFirst();
  return patient !== undefined;
}

/**
 * The rule for pairing a resident's TV (docs/ARCHITECTURE.md, Identity): the resident's family
 * doctor binds it at once; a TV an administrator binds to a resident waits until the family
 * doctor confirms it (canConfirmDevice), since whoever approves a code gets the resident's identity.
 */
export function needsFamilyDoctorConfirmation(
  actor: Actor,
  binding: { kind: 'tv' | 'kiosk'; residentId: string | null },
): boolean {
  return (
    binding.kind === 'tv' &&
    binding.residentId !== null &&
    !(actor.kind === 'clinician' && actor.role === 'doctor')
  );
}

/** Only the resident's own family doctor confirms a TV bound to them. */
export async function canConfirmDevice(db: Db, actor: Actor, device: Device): Promise<boolean> {
  if (actor.kind !== 'clinician' || actor.role !== 'doctor' || !device.residentId) return false;
  const patient = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', device.residentId)
    .where('familyDoctorId', '=', actor.id)
    .executeTakeFirst();
  return patient !== undefined;
}

/** Devices an actor may list and revoke: all for admins, their own patients' TVs for doctors. */
export function visibleDevices(db: Db, actor: Actor) {
  const devices = db.selectFrom('devices');
  if (actor.kind === 'clinician' && actor.role === 'admin') return devices;
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return devices.where(
      'devices.residentId',
      'in',
      db.selectFrom('patients').select('userId').where('familyDoctorId', '=', actor.id),
    );
  }
  return devices.where(sql<boolean>`1 = 0`);
}

export async function canManageDevice(db: Db, actor: Actor, device: Device): Promise<boolean> {
  if (!mayDo(actor, 'devices:manage')) return false;
  const row = await visibleDevices(db, actor)
    .select('devices.id')
    .where('devices.id', '=', device.id)
    .executeTakeFirst();
  return row !== undefined;
}

/** Residents an actor may bind a TV to: all for admins, own patients for doctors. Names only. */
export function residentDirectory(db: Db, actor: Actor) {
  const residents = db
    .selectFrom('patients')
    .innerJoin('users', 'users.id', 'patients.userId')
    .leftJoin('organisations as careHome', 'careHome.id', 'patients.careHomeId')
    .select(['users.id', 'users.displayName', 'patients.address', 'careHome.name as careHomeName']);
  if (actor.kind === 'clinician' && actor.role === 'admin') return residents;
  if (actor.kind === 'clinician' && actor.role === 'doctor')
    return residents.where('patients.familyDoctorId', '=', actor.id);
  return residents.where(sql<boolean>`1 = 0`);
}

/** Care homes an actor may bind a kiosk to: administrators only. */
export function bindableCareHomes(db: Db, actor: Actor) {
  const careHomes = db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'care_home');
  return actor.kind === 'clinician' && actor.role === 'admin'
    ? careHomes
    : careHomes.where(sql<boolean>`1 = 0`);
}

/** Orders an actor may see: a resident their own, a doctor their area's patients', pharmacists all. */
export function visibleOrders(db: Db, actor: Actor) {
  const orders = db.selectFrom('orders');
  if (!mayDo(actor, 'orders:read')) return orders.where(sql<boolean>`1 = 0`);
  if (actor.kind === 'tv') return orders.where('orders.patientId', '=', actor.id);
  if (actor.kind === 'clinician' && actor.role === 'pharmacist') return orders;
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return orders.where('orders.patientId', 'in', visiblePatients(db, actor));
  }
  return orders.where(sql<boolean>`1 = 0`);
}

/**
 * Whose missed doses an actor is shown: a doctor their own patients' (the family doctor), a kiosk
 * with a nurse signed in its care home's residents.
 */
export function missedDoseWatchlist(db: Db, actor: Actor) {
  const patients = db.selectFrom('patients').select('patients.userId');
  if (!mayDo(actor, 'doses:missed')) return patients.where(sql<boolean>`1 = 0`);
  if (actor.kind === 'kiosk') return patients.where('patients.careHomeId', '=', actor.careHomeId);
  if (actor.kind === 'clinician' && actor.role === 'doctor') {
    return patients.where('patients.familyDoctorId', '=', actor.id);
  }
  return patients.where(sql<boolean>`1 = 0`);
}

/** The township health centre an organisation belongs to: a village clinic's or care home's parent, or itself. */
export async function townshipOf(db: Db, organisationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'kind', 'parentId'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.kind === 'health_centre') return row.id;
  return row.kind === 'village_clinic' || row.kind === 'care_home' ? row.parentId : null;
}

/** The township whose schedule a doctor or nurse keeps; null for everyone else. */
export async function townshipOfActor(db: Db, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'clinician' || (actor.role !== 'doctor' && actor.role !== 'nurse')) return null;
  return townshipOf(db, actor.user.organisationId);
}

/**
 * Whom a TV or kiosk may book or ask a home visit for: a TV its own resident, a kiosk with a staff
 * member signed in its care home's residents.
 */
export async function canActFor(
  db: Db,
  actor: Actor,
  permission: 'appointments:book' | 'home-visits:request',
  patientId: string,
): Promise<boolean> {
  if (!mayDo(actor, permission)) return false;
  if (actor.kind === 'tv') return actor.id === patientId;
  return actor.kind === 'kiosk' && canSeePatient(db, actor, patientId);
}

/**
 * Whose readings an actor may see or add. A kiosk with a staff member signed in: its care home's
 * residents; a kiosk without one: only the resident of its current self-service visit; everyone
 * else as for the record (visiblePatients).
 */
async function mayHandleReadingsOf(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (actor.kind === 'kiosk') {
    if (actor.staff) return canSeePatient(db, actor, patientId);
    return (await visitingPatient(db, actor))?.patientId === patientId;
  }
  const row = await visiblePatients(db, actor).where('patients.userId', '=', patientId).executeTakeFirst();
  return row !== undefined;
}

export async function canReadReadingsOf(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  return mayDo(actor, 'readings:read') && mayHandleReadingsOf(db, actor, patientId);
}

export async function canWriteReadingFor(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  return mayDo(actor, 'readings:write') && mayHandleReadingsOf(db, actor, patientId);
}

/** Who entered a reading, as its author: only they may correct or withdraw it. */
export async function readingAuthorOf(db: Db, actor: Actor): Promise<string> {
  if (actor.kind === 'kiosk') {
    if (actor.staff) return actor.staff.id;
    const visit = await visitingPatient(db, actor);
    return `visit:${visit?.visitId ?? 'none'}`;
  }
  return actor.id;
}
