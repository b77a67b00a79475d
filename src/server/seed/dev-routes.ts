import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { DemoAccounts } from '../../shared/api-schemas.js';
import { listUsers } from '../directory/users.js';
import { DEMO_PASSWORD, DEMO_PINS } from './demo-county.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { json } from '../http/responses.js';

const demoAccountsRoute = createRoute({
  method: 'get',
  path: '/api/dev/accounts',
  summary: 'Demo accounts from the seed (development mode only)',
  tags: ['development'],
  responses: { 200: { description: 'Seed users', ...json(DemoAccounts) } },
});

/** Lets `npm start` print the demo log-ins. Never registered in test or production mode. */
export function registerDevRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'config' | 'db'>): void {
  const { mode } = deps.config;
  if (mode !== 'development') return;
  app.openapi(demoAccountsRoute, async (c) => {
    const users = await listUsers(deps.db);
    const accounts = users.map((u) => ({
      ...u,
      demoSecret: u.username ? DEMO_PASSWORD : (DEMO_PINS[u.id] ?? null),
    }));
    return c.json({ accounts }, 200);
  });
}
