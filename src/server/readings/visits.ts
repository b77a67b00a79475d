/**
 * Self-service kiosk visits (health stations, 智慧健康驿站): a resident identifies with the last 4
 * characters of the ID card and the date of birth, and the kiosk's session may then act for that
 * resident only, for a few minutes (the kiosk ends the visit at Back-to-start or 60 s idle).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.js';
import type { Actor, LiveVisit } from '../identity/actor.js';
import type { RateLimitRule } from '../identity/rate-limit.js';

/** A visit is short: measuring (three readings a minute apart) and a consultation fit well inside. */
export const VISIT_LIFETIME_MS = 30 * 60 * 1000;

const MINUTE = 60_000;
/**
 * Identification tries, counted before the lookup (so concurrent guesses cannot slip past the
 * count) and whether they succeed or not: 4 digits and a birth date are a weak secret. A visit
 * takes minutes (rest, three readings a minute apart), so 20 tries in 10 minutes is ample.
 */
export const VISIT_LIMITS = {
  perKiosk: { maxFailures: 20, windowMs: 10 * MINUTE },
  perAddress: { maxFailures: 40, windowMs: 10 * MINUTE },
} satisfies Record<string, RateLimitRule>;

/**
 * The limiter's keys for one identification try, whichever way the resident identifies (ID card
 * digits and birth date, or the family doctor's QR card): both are secrets, and sharing the count
 * means switching between them buys no extra guesses.
 */
export function visitAttemptChecks(
  actor: Extract<Actor, { kind: 'kiosk' }>,
  address: string | null,
): [string, RateLimitRule][] {
  return [
    [`visit-kiosk:${actor.deviceId}`, VISIT_LIMITS.perKiosk],
    [`visit-address:${address ?? 'unknown'}`, VISIT_LIMITS.perAddress],
  ];
}

export async function findResidentByIdCard(
  db: Db,
  idCardSuffix: string,
  birthDate: string,
): Promise<{ id: string; displayName: string } | null> {
  const rows = await db
    .selectFrom('patients')
    .innerJoin('users', 'users.id', 'patients.userId')
    .select(['users.id', 'users.displayName'])
    .where('patients.idCardSuffix', '=', idCardSuffix)
    .where('patients.birthDate', '=', birthDate)
    .limit(2)
    .execute();
  // Two residents with the same suffix and birthday: not identified (the QR card or staff help).
  return rows.length === 1 ? (rows[0] ?? null) : null;
}

/** Starts a visit on this kiosk session, ending any visit before it. */
export async function startVisit(db: Db, actor: Extract<Actor, { kind: 'kiosk' }>, patientId: string) {
  const now = Date.now();
  const visit = {
    id: randomUUID(),
    sessionIdHash: actor.session.idHash,
    deviceId: actor.deviceId,
    patientId,
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + VISIT_LIFETIME_MS).toISOString(),
    endedAt: null,
  };
  await db.transaction().execute(async (trx) => {
    await endVisit(trx, actor);
    await trx.insertInto('kioskVisits').values(visit).execute();
  });
  return visit;
}

export async function endVisit(db: Db, actor: Extract<Actor, { kind: 'kiosk' }>): Promise<void> {
  await db
    .updateTable('kioskVisits')
    .set({ endedAt: new Date().toISOString() })
    .where('sessionIdHash', '=', actor.session.idHash)
    .where('endedAt', 'is', null)
    .execute();
}

/** The live visit of a kiosk session, read with the session itself (identity/sessions.ts). */
export async function liveVisitOf(db: Db, sessionIdHash: string, now: number): Promise<LiveVisit | null> {
  const row = await db
    .selectFrom('kioskVisits')
    .select(['id', 'patientId', 'expiresAt'])
    .where('sessionIdHash', '=', sessionIdHash)
    .where('endedAt', 'is', null)
    .where('expiresAt', '>', new Date(now).toISOString())
    .executeTakeFirst();
  return row ? { id: row.id, patientId: row.patientId, expiresAt: Date.parse(row.expiresAt) } : null;
}

/**
 * A visit with a place or a call going on lasts: a long wait for the doctor and the call itself
 * may outrun VISIT_LIFETIME_MS, and the visit's end would cut them (visit-channels.ts). Each read
 * or heartbeat of the visit's place moves its end to a lifetime from now; never an ended visit.
 */
export async function keepVisitAlive(db: Db, visitId: string): Promise<void> {
  await db
    .updateTable('kioskVisits')
    .set({ expiresAt: new Date(Date.now() + VISIT_LIFETIME_MS).toISOString() })
    .where('id', '=', visitId)
    .where('endedAt', 'is', null)
    .execute();
}
