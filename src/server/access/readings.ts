/** Whose readings an actor may read and write, and as whom. */
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import { canSeePatient, visiblePatients } from './patients.js';
import { mayDo } from './roles.js';

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
    return `visit:${actor.visit?.id ?? 'none'}`;
  }
  return actor.id;
}
