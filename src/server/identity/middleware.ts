import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '../config.js';
import type { Db } from '../db/types.js';
import type { AppEnv } from '../http/app-env.js';
import { TrustedProxies } from '../http/client-address.js';
import { ApiError } from '../http/errors.js';
import { safeEqual } from './secrets.js';
import { actorFromSession } from './sessions.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Says who is asking (the session cookie) and guards against cross-site requests: a state-changing
 * request must come from our own origin, and with a session it must carry that session's CSRF
 * token in x-csrf-token (OWASP CSRF Prevention: synchronizer token plus origin verification, on
 * top of SameSite=Strict cookies). "Our own origin" is the configured PUBLIC_ORIGIN, not a URL
 * rebuilt from the Host header, which a proxy may rewrite. The client's address comes from the
 * socket, or from X-Forwarded-For when the socket is a trusted proxy (client-address.ts).
 */
export function identify(deps: {
  db: Db;
  config: Pick<AppConfig, 'publicOrigin' | 'trustedProxies' | 'cookieSecure'>;
}): MiddlewareHandler<AppEnv> {
  const { config } = deps;
  const proxies = new TrustedProxies(config.trustedProxies);
  return async (c, next) => {
    let peer: string | null = null;
    try {
      peer = getConnInfo(c).remote.address ?? null;
    } catch {
      // not a Node socket (app.request in tests)
    }
    c.set('address', proxies.clientAddress(peer, c.req.header('x-forwarded-for')));
    const actor = await actorFromSession(c, deps);
    if (actor) c.set('actor', actor);
    if (UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== config.publicOrigin) {
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
