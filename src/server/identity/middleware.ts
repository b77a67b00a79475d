import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import { safeEqual } from './secrets.js';
import { actorFromSession } from './sessions.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Says who is asking (the session cookie) and guards against cross-site requests: a state-changing
 * request must come from our own origin, and with a session it must carry that session's CSRF
 * token in x-csrf-token (OWASP CSRF Prevention: synchronizer token plus origin verification, on
 * top of SameSite=Strict cookies).
 */
export function identify(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let address: string | null = null;
    try {
      address = getConnInfo(c).remote.address ?? null;
    } catch {
      // not a Node socket (app.request in tests)
    }
    c.set('address', address);
    const actor = await actorFromSession(c);
    if (actor) c.set('actor', actor);
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== new URL(c.req.url).origin) {
        throw new ApiError(403, 'csrf_failed', 'Cross-site request refused.');
      }
      const token = c.req.header('x-csrf-token');
      if (actor && (!token || !safeEqual(token, actor.session.csrfToken))) {
        throw new ApiError(403, 'csrf_failed', 'Missing or wrong x-csrf-token header.');
      }
    }
    await next();
  };
}
