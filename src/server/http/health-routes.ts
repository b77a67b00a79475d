import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { Health } from '../../shared/api-schemas.js';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from './app-env.js';
import { json } from './responses.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness and readiness: the database and LiveKit both answer',
  tags: ['operations'],
  responses: {
    200: { description: 'Everything answers', ...json(Health) },
    503: { description: 'A dependency does not answer', ...json(Health) },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db' | 'livekit'>): void {
  app.openapi(healthRoute, async (c) => {
    const { db, livekit } = deps;
    const [database, livekitOk] = await Promise.all([
      sql`select 1`.execute(db).then(
        () => true,
        () => false,
      ),
      livekit.isHealthy(),
    ]);
    const body: Health = {
      status: database && livekitOk ? 'ok' : 'failing',
      checks: { database: database ? 'ok' : 'failing', livekit: livekitOk ? 'ok' : 'failing' },
    };
    return body.status === 'ok' ? c.json(body, 200) : c.json(body, 503);
  });
}
