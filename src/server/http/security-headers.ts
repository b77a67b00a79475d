/**
 * The security headers of every answer (CSP, no-sniff, frame and permissions policies: OWASP
 * Secure Headers), as Hono's secureHeaders middleware computes them from one configuration.
 *
 * Why not that middleware itself: it sets them after the route on `c.res.headers`, which turns
 * each answer's plain header record into a web Headers object (a dozen validated `set`s, then a
 * sorted iteration when @hono/node-server writes it): about 4% of a reading post's CPU under the
 * ingest (issue 14). On Node the same list, worked out once by Hono's own middleware, goes on the
 * Node response before the route runs (`setHeader`), and Node writes it with the route's headers.
 * No route sets any of these names (a route's own value would win at writeHead). Outside Node
 * (Hono's `app.request`) Hono's middleware runs as before.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.js';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

export function securityHeaders(options: SecureHeadersOptions): MiddlewareHandler<AppEnv> {
  // A per-request value (Hono's NONCE is a function) cannot be worked out once.
  const directives = Object.values(options.contentSecurityPolicy ?? {}) as unknown[];
  if (directives.flat().some((value) => typeof value === 'function')) {
    throw new Error('securityHeaders: a per-request CSP value needs Hono secureHeaders itself');
  }
  const middleware = secureHeaders(options);
  // The exact headers Hono's middleware adds to an answer that has none of its own.
  const probe = new Hono().use(middleware).get('/', (c) => c.body(null, 204));
  let list: [string, string][] | null = null;
  const listed = Promise.resolve(probe.request('/')).then((response) => {
    const headers: [string, string][] = [];
    response.headers.forEach((value, name) => headers.push([name, value]));
    list = headers;
    return headers;
  });
  return async (c, next) => {
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (!outgoing) return middleware(c, next);
    for (const [name, value] of list ?? (await listed)) outgoing.setHeader(name, value);
    return next();
  };
}
