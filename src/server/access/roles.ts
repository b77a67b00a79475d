import type { Context } from 'hono';
import type { Role } from '../../shared/roles.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import type { Actor } from '../identity/actor.js';

/**
 * The role table: what a role may do at all. The object rules (which patients, consultations,
 * devices…) are the other files of access/, all re-exported by policy.ts. Routes call `authorize`
 * and the `can…`/`visible…` functions; the client only hides what these would refuse.
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
   * reminders (a self-service kiosk visit lists and reorders for its resident: KIOSK_VISIT);
   * pharmacists review and dispatch orders (visibleOrders: all orders, never records);
   * doctors see their patients' orders, adherence and missed doses, a care-home kiosk its residents'
   * missed doses.
   */
  'pharmacy:catalogue': ['doctor', 'specialist', 'pharmacist'],
  'prescriptions:write': ['doctor'],
  'medicines:own': ['resident', 'kiosk'],
  'orders:place': ['resident', 'kiosk'],
  'orders:cancel': ['resident'],
  'orders:read': ['resident', 'kiosk', 'doctor', 'pharmacist'],
  'orders:review': ['pharmacist'],
  'orders:resubmit': ['doctor'],
  'doses:answer': ['resident'],
  'adherence:read': ['doctor'],
  'doses:missed': ['doctor', 'kiosk'],
  /** Today's missed and overdue doses of a care home's residents, on its kiosk (careHomeDoseWatch). */
  'doses:care-home': ['kiosk'],
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
  /** A self-service kiosk identifies a resident (ID card's last digits and birth date, or a QR card). */
  'kiosk:visit': ['kiosk'],
  /** The family doctor's QR card for self-service kiosks, narrowed per resident by cardAccessOf. */
  'cards:manage': ['doctor'],
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

/**
 * What a kiosk without staff may do while a self-service visit is live on it (issue 14 §9: measure,
 * see a doctor and get medicine in one visit), each narrowed to the visited resident by the object
 * rules: ask for a doctor (canQueueFor), join and read only the consultation the visit's own
 * request led to (canJoinConsultationCall, canReadConsultation), list and reorder the resident's
 * medicines (residentActedFor, visibleOrders). The visit's end takes all of it away at once.
 */
const KIOSK_VISIT: readonly Permission[] = [
  // The visit's place, admission and the end of its call arrive on the push channel.
  'events:subscribe',
  'queue:join',
  'calls:join',
  'consultations:read',
  'medicines:own',
  'orders:place',
  'orders:read',
];

/** The resident's own pharmacy: a care-home nurse does not reorder for a resident at the kiosk. */
const KIOSK_VISIT_ONLY: readonly Permission[] = ['medicines:own', 'orders:place', 'orders:read'];

export function mayDo(actor: Actor, permission: Permission): boolean {
  if (!(PERMISSIONS[permission] as readonly Role[]).includes(actor.role)) return false;
  if (actor.kind !== 'kiosk') return true;
  if (actor.staff !== null) return !KIOSK_VISIT_ONLY.includes(permission);
  return (
    KIOSK_WITHOUT_STAFF.includes(permission) || (actor.visit !== null && KIOSK_VISIT.includes(permission))
  );
}

/**
 * The resident an actor reads and orders medicines for: a TV its own, a kiosk without staff the
 * resident of its live visit; null for anyone else.
 */
export function residentActedFor(actor: Actor): string | null {
  if (actor.kind === 'tv') return actor.id;
  if (actor.kind === 'kiosk' && actor.staff === null) return actor.visit?.patientId ?? null;
  return null;
}

/**
 * The signed-in actor if it may do this for a resident of its own (residentActedFor), with that
 * resident; else 401/403.
 */
export function authorizeForResident(
  c: Context<AppEnv>,
  permission: Permission,
): { actor: Actor; patientId: string } {
  const actor = authorize(c, permission);
  const patientId = residentActedFor(actor);
  if (!patientId)
    throw new ApiError(403, 'forbidden', 'Only the resident, or a kiosk in their visit, does this.');
  return { actor, patientId };
}

/** The signed-in actor, or 401. */
export function requireActor(c: Context<AppEnv>): Actor {
  // c.get, not c.var: Hono builds a fresh object of every variable on each c.var read.
  const actor = c.get('actor');
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
      staffMissing
        ? 'A staff member must sign in on this kiosk first (or a resident identify, for their own visit).'
        : 'Not allowed for this role.',
    );
  }
  return actor;
}
