import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CallToken } from '../../shared/consultations/schemas.js';
import { EntityId } from '../../shared/api-schemas.js';
import {
  AnsweredCall,
  AnswerRequest,
  ConsultationDetail,
  ConsultationSummaryNote,
  FollowUpRequest,
  Invitation,
  InvitationList,
  InvitationRequest,
  QueueList,
  QueuePlace,
  QueueRequest,
  SpecialistList,
} from '../../shared/consultations/schemas.js';
import { recordAudit } from '../access/audit.js';
import { auditDenied, auditReads } from '../access/audit-reads.js';
import {
  authorize,
  canQueueFor,
  canReadConsultation,
  canSeePatient,
  visiblePatients,
} from '../access/policy.js';
import { clinicianOf, consultationDetail, findConsultation, type Consultation } from './consultations.js';
import { placeHolderOf } from './queue.js';
import { keepVisitAlive } from '../readings/visits.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { errorResponses, json } from '../http/responses.js';
import { issueCallToken, issueStandbyToken } from '../livekit/call-token.js';
import type { Context } from 'hono';
import type { Actor } from '../identity/actor.js';

const IdParam = z.object({ id: EntityId });
const notWaiting = () => new ApiError(404, 'not_found', 'You are not waiting for a doctor.');

const joinQueue = createRoute({
  method: 'post',
  path: '/api/queue',
  summary: 'The resident asks for a doctor: a place in the waiting room (the same place if already waiting)',
  description:
    'A care-home kiosk with a staff member signed in asks for one of its residents (patientId) and then holds the place: one open request per kiosk (409 while it waits for another resident), and 409 when the resident already waits elsewhere. A kiosk without staff asks only for the resident of its live self-service visit; the place is that visit’s, and the visit’s end (DELETE /api/kiosk/visits) withdraws it.',
  tags: ['queue'],
  request: { body: { required: true, ...json(QueueRequest) } },
  responses: {
    200: { description: 'Already waiting: the place (urgency raised if asked)', ...json(QueuePlace) },
    201: { description: 'A new place', ...json(QueuePlace) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const myPlace = createRoute({
  method: 'get',
  path: '/api/queue/mine',
  summary: "The resident's place: position and estimated wait, or the consultation once admitted",
  tags: ['queue'],
  responses: { 200: { description: 'The place', ...json(QueuePlace) }, ...errorResponses(401, 403, 404) },
});
const heartbeat = createRoute({
  method: 'post',
  path: '/api/queue/mine/heartbeat',
  summary: 'The TV is still there: keeps the place (it expires after 10 minutes without one)',
  tags: ['queue'],
  responses: { 200: { description: 'The place', ...json(QueuePlace) }, ...errorResponses(401, 403, 404) },
});
const leave = createRoute({
  method: 'delete',
  path: '/api/queue/mine',
  summary: 'The resident leaves the waiting room',
  tags: ['queue'],
  responses: { 204: { description: 'Left' }, ...errorResponses(401, 403, 404) },
});
const listQueue = createRoute({
  method: 'get',
  path: '/api/queue',
  summary: "Waiting patients of the doctor's area: urgent first, then who came first",
  tags: ['queue'],
  responses: { 200: { description: 'Waiting patients', ...json(QueueList) }, ...errorResponses(401, 403) },
});
const admit = createRoute({
  method: 'post',
  path: '/api/queue/{id}/admit',
  summary: 'The doctor takes a waiting patient: a consultation opens and their TV joins it',
  tags: ['queue'],
  request: { params: IdParam },
  responses: {
    200: { description: 'The consultation', ...json(ConsultationDetail) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const followUp = createRoute({
  method: 'post',
  path: '/api/consultations',
  summary: 'A follow-up (随访): the doctor rings a patient, whose TV rings',
  tags: ['consultations'],
  request: { body: { required: true, ...json(FollowUpRequest) } },
  responses: {
    201: { description: 'Ringing', ...json(ConsultationDetail) },
    ...errorResponses(400, 401, 403, 404, 413, 409),
  },
});
const detail = createRoute({
  method: 'get',
  path: '/api/consultations/{id}',
  summary: 'A consultation with its people and, once ended, its summary',
  tags: ['consultations'],
  request: { params: IdParam },
  responses: {
    200: { description: 'The consultation', ...json(ConsultationDetail) },
    ...errorResponses(400, 401, 403, 404),
  },
});
const standby = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/standby',
  summary: 'While it rings, the TV may wait in the call room: hidden and sending nothing',
  description:
    "A LiveKit token for the ringing call's room that hides its holder from the others and lets it receive but not send (the app plays nothing before the answer). Answering with `standingBy` makes that participant visible and lets it send, so the call starts without connecting first; declining or a missed call removes it.",
  tags: ['consultations'],
  request: { params: IdParam },
  responses: {
    200: { description: 'The standby token', ...json(CallToken) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const answer = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/answer',
  summary: "The resident answers the doctor's ring",
  tags: ['consultations'],
  request: { params: IdParam, body: { required: false, ...json(AnswerRequest) } },
  responses: {
    200: { description: 'Answered, with the call token', ...json(AnsweredCall) },
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const decline = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/decline',
  summary: "The resident declines the doctor's ring",
  tags: ['consultations'],
  request: { params: IdParam },
  responses: { 204: { description: 'Declined' }, ...errorResponses(400, 401, 403, 404, 409) },
});
const end = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/end',
  summary: 'The doctor ends the call with a short summary; the room closes for everyone',
  tags: ['consultations'],
  request: { params: IdParam, body: { required: true, ...json(ConsultationSummaryNote) } },
  responses: {
    200: { description: 'Ended', ...json(ConsultationDetail) },
    ...errorResponses(400, 401, 403, 404, 413, 409),
  },
});
const cancelRing = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/cancel',
  summary: 'The doctor stops ringing before the resident answers (a missed call on the TV)',
  tags: ['consultations'],
  request: { params: IdParam },
  responses: {
    200: { description: 'Stopped', ...json(ConsultationDetail) },
    ...errorResponses(400, 401, 403, 404, 409),
  },
});
const invite = createRoute({
  method: 'post',
  path: '/api/consultations/{id}/invitations',
  summary: 'The doctor invites a specialist from the lead hospital into the call',
  tags: ['consultations'],
  request: { params: IdParam, body: { required: true, ...json(InvitationRequest) } },
  responses: {
    201: { description: 'Invited', ...json(Invitation) },
    ...errorResponses(400, 401, 403, 404, 413, 409),
  },
});
const specialists = createRoute({
  method: 'get',
  path: '/api/specialists',
  summary: 'Specialists by department, with whether they are online now',
  tags: ['consultations'],
  responses: { 200: { description: 'Specialists', ...json(SpecialistList) }, ...errorResponses(401, 403) },
});
const myInvitations = createRoute({
  method: 'get',
  path: '/api/invitations/mine',
  summary: "A specialist's pending invitations",
  tags: ['consultations'],
  responses: {
    200: { description: 'Pending invitations', ...json(InvitationList) },
    ...errorResponses(401, 403),
  },
});
const answerInvitation = (action: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/api/invitations/{id}/${action}`,
    summary:
      action === 'accept' ? 'The specialist accepts: they may now join the call' : 'The specialist declines',
    tags: ['consultations'],
    request: { params: IdParam },
    responses: {
      200: { description: 'The invitation', ...json(Invitation) },
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });

/** A consultation the actor may read, or 404 (another's looks exactly like a missing one). */
async function readable(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'limiter'>,
  actor: Actor,
  id: string,
): Promise<Consultation> {
  const { db } = deps;
  const consultation = await findConsultation(db, id);
  if (!consultation || !(await canReadConsultation(db, actor, consultation))) {
    await auditDenied(c, deps, actor, {
      action: 'consultation.read',
      patientId: consultation?.patientId ?? null,
      target: id,
    });
    throw new ApiError(404, 'not_found', 'No such consultation for this user.');
  }
  return consultation;
}

/** The consultation's own doctor, or 404. */
async function ownConsultation(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  id: string,
): Promise<Consultation> {
  const consultation = await findConsultation(deps.db, id);
  if (!consultation || consultation.doctorId !== actor.id) {
    throw new ApiError(404, 'not_found', 'No such consultation of yours.');
  }
  return consultation;
}

export function registerConsultationRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'desk' | 'limiter' | 'livekit' | 'logger' | 'push' | 'waitingRoom'>,
): void {
  app.openapi(joinQueue, async (c) => {
    const actor = authorize(c, 'queue:join');
    const request = c.req.valid('json');
    const { db, waitingRoom } = deps;
    const patientId = request.patientId ?? (actor.kind === 'tv' ? actor.id : null);
    if (!patientId) {
      throw new ApiError(400, 'validation_failed', 'patientId: a kiosk must say which resident it asks for.');
    }
    if (!(await canQueueFor(db, actor, patientId))) throw new ApiError(404, 'not_found', 'No such resident.');
    // A kiosk holds the place: its nurse's request, or its self-service visit's (placeHolderOf).
    const kiosk =
      actor.kind === 'kiosk'
        ? {
            kioskId: actor.deviceId,
            staffId: actor.staff?.id ?? null,
            visitId: actor.staff ? null : (actor.visit?.id ?? null),
          }
        : null;
    const { place, created } = await waitingRoom.join(patientId, request, kiosk);
    if (kiosk) {
      await recordAudit(db, actor, c.var.address, {
        action: 'queue.join',
        outcome: 'allowed',
        patientId,
        target: place.id,
      });
    }
    return c.json(place, created ? 201 : 200);
  });

  app.openapi(myPlace, async (c) => {
    const actor = authorize(c, 'queue:join');
    const place = await deps.waitingRoom.placeOf(placeHolderOf(actor));
    if (!place) throw notWaiting();
    // A self-service visit waiting or in its call lasts as long as they do.
    if (actor.kind === 'kiosk' && actor.visit) await keepVisitAlive(deps.db, actor.visit.id);
    return c.json(place, 200);
  });

  app.openapi(heartbeat, async (c) => {
    const actor = authorize(c, 'queue:join');
    const place = await deps.waitingRoom.heartbeat(placeHolderOf(actor));
    if (!place) throw notWaiting();
    if (actor.kind === 'kiosk' && actor.visit) await keepVisitAlive(deps.db, actor.visit.id);
    return c.json(place, 200);
  });

  app.openapi(leave, async (c) => {
    const actor = authorize(c, 'queue:join');
    if (!(await deps.waitingRoom.leave(placeHolderOf(actor)))) throw notWaiting();
    return c.body(null, 204);
  });

  app.openapi(listQueue, async (c) => {
    const actor = authorize(c, 'queue:read');
    const { db, waitingRoom } = deps;
    const visible = (await visiblePatients(db, actor).execute()).map((p) => p.userId);
    const entries = await waitingRoom.listFor(actor.id, visible);
    // Each entry shows why the patient asked: health data, read by this doctor.
    await auditReads(
      c,
      deps,
      actor,
      'queue.list',
      entries.map((entry) => ({ patientId: entry.patient.id, target: entry.id })),
    );
    return c.json({ entries }, 200);
  });

  app.openapi(admit, async (c) => {
    const actor = authorize(c, 'queue:admit');
    const { db, waitingRoom, desk } = deps;
    const entry = await waitingRoom.entry(c.req.valid('param').id);
    if (!entry || !(await canSeePatient(db, actor, entry.patientId))) {
      throw new ApiError(404, 'not_found', 'No such queue entry.');
    }
    const consultation = await desk.admit(actor.id, entry.id);
    await recordAudit(db, actor, c.var.address, {
      action: 'consultation.admit',
      outcome: 'allowed',
      patientId: entry.patientId,
      target: consultation.id,
    });
    return c.json(consultation, 200);
  });

  app.openapi(followUp, async (c) => {
    const actor = authorize(c, 'consultations:start');
    const { db, desk } = deps;
    const { patientId, reason } = c.req.valid('json');
    if (!(await canSeePatient(db, actor, patientId)))
      throw new ApiError(404, 'not_found', 'No such patient.');
    const consultation = await desk.ring(actor.id, patientId, reason);
    await recordAudit(db, actor, c.var.address, {
      action: 'consultation.ring',
      outcome: 'allowed',
      patientId,
      target: consultation.id,
    });
    return c.json(consultation, 201);
  });

  app.openapi(detail, async (c) => {
    const actor = authorize(c, 'consultations:read');
    const consultation = await readable(c, deps, actor, c.req.valid('param').id);
    const body = await consultationDetail(deps.db, consultation);
    // It holds the reason and the diagnosis: a read of the patient's record.
    await auditReads(c, deps, actor, 'consultation.read', [
      { patientId: consultation.patientId, target: consultation.id },
    ]);
    return c.json(body, 200);
  });

  app.openapi(standby, async (c) => {
    const actor = authorize(c, 'consultations:answer');
    const consultation = await findConsultation(deps.db, c.req.valid('param').id);
    if (!consultation || consultation.patientId !== actor.id) {
      throw new ApiError(404, 'not_found', 'No such consultation for this user.');
    }
    // Once per ring: a second request (another screen, a replayed one) gets no standby token.
    if (
      actor.kind !== 'tv' ||
      consultation.status !== 'ringing' ||
      !(await deps.desk.claimStandby(consultation, actor.deviceId))
    )
      throw new ApiError(409, 'conflict', 'This call is no longer ringing, or a standby was already issued.');
    const token = await issueStandbyToken(deps, actor, consultation, c.var.address);
    if (!token) throw new ApiError(409, 'conflict', 'This call is no longer ringing.');
    return c.json(token, 200);
  });

  app.openapi(answer, async (c) => {
    const actor = authorize(c, 'consultations:answer');
    const { standingBy } = c.req.valid('json');
    const { consultation, detail, standbyAdmitted } = await deps.desk.answer(
      actor.id,
      c.req.valid('param').id,
      standingBy,
      actor.kind === 'tv' ? actor.deviceId : null,
    );
    // The token comes with the answer: a TV not standing by connects with it at once (bench/call-answer.ts).
    const call = await issueCallToken(deps, actor, consultation, c.var.address);
    if (!call) throw new Error(`answered consultation ${consultation.id} gave its patient no call token`);
    return c.json({ consultation: detail, call, standbyAdmitted }, 200);
  });

  app.openapi(decline, async (c) => {
    const actor = authorize(c, 'consultations:answer');
    await deps.desk.decline(actor.id, c.req.valid('param').id);
    return c.body(null, 204);
  });

  app.openapi(end, async (c) => {
    const actor = authorize(c, 'consultations:end');
    const consultation = await ownConsultation(c, deps, actor, c.req.valid('param').id);
    const ended = await deps.desk.end(consultation, c.req.valid('json'));
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'consultation.end',
      outcome: 'allowed',
      patientId: consultation.patientId,
      target: consultation.id,
    });
    return c.json(ended, 200);
  });

  app.openapi(cancelRing, async (c) => {
    const actor = authorize(c, 'consultations:start');
    const consultation = await ownConsultation(c, deps, actor, c.req.valid('param').id);
    return c.json(await deps.desk.cancelRing(consultation), 200);
  });

  app.openapi(invite, async (c) => {
    const actor = authorize(c, 'invitations:send');
    const consultation = await ownConsultation(c, deps, actor, c.req.valid('param').id);
    const invitation = await deps.desk.invite(consultation, c.req.valid('json').specialistId);
    await recordAudit(deps.db, actor, c.var.address, {
      action: 'consultation.invite',
      outcome: 'allowed',
      patientId: consultation.patientId,
      target: invitation.id,
    });
    return c.json(invitation, 201);
  });

  app.openapi(specialists, async (c) => {
    authorize(c, 'specialists:list');
    const { db, push } = deps;
    const rows = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'specialist')
      .orderBy('department')
      .orderBy('displayName')
      .execute();
    const list = await Promise.all(
      rows.map(async (row) => ({ ...(await clinicianOf(db, row.id)), online: push.isOnline(row.id) })),
    );
    return c.json({ specialists: list }, 200);
  });

  app.openapi(myInvitations, async (c) => {
    const actor = authorize(c, 'invitations:answer');
    const invitations = await deps.desk.invitationsFor(actor.id);
    await auditReads(
      c,
      deps,
      actor,
      'invitation.list',
      invitations.map((invitation) => ({
        patientId: invitation.patient.id,
        target: invitation.consultationId,
      })),
    );
    return c.json({ invitations }, 200);
  });

  for (const action of ['accept', 'decline'] as const) {
    app.openapi(answerInvitation(action), async (c) => {
      const actor = authorize(c, 'invitations:answer');
      const { id } = c.req.valid('param') as { id: string };
      const invitation = await deps.desk.answerInvitation(actor.id, id, action === 'accept');
      return c.json(invitation, 200);
    });
  }
}
