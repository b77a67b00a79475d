/**
 * Kiosk staff shifts: who was signed in on which kiosk, from when until when. The session row
 * keeps only who is signed in now; this history is the authority for a write taken during a shift
 * and delivered by the kiosk's outbox after the shift ended (access/readings.ts).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { STAFF_IDLE_MS } from '../../shared/roles.js';
import type { Db } from '../db/types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A staff member signed in on a kiosk: their shift starts, and any shift open there ends. */
export async function startStaffShift(
  db: Db,
  shift: { sessionIdHash: string; deviceId: string; careHomeId: string; staffUserId: string },
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('kioskStaffShifts')
      .set({ endedAt: iso(now) })
      .where('deviceId', '=', shift.deviceId)
      .where('endedAt', 'is', null)
      .execute();
    await trx
      .insertInto('kioskStaffShifts')
      .values({ id: randomUUID(), ...shift, startedAt: iso(now), lastActiveAt: iso(now), endedAt: null })
      .execute();
  });
}

/** The staff member signed out (or the session that held the shift ended). */
export async function endStaffShift(db: Db, sessionIdHash: string, now = Date.now()): Promise<void> {
  await db
    .updateTable('kioskStaffShifts')
    .set({ endedAt: iso(now) })
    .where('sessionIdHash', '=', sessionIdHash)
    .where('endedAt', 'is', null)
    .execute();
}

/**
 * Activity: the session was used with its staff member signed in (sessions.ts touches at most once
 * a minute), or a write taken at `at` during the shift was accepted. Never moves back.
 */
export async function markShiftActive(
  db: Db,
  where: { sessionIdHash: string } | { id: string },
  at: number,
): Promise<void> {
  let query = db
    .updateTable('kioskStaffShifts')
    .set({ lastActiveAt: sql<string>`max(last_active_at, ${iso(at)})` })
    .where('endedAt', 'is', null);
  query =
    'id' in where ? query.where('id', '=', where.id) : query.where('sessionIdHash', '=', where.sessionIdHash);
  await query.execute();
}

/**
 * The shift of `staffUserId` on this kiosk that was live at `at`: it had started, had not been
 * ended (sign-out, another sign-in, its session's end or expiry), and had seen activity less than
 * STAFF_IDLE_MS before (the API's own idle sign-out). Null when there was none.
 */
export async function shiftLiveAt(
  db: Db,
  kiosk: { deviceId: string; careHomeId: string },
  staffUserId: string,
  at: number,
): Promise<{ id: string; careHomeId: string } | null> {
  const t = iso(at);
  const row = await db
    .selectFrom('kioskStaffShifts')
    .innerJoin('sessions', 'sessions.idHash', 'kioskStaffShifts.sessionIdHash')
    .select(['kioskStaffShifts.id', 'kioskStaffShifts.careHomeId'])
    .where('kioskStaffShifts.deviceId', '=', kiosk.deviceId)
    .where('kioskStaffShifts.careHomeId', '=', kiosk.careHomeId)
    .where('kioskStaffShifts.staffUserId', '=', staffUserId)
    .where('kioskStaffShifts.startedAt', '<=', t)
    .where((eb) =>
      eb.or([eb('kioskStaffShifts.endedAt', 'is', null), eb('kioskStaffShifts.endedAt', '>', t)]),
    )
    .where('kioskStaffShifts.lastActiveAt', '>', iso(at - STAFF_IDLE_MS))
    .where('sessions.expiresAt', '>', t)
    .where((eb) => eb.or([eb('sessions.endedAt', 'is', null), eb('sessions.endedAt', '>', t)]))
    .orderBy('kioskStaffShifts.startedAt', 'desc')
    .executeTakeFirst();
  return row ?? null;
}
