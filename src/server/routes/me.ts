import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CurrentUser, DemoAccounts } from '../../shared/api-schemas.js';
import { requireUser } from '../access/policy.js';
import { listUsers } from '../directory/users.js';
import type { AppMode } from '../config.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponses, json } from '../http/responses.js';

const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  summary: 'The signed-in user',
  tags: ['identity'],
  responses: { 200: { description: 'The user', ...json(CurrentUser) }, ...errorResponses(401) },
});

const demoAccountsRoute = createRoute({
  method: 'get',
  path: '/api/dev/accounts',
  summary: 'Demo accounts from the seed (development and test mode only)',
  tags: ['development'],
  responses: { 200: { description: 'Seed users', ...json(DemoAccounts) } },
});

export function registerIdentityRoutes(app: OpenAPIHono<AppEnv>, mode: AppMode): void {
  app.openapi(meRoute, (c) => {
    const user = requireUser(c);
    return c.json(
      {
        id: user.id,
        role: user.role,
        displayName: user.displayName,
        organisationName: user.organisationName,
      },
      200,
    );
  });

  // config.ts refuses production mode for now; this check keeps the route out of it regardless.
  if (mode === 'production') return;
  app.openapi(demoAccountsRoute, async (c) => {
    const users = await listUsers(c.var.deps.db);
    return c.json(
      {
        accounts: users.map((u) => ({
          id: u.id,
          role: u.role,
          displayName: u.displayName,
          organisationName: u.organisationName,
        })),
      },
      200,
    );
  });
}
