import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { PatientIdParam, PatientList, PatientRecord } from '../../shared/directory/schemas.js';
import { recordAudit } from '../access/audit.js';
import { auditDenied, auditReads } from '../access/audit-reads.js';
import { authorize, canSeePatient, visiblePatients } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { patientRecords, toRecord } from './patient-records.js';
import { errorResponses, json } from '../http/responses.js';

const listRoute = createRoute({
  method: 'get',
  path: '/api/patients',
  summary: 'Patients whose records this actor may see',
  tags: ['patients'],
  responses: { 200: { description: 'Patients', ...json(PatientList) }, ...errorResponses(401, 403) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/patients/{id}',
  summary: "One patient's record (every read is audited)",
  tags: ['patients'],
  request: { params: PatientIdParam },
  responses: {
    200: { description: 'The record', ...json(PatientRecord) },
    ...errorResponses(400, 401, 403, 404),
  },
});

export function registerPatientRoutes(app: OpenAPIHono<AppEnv>, deps: Pick<AppDeps, 'db' | 'limiter'>): void {
  app.openapi(listRoute, async (c) => {
    const actor = authorize(c, 'patients:read');
    const { db } = deps;
    const rows = await patientRecords(db)
      .where('patients.userId', 'in', visiblePatients(db, actor))
      .orderBy('person.displayName')
      .execute();
    await auditReads(
      c,
      deps,
      actor,
      'patient.list',
      rows.map((row) => ({ patientId: row.id })),
    );
    return c.json({ patients: rows.map(toRecord) }, 200);
  });

  app.openapi(getRoute, async (c) => {
    const actor = authorize(c, 'patients:read');
    const { db } = deps;
    const { id } = c.req.valid('param');
    // Someone else's patient answers exactly like a patient that does not exist (no probing).
    if (!(await canSeePatient(db, actor, id))) {
      await auditDenied(c, deps, actor, { action: 'patient.read', patientId: id });
      throw new ApiError(404, 'not_found', 'No such patient among yours.');
    }
    const row = await patientRecords(db).where('patients.userId', '=', id).executeTakeFirstOrThrow();
    await recordAudit(db, actor, c.var.address, {
      action: 'patient.read',
      outcome: 'allowed',
      patientId: id,
    });
    return c.json(toRecord(row), 200);
  });
}
