import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { AuditEntries } from '../../shared/api-schemas.js';
import { authorize } from './policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { errorResponses, json } from '../http/responses.js';

const auditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  summary: 'The newest audit entries, optionally for one patient (administrators)',
  tags: ['operations'],
  request: {
    query: z.object({
      patientId: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
  },
  responses: {
    200: { description: 'Entries, newest first', ...json(AuditEntries) },
    ...errorResponses(400, 401, 403),
  },
});

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db'>): void {
  app.openapi(auditRoute, async (c) => {
    authorize(c, 'audit:read');
    const { patientId, limit } = c.req.valid('query');
    let query = deps.db
      .selectFrom('auditLog')
      .select(['occurredAt', 'actorKind', 'actorId', 'action', 'outcome', 'patientId', 'target'])
      .orderBy('occurredAt', 'desc')
      .limit(limit);
    if (patientId) query = query.where('patientId', '=', patientId);
    return c.json({ entries: await query.execute() }, 200);
  });
}
