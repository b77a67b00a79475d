/** Whose readings an actor may read and write, and as whom. */
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import { shiftLiveAt, markShiftActive } from './kiosk-shifts.js';
import { canSeePatient, isVisiblePatient } from './patients.js';
import { mayDo } from './roles.js';

/**
 * How long after it was taken a kiosk may still deliver a write on the authority of a shift or a
 * visit that has ended. A rural care home's or health station's line down over a weekend (Friday
 * evening to Monday morning, about 64 h) must not lose the readings taken meanwhile; beyond three
 * days a kiosk's credential should not vouch for old shifts any more (a copied credential could
 * back-date writes into them), and a reading that late no longer serves its purpose (the doctor's
 * colour view acts on the last 7 days: shared/readings/rolling.ts).
 */
export const DEFERRED_WRITE_MAX_DELAY_MS = 72 * 60 * 60 * 1000;

/**
 * Whose readings an actor may see or add. A kiosk with a staff member signed in: its care home's
 * residents; a kiosk without one: only the resident of its current self-service visit; everyone
 * else as for the record (visiblePatients).
 */
async function mayHandleReadingsOf(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (actor.kind === 'kiosk') {
    if (actor.staff) return canSeePatient(db, actor, patientId);
    return actor.visit?.patientId === patientId;
  }
  return isVisiblePatient(db, actor, patientId);
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
    return `visit:${actor.visit?.id ?? 'none'}`;
  }
  return actor.id;
}

/** What a write says about how it was taken (ReadingInput's fields). */
export interface TakenWrite {
  patientId: string;
  takenAt: string;
  /** The staff member signed in on the kiosk when it was taken. */
  staffId?: string | undefined;
  /** The self-service visit it was taken in. */
  visitId?: string | undefined;
}

type Kiosk = Extract<Actor, { kind: 'kiosk' }>;

async function isResidentOf(db: Db, careHomeId: string, patientId: string): Promise<boolean> {
  const row = await db
    .selectFrom('patients')
    .select('userId')
    .where('userId', '=', patientId)
    .where('careHomeId', '=', careHomeId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Authority from history: the kiosk's outbox may deliver a write after the shift or visit it was
 * taken in has ended (sign-out, idle sign-out, Back-to-start), as long as the write was taken on
 * this kiosk while that shift or visit was live, for a resident it covered, and no longer ago than
 * DEFERRED_WRITE_MAX_DELAY_MS. Returns the author, or null.
 */
async function kioskAuthorFromHistory(db: Db, kiosk: Kiosk, write: TakenWrite, now: number) {
  const at = Date.parse(write.takenAt);
  if (!Number.isFinite(at) || now - at > DEFERRED_WRITE_MAX_DELAY_MS) return null;
  if (write.staffId) {
    const shift = await shiftLiveAt(db, kiosk, write.staffId, at);
    if (!shift || !(await isResidentOf(db, shift.careHomeId, write.patientId))) return null;
    // The write is evidence the nurse was at work at `at`: the kiosk's outbox delivers in the order
    // writes were made, so a morning round measured offline keeps its shift live write by write
    // (each within STAFF_IDLE_MS of the one before), as the kiosk's own idle sign-out would.
    await markShiftActive(db, { id: shift.id }, at);
    return write.staffId;
  }
  if (write.visitId) {
    const t = new Date(at).toISOString();
    const visit = await db
      .selectFrom('kioskVisits')
      .select('id')
      .where('id', '=', write.visitId)
      .where('deviceId', '=', kiosk.deviceId)
      .where('patientId', '=', write.patientId)
      .where('createdAt', '<=', t)
      .where('expiresAt', '>', t)
      .where((eb) => eb.or([eb('endedAt', 'is', null), eb('endedAt', '>', t)]))
      .executeTakeFirst();
    return visit ? `visit:${visit.id}` : null;
  }
  return null;
}

/**
 * Who may add this reading, as whom: the author to store with it, or null (the route answers 404,
 * as for another's patient). A kiosk's write that names the staff member or visit it was taken in
 * is judged by history alone (kioskAuthorFromHistory), whether that shift or visit is still on or
 * over, and stored as theirs; any other write as canWriteReadingFor and readingAuthorOf say now.
 */
export async function readingWriteAuthor(
  db: Db,
  actor: Actor,
  write: TakenWrite,
  now = Date.now(),
): Promise<string | null> {
  if (!mayDo(actor, 'readings:write')) return null;
  if (actor.kind === 'kiosk' && (write.staffId || write.visitId)) {
    return kioskAuthorFromHistory(db, actor, write, now);
  }
  return (await mayHandleReadingsOf(db, actor, write.patientId)) ? readingAuthorOf(db, actor) : null;
}
