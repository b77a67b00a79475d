import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { findUser } from '../directory/users.js';
import { ApiError } from '../http/errors.js';

/** The header a development client sends with the seed user's id (see src/app/api). */
export const DEV_USER_HEADER = 'x-dev-user';

/**
 * Development and test sign-in: the caller names a seed user by id. config.ts refuses to start
 * in production mode, so this can never identify anyone on a real deployment. The identity
 * work replaces it with device credentials and console sessions.
 */
export function devIdentity(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = c.req.header(DEV_USER_HEADER);
    if (id) {
      const user = await findUser(c.var.deps.db, id);
      if (!user) throw new ApiError(401, 'unauthenticated', 'Unknown user.');
      c.set('user', user);
    }
    await next();
  };
}
