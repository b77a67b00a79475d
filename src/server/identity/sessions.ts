import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { STAFF_IDLE_MS } from '../../shared/roles.js';
import { precompiled } from '../db/precompiled.js';
import type { Db } from '../db/types.js';
import { markShiftActive } from '../access/kiosk-shifts.js';
import { findUser, type UserWithOrganisation } from '../directory/users.js';
import type { AppConfig } from '../config.js';
import type { AppEnv } from '../http/app-env.js';
import type { Actor } from './actor.js';
import { liveVisitOf } from '../readings/visits.js';
import { hashSecret, newSecret } from './secrets.js';
import type { SessionKind } from './tables.js';

export const SESSION_COOKIE = 'dah_session';
export const DEVICE_COOKIE = 'dah_device';

const HOUR = 60 * 60 * 1000;
/** How long sessions live: absolute lifetime, and how long they survive without use. */
export const SESSION_LIFETIME: Record<SessionKind, { absoluteMs: number; idleMs: number }> = {
  clinician: { absoluteMs: 12 * HOUR, idleMs: 2 * HOUR },
  // A device renews its session from its device credential, so this can be short-ish.
  device: { absoluteMs: 12 * HOUR, idleMs: 12 * HOUR },
};
/** Browsers cap cookie lifetimes at 400 days; the device credential rotates far more often. */
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/** What the session functions need: the database, and whether cookies are Secure. */
export interface SessionDeps {
  db: Db;
  config: Pick<AppConfig, 'cookieSecure'>;
}

function cookieOptions(deps: SessionDeps, path: string, maxAgeS?: number) {
  return {
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: deps.config.cookieSecure,
    path,
    ...(maxAgeS === undefined ? {} : { maxAge: maxAgeS }),
  };
}

export async function startSession(
  c: Context<AppEnv>,
  deps: SessionDeps,
  kind: SessionKind,
  subject: { userId: string | null; deviceId: string | null },
): Promise<{ secret: string }> {
  const { db } = deps;
  const secret = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      idHash: hashSecret(secret),
      kind,
      userId: subject.userId,
      deviceId: subject.deviceId,
      staffUserId: null,
      staffExpiresAt: null,
      csrfToken,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME[kind].absoluteMs).toISOString(),
      lastSeenAt: now.toISOString(),
      endedAt: null,
    })
    .execute();
  setCookie(c, SESSION_COOKIE, secret, cookieOptions(deps, '/'));
  return { secret };
}

export function setDeviceCookie(c: Context<AppEnv>, deps: SessionDeps, credential: string): void {
  setCookie(c, DEVICE_COOKIE, credential, cookieOptions(deps, '/api/devices', DEVICE_COOKIE_MAX_AGE_S));
}

export function readDeviceCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

export function clearCookies(c: Context<AppEnv>, deps: SessionDeps, which: 'session' | 'all'): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(deps, '/'));
  if (which === 'all') deleteCookie(c, DEVICE_COOKIE, cookieOptions(deps, '/api/devices'));
}

export async function endSession(db: Db, idHash: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ endedAt: new Date().toISOString() })
    .where('idHash', '=', idHash)
    .execute();
}

/** Log-out everywhere, and what revoking a device does to the sessions it holds. */
export async function endSessionsOf(db: Db, subject: { userId?: string; deviceId?: string }): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ endedAt: new Date().toISOString() })
    .where('endedAt', 'is', null);
  if (subject.userId) query = query.where('userId', '=', subject.userId);
  if (subject.deviceId) query = query.where('deviceId', '=', subject.deviceId);
  await query.execute();
}

/**
 * When the session ends by itself unless used again: its absolute end, its idle end, and on a
 * kiosk the staff member's idle sign-out (which lowers the session's rights). Push streams close then.
 */
function sessionEndsAt(
  session: { kind: SessionKind; expiresAt: string; lastSeenAt: string; staffExpiresAt: string | null },
  staffUserId: string | null,
): number {
  const ends = [
    Date.parse(session.expiresAt),
    Date.parse(session.lastSeenAt) + SESSION_LIFETIME[session.kind].idleMs,
  ];
  if (staffUserId && session.staffExpiresAt) ends.push(Date.parse(session.staffExpiresAt));
  return Math.min(...ends);
}

/** The actor behind the session cookie (see resolveSession). */
export function actorFromSession(c: Context<AppEnv>, deps: SessionDeps): Promise<Actor | null> {
  const secret = getCookie(c, SESSION_COOKIE);
  return secret ? resolveSession(deps.db, secret) : Promise.resolve(null);
}

/**
 * The actor behind a session secret, or null when the session has ended, expired, idled out,
 * or belongs to a revoked device. Touches last-seen at most once a minute.
 */
export function resolveSession(db: Db, secret: string): Promise<Actor | null> {
  return resolveSessionByHash(db, hashSecret(secret), true);
}

// Every request runs this: compiled once (db/precompiled.ts). The session with its device (if a
// device's) and a TV's resident (as findUser reads them: the user with its organisation): one
// statement rather than three, all still read on every request.
const sessionByHash = precompiled((db, idHash) =>
  db
    .selectFrom('sessions')
    .leftJoin('devices', 'devices.id', 'sessions.deviceId')
    .leftJoin('organisations', 'organisations.id', 'devices.careHomeId')
    .leftJoin('users as resident', (join) =>
      join.onRef('resident.id', '=', 'devices.residentId').on('devices.kind', '=', 'tv'),
    )
    .leftJoin('organisations as residentOrganisation', 'residentOrganisation.id', 'resident.organisationId')
    .selectAll('sessions')
    .select([
      'devices.id as deviceRowId',
      'devices.kind as deviceKind',
      'devices.residentId as deviceResidentId',
      'devices.careHomeId as deviceCareHomeId',
      'devices.revokedAt as deviceRevokedAt',
      'devices.pairedBy as devicePairedBy',
      'devices.confirmedAt as deviceConfirmedAt',
      'organisations.name as careHomeName',
      'resident.id as residentId',
      'resident.role as residentRole',
      'resident.displayName as residentDisplayName',
      'resident.organisationId as residentOrganisationId',
      'resident.username as residentUsername',
      'residentOrganisation.name as residentOrganisationName',
    ])
    .where('sessions.idHash', '=', idHash),
);

/**
 * The actor behind a stored session (see resolveSession). `touch` false only looks: the push
 * streams re-check their session with it, and an open stream is not activity.
 */
export async function resolveSessionByHash(db: Db, idHash: string, touch: boolean): Promise<Actor | null> {
  // Read from the database on every request, never cached: ending a session cuts it at once.
  const [session] = await sessionByHash(db, idHash);
  if (!session || session.endedAt) return null;
  const now = Date.now();
  const lastSeen = Date.parse(session.lastSeenAt);
  if (now >= Date.parse(session.expiresAt) || now - lastSeen >= SESSION_LIFETIME[session.kind].idleMs)
    return null;

  let staffUserId = session.staffUserId;
  if (staffUserId && session.staffExpiresAt && now >= Date.parse(session.staffExpiresAt)) staffUserId = null;
  const touched = touch && (now - lastSeen > 60_000 || staffUserId !== session.staffUserId);
  const staffExpiresAt = staffUserId ? new Date(now + STAFF_IDLE_MS).toISOString() : null;
  if (touched) {
    await db
      .updateTable('sessions')
      .set({
        lastSeenAt: new Date(now).toISOString(),
        staffUserId,
        staffExpiresAt,
      })
      .where('idHash', '=', idHash)
      .execute();
    // The staff member's shift was live now (access/kiosk-shifts.ts keeps the history).
    if (staffUserId) await markShiftActive(db, { sessionIdHash: idHash }, now);
  }
  const seen = touched ? { ...session, lastSeenAt: new Date(now).toISOString(), staffExpiresAt } : session;
  const ref = { idHash, csrfToken: session.csrfToken, endsAt: sessionEndsAt(seen, staffUserId) };

  if (session.kind === 'clinician' && session.userId) {
    const user = await findUser(db, session.userId);
    if (!user || user.role === 'resident' || user.role === 'kiosk') return null;
    return { kind: 'clinician', role: user.role, id: user.id, user, session: ref };
  }
  if (session.kind === 'device' && session.deviceId) {
    // Left-joined: no device row, no device (its non-null columns are null only then).
    const device =
      session.deviceRowId === null || session.deviceKind === null || session.devicePairedBy === null
        ? undefined
        : {
            id: session.deviceRowId,
            kind: session.deviceKind,
            residentId: session.deviceResidentId,
            careHomeId: session.deviceCareHomeId,
            revokedAt: session.deviceRevokedAt,
            pairedBy: session.devicePairedBy,
            confirmedAt: session.deviceConfirmedAt,
            careHomeName: session.careHomeName,
          };
    // An unconfirmed TV (paired by an administrator, awaiting the family doctor) is nobody yet.
    if (!device || device.revokedAt || !device.confirmedAt) return null;
    if (device.kind === 'tv' && device.residentId) {
      // findUser's inner join: a user without its organisation row is no user.
      const user: UserWithOrganisation | undefined =
        session.residentId !== null &&
        session.residentRole !== null &&
        session.residentDisplayName !== null &&
        session.residentOrganisationId !== null &&
        session.residentOrganisationName !== null
          ? {
              id: session.residentId,
              role: session.residentRole,
              displayName: session.residentDisplayName,
              organisationId: session.residentOrganisationId,
              organisationName: session.residentOrganisationName,
              username: session.residentUsername,
            }
          : undefined;
      return user
        ? {
            kind: 'tv',
            role: 'resident',
            id: user.id,
            user,
            deviceId: device.id,
            devicePairedBy: device.pairedBy,
            session: ref,
          }
        : null;
    }
    if (device.kind === 'kiosk' && device.careHomeId) {
      const staff = staffUserId ? ((await findUser(db, staffUserId)) ?? null) : null;
      return {
        kind: 'kiosk',
        role: 'kiosk',
        id: device.id,
        deviceId: device.id,
        careHomeId: device.careHomeId,
        careHomeName: device.careHomeName ?? '',
        devicePairedBy: device.pairedBy,
        staff,
        visit: await liveVisitOf(db, idHash, now),
        session: ref,
      };
    }
  }
  return null;
}

/**
 * Replaces a session with a new one (new secret, new CSRF token) that carries `rights`, and ends
 * the old one. Whenever a session gains rights (a staff member signs in on a kiosk) it gets fresh
 * secrets (OWASP Session Management Cheat Sheet: renew the session ID after any privilege level
 * change), so a secret or token seen before the sign-in cannot use them. The absolute lifetime
 * stays the old session's.
 */
export async function renewSession(
  c: Context<AppEnv>,
  deps: SessionDeps,
  idHash: string,
  rights: { staffUserId: string | null; staffExpiresAt: string | null },
): Promise<{ secret: string }> {
  const { db } = deps;
  const secret = newSecret();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const old = await trx
      .selectFrom('sessions')
      .selectAll()
      .where('idHash', '=', idHash)
      .where('endedAt', 'is', null)
      .executeTakeFirst();
    if (!old) throw new Error('the session to renew has ended');
    await trx
      .insertInto('sessions')
      .values({
        ...old,
        ...rights,
        idHash: hashSecret(secret),
        csrfToken: newSecret(),
        lastSeenAt: now,
        endedAt: null,
      })
      .execute();
    await trx.updateTable('sessions').set({ endedAt: now }).where('idHash', '=', idHash).execute();
  });
  setCookie(c, SESSION_COOKIE, secret, cookieOptions(deps, '/'));
  return { secret };
}
