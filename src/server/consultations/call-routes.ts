import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CallToken, CallTokenRequest, ConsultationList } from '../../shared/consultations/schemas.js';
import { auditDenied, auditReads } from '../access/audit-reads.js';
import { authorize } from '../access/policy.js';
import { findConsultation, listOpenConsultationsOf } from './consultations.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { issueCallToken } from '../livekit/call-token.js';

const callTokenRoute = createRoute({
  method: 'post',
  path: '/api/calls/token',
  summary: "A LiveKit access token for a consultation's call room",
  description:
    "Minted only for the consultation's own participants, with the caller's role grants, identity = user id, valid for minutes.",
  tags: ['calls'],
  request: { body: { required: true, ...json(CallTokenRequest) } },
  responses: {
    200: { description: 'The token and where to connect', ...json(CallToken) },
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

const myConsultationsRoute = createRoute({
  method: 'get',
  path: '/api/consultations/mine',
  summary: 'Open consultations in which the signed-in user is the patient or the doctor',
  tags: ['calls'],
  responses: { 200: { description: 'Newest first', ...json(ConsultationList) }, ...errorResponses(401, 403) },
});

export function registerCallRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'limiter' | 'livekit' | 'logger'>,
): void {
  app.openapi(myConsultationsRoute, async (c) => {
    const actor = authorize(c, 'consultations:list-own');
    const consultations = await listOpenConsultationsOf(deps.db, actor.id);
    await auditReads(
      c,
      deps,
      actor,
      'consultation.list',
      consultations.map((consultation) => ({ patientId: consultation.patient.id, target: consultation.id })),
    );
    return c.json({ consultations }, 200);
  });

  app.openapi(callTokenRoute, async (c) => {
    const actor = authorize(c, 'calls:join');
    const { consultationId } = c.req.valid('json');
    const consultation = await findConsultation(deps.db, consultationId);
    const token = consultation ? await issueCallToken(deps, actor, consultation, c.var.address) : null;
    // Not found and not allowed answer alike, so ids cannot be probed.
    if (!token) {
      await auditDenied(c, deps, actor, {
        action: 'call.token',
        patientId: consultation?.patientId ?? null,
        target: consultationId,
      });
      throw new ApiError(404, 'not_found', 'No such consultation for this user.');
    }
    return c.json(token, 200);
  });
}
