import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { SessionInfo, StaffList, StaffSignInRequest } from '../../shared/identity/schemas.js';
import { STAFF_IDLE_MS } from '../../shared/roles.js';
import { recordAudit } from '../access/audit.js';
import { endStaffShift, startStaffShift } from '../access/kiosk-shifts.js';
import { authorize } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { LIMITS, reserveAttempt } from './limits.js';
import { verifyPassword } from './passwords.js';
import { hashSecret } from './secrets.js';
import { renewSession, resolveSession } from './sessions.js';
import { sessionInfo } from './auth-routes.js';

const staffRoute = createRoute({
  method: 'get',
  path: '/api/kiosk/staff',
  summary: "The care home's staff, to pick a name before entering the PIN",
  tags: ['kiosk'],
  responses: { 200: { description: 'Staff', ...json(StaffList) }, ...errorResponses(401, 403) },
});

const signInRoute = createRoute({
  method: 'post',
  path: '/api/kiosk/staff-session',
  summary: 'A staff member signs in on this kiosk with their PIN (locks after five wrong PINs)',
  tags: ['kiosk'],
  request: { body: { required: true, ...json(StaffSignInRequest) } },
  responses: {
    200: { description: 'Signed in', ...json(SessionInfo) },
    ...errorResponses(400, 401, 403, 413, 429),
  },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/api/kiosk/staff-session',
  summary: 'The staff member signs out; the kiosk stays paired',
  tags: ['kiosk'],
  responses: {
    200: { description: 'Kiosk without staff', ...json(SessionInfo) },
    ...errorResponses(401, 403),
  },
});

function kioskActor(c: Parameters<typeof authorize>[0]) {
  const actor = authorize(c, 'kiosk:staff-sign-in');
  if (actor.kind !== 'kiosk') throw new ApiError(403, 'forbidden', 'Only a paired kiosk can do this.');
  return actor;
}

export function registerKioskRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'config' | 'db' | 'limiter' | 'streams'>,
): void {
  app.openapi(staffRoute, async (c) => {
    const actor = kioskActor(c);
    const staff = await deps.db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('role', '=', 'kiosk')
      .where('organisationId', '=', actor.careHomeId)
      .orderBy('displayName')
      .execute();
    return c.json({ staff }, 200);
  });

  app.openapi(signInRoute, async (c) => {
    const actor = kioskActor(c);
    const { staffId, pin } = c.req.valid('json');
    const { db, limiter } = deps;
    // Keys carry the kiosk's care home: a staff id from elsewhere locks nobody there (limits.ts).
    // Counted before the hash and refunded on success, so concurrency cannot buy more tries.
    const staffKey = `pin:${actor.careHomeId}:${staffId}`;
    const reservation = reserveAttempt(c, deps, [
      [`${staffKey}@${actor.deviceId}`, LIMITS.pinPerStaffAndKiosk],
      [staffKey, LIMITS.pinPerStaff],
      [`pin-device:${actor.deviceId}`, LIMITS.pinPerDevice],
    ]);
    const staff = await db
      .selectFrom('users')
      .select(['id', 'pinHash'])
      .where('id', '=', staffId)
      .where('role', '=', 'kiosk')
      .where('organisationId', '=', actor.careHomeId)
      .executeTakeFirst();
    if (!staff?.pinHash || !(await verifyPassword(pin, staff.pinHash))) {
      await recordAudit(db, actor, c.var.address, {
        action: 'kiosk.staff-sign-in',
        outcome: 'failed',
        target: staffId,
      });
      throw new ApiError(401, 'invalid_credentials', 'Wrong PIN.');
    }
    limiter.refund(reservation);
    limiter.reset(`${staffKey}@${actor.deviceId}`);
    // The kiosk gains a nurse's rights: a new session secret and CSRF token (sessions.ts).
    const { secret } = await renewSession(c, deps, actor.session.idHash, {
      staffUserId: staff.id,
      staffExpiresAt: new Date(Date.now() + STAFF_IDLE_MS).toISOString(),
    });
    // The shift's history outlives the session's staff field (a write taken now may arrive later).
    await startStaffShift(db, {
      sessionIdHash: hashSecret(secret),
      deviceId: actor.deviceId,
      careHomeId: actor.careHomeId,
      staffUserId: staff.id,
    });
    const signedIn = await resolveSession(db, secret);
    if (!signedIn) throw new Error('the kiosk session vanished while signing in');
    await recordAudit(db, signedIn, c.var.address, { action: 'kiosk.staff-sign-in', outcome: 'allowed' });
    return c.json(sessionInfo(signedIn), 200);
  });

  app.openapi(signOutRoute, async (c) => {
    const actor = kioskActor(c);
    await deps.db
      .updateTable('sessions')
      .set({ staffUserId: null, staffExpiresAt: null })
      .where('idHash', '=', actor.session.idHash)
      .execute();
    await endStaffShift(deps.db, actor.session.idHash);
    // The kiosk's streams were opened with the nurse's rights: they close and reopen without.
    await deps.streams.recheck({ idHash: actor.session.idHash });
    return c.json(sessionInfo({ ...actor, staff: null }), 200);
  });
}
