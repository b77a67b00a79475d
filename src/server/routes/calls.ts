import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CallToken, CallTokenRequest, ConsultationList } from '../../shared/api-schemas.js';
import { authorize, canJoinConsultationCall } from '../access/policy.js';
import { findConsultation, listOpenConsultationsOf } from '../consultations/consultations.js';
import type { AppEnv } from '../http/app-env.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { callGrantFor } from '../livekit/grants.js';

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

export function registerCallRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(myConsultationsRoute, async (c) => {
    const actor = authorize(c, 'consultations:list-own');
    return c.json({ consultations: await listOpenConsultationsOf(c.var.deps.db, actor.id) }, 200);
  });

  app.openapi(callTokenRoute, async (c) => {
    const actor = authorize(c, 'calls:join');
    const { consultationId } = c.req.valid('json');
    const { db, livekit, logger } = c.var.deps;
    const consultation = await findConsultation(db, consultationId);
    // Not found and not allowed answer alike, so ids cannot be probed.
    const grant =
      consultation && (await canJoinConsultationCall(db, actor, consultation))
        ? callGrantFor(actor.role, consultation.roomName)
        : null;
    if (!consultation || !grant) throw new ApiError(404, 'not_found', 'No such consultation for this user.');
    // Identity is the user's id: LiveKit stamps it on everything the participant sends.
    const displayName = actor.kind === 'kiosk' ? actor.careHomeName : actor.user.displayName;
    const minted = await livekit.mintToken(actor.id, displayName, grant);
    logger.info({ actorId: actor.id, consultationId, room: consultation.roomName }, 'call token minted');
    return c.json(
      {
        token: minted.token,
        url: livekit.publicUrl,
        room: consultation.roomName,
        identity: actor.id,
        expiresAt: minted.expiresAt.toISOString(),
      },
      200,
    );
  });
}
