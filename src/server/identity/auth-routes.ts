import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { LoginRequest, SessionInfo } from '../../shared/identity/schemas.js';
import { recordAudit } from '../access/audit.js';
import { requireActor } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import type { Actor } from './actor.js';
import { addressKey, LIMITS, reserveAttempt } from './limits.js';
import { hashPassword, verifyPassword, type HashCost } from './passwords.js';
import { clearCookies, endSession, endSessionsOf, resolveSession, startSession } from './sessions.js';

export function sessionInfo(actor: Actor) {
  const base = { kind: actor.kind, role: actor.role, id: actor.id };
  const info =
    actor.kind === 'kiosk'
      ? {
          ...base,
          displayName: actor.careHomeName,
          organisationName: actor.careHomeName,
          deviceId: actor.deviceId,
          staff: actor.staff ? { id: actor.staff.id, displayName: actor.staff.displayName } : null,
        }
      : {
          ...base,
          displayName: actor.user.displayName,
          organisationName: actor.user.organisationName,
          deviceId: actor.kind === 'tv' ? actor.deviceId : null,
          staff: null,
        };
  return { actor: info, csrfToken: actor.session.csrfToken };
}

const sessionRoute = createRoute({
  method: 'get',
  path: '/api/auth/session',
  summary: 'Who this browser is signed in as, and its CSRF token',
  tags: ['identity'],
  responses: { 200: { description: 'Signed in', ...json(SessionInfo) }, ...errorResponses(401) },
});

const loginRoute = createRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Console sign-in with username and password (clinicians)',
  description:
    'Sets an HttpOnly SameSite=Strict session cookie. Five failures lock the account from that address for 15 minutes (and 50 from anywhere for an hour).',
  tags: ['identity'],
  request: { body: { required: true, ...json(LoginRequest) } },
  responses: {
    200: { description: 'Signed in', ...json(SessionInfo) },
    ...errorResponses(400, 401, 403, 413, 429),
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  summary: 'Sign out this browser',
  tags: ['identity'],
  responses: { 204: { description: 'Signed out' }, ...errorResponses(401, 403) },
});

const logoutEverywhereRoute = createRoute({
  method: 'post',
  path: '/api/auth/logout-everywhere',
  summary: 'Sign out every session of this clinician',
  tags: ['identity'],
  responses: { 204: { description: 'All sessions ended' }, ...errorResponses(401, 403) },
});

export function registerAuthRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'config' | 'db' | 'limiter' | 'streams'>,
): void {
  app.openapi(sessionRoute, (c) => c.json(sessionInfo(requireActor(c)), 200));

  app.openapi(loginRoute, async (c) => {
    const { username, password } = c.req.valid('json');
    const { db, limiter } = deps;
    const address = c.var.address;
    const account = username.toLowerCase();
    const pair = `login:${account}@${addressKey(address)}`;
    // Counted before the user lookup and the slow hash, refunded on success: however many
    // requests arrive at once, at most five checks per account and address run (limits.ts).
    const reservation = reserveAttempt(c, deps, [
      [pair, LIMITS.loginPerAccountAndAddress],
      [`login-account:${account}`, LIMITS.loginPerAccount],
      [`login-address:${addressKey(address)}`, LIMITS.loginPerAddress],
    ]);
    const user = await db
      .selectFrom('users')
      .select(['id', 'role', 'passwordHash'])
      .where('username', '=', account)
      .executeTakeFirst();
    // Unknown users cost a hash check too, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(
      password,
      user?.passwordHash ?? (await dummyHash(deps.config.passwordHashCost)),
    );
    if (!user?.passwordHash || !ok || user.role === 'resident' || user.role === 'kiosk') {
      await recordAudit(db, { kind: 'anonymous', id: user?.id ?? null }, address, {
        action: 'auth.login',
        outcome: 'failed',
        target: username.slice(0, 64),
      });
      throw new ApiError(401, 'invalid_credentials', 'Wrong username or password.');
    }
    // The right password from this address: its own count for the pair starts again.
    limiter.refund(reservation);
    limiter.reset(pair);
    const { secret } = await startSession(c, deps, 'clinician', { userId: user.id, deviceId: null });
    // Resolved through the one resolver, so the answer is exactly what later requests see.
    const actor = await resolveSession(db, secret);
    if (!actor) throw new Error('a new session did not resolve');
    await recordAudit(db, actor, address, { action: 'auth.login', outcome: 'allowed' });
    return c.json(sessionInfo(actor), 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const actor = requireActor(c);
    await endSession(deps.db, actor.session.idHash);
    await deps.streams.recheck({ idHash: actor.session.idHash });
    clearCookies(c, deps, 'session');
    return c.body(null, 204);
  });

  app.openapi(logoutEverywhereRoute, async (c) => {
    const actor = requireActor(c);
    if (actor.kind !== 'clinician')
      throw new ApiError(403, 'forbidden', 'Devices sign out by being revoked.');
    await endSessionsOf(deps.db, { userId: actor.id });
    await deps.streams.recheck({ userId: actor.id });
    clearCookies(c, deps, 'session');
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'auth.logout-everywhere',
      outcome: 'allowed',
    });
    return c.body(null, 204);
  });
}

let dummy: Promise<string> | undefined;
function dummyHash(cost: HashCost): Promise<string> {
  dummy ??= hashPassword('no such user', cost);
  return dummy;
}
