import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { personOfIdentity } from '../../shared/consultations/participant.js';
import { ErrorBody } from '../../shared/api-schemas.js';
import type { WebhookEvent } from 'livekit-server-sdk';
import { recordJoin, recordLeave, recordRoomFinished } from '../consultations/call-record.js';
import type { Db } from '../db/types.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import type { LiveKitService } from './livekit-service.js';
import { refuseEndedVisitJoin } from '../readings/visit-channels.js';
import { eventKey, SeenWebhooks, signatureExpiry } from './webhook-replay.js';

export const WEBHOOK_PATH = '/api/livekit/webhook';

/**
 * LiveKit posts room and participant events here, signed with the API secret. Unsigned or
 * tampered posts get 401 and are not stored; an event already taken is ignored (webhook-replay.ts).
 * Raw body: the signature covers the exact bytes.
 */
export function registerLiveKitWebhook(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'db' | 'desk' | 'livekit' | 'logger'>,
): void {
  const seen = new SeenWebhooks();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: WEBHOOK_PATH,
    summary: 'LiveKit webhook receiver (signed by LiveKit)',
    tags: ['calls'],
    responses: {
      200: { description: 'Event verified and recorded, or a repeat acknowledged and ignored' },
      401: {
        description: 'Signature missing or invalid',
        content: { 'application/json': { schema: ErrorBody } },
      },
    },
  });

  app.post(WEBHOOK_PATH, async (c) => {
    const { db, livekit, logger } = deps;
    const body = await c.req.text();
    const authorization = c.req.header('Authorization');
    let event;
    try {
      event = await livekit.receiveWebhook(body, authorization);
    } catch (error) {
      logger.warn({ err: error }, 'rejected LiveKit webhook');
      throw new ApiError(401, 'unauthenticated', 'Webhook signature missing or invalid.');
    }
    // Verified: the header is there and its token has an exp. A repeat is acknowledged (so
    // LiveKit stops retrying) and changes nothing.
    if (!seen.firstTime(eventKey(event.id, body), signatureExpiry(authorization ?? ''))) {
      logger.debug({ event: event.event, id: event.id }, 'repeated LiveKit event ignored');
      return c.json({ received: true, duplicate: true });
    }
    const occurredAt = event.createdAt ? new Date(Number(event.createdAt) * 1000) : new Date();
    await db
      .insertInto('livekitEvents')
      .values({
        id: randomUUID(),
        event: event.event,
        roomName: event.room?.name ?? null,
        participantIdentity: event.participant?.identity ?? null,
        occurredAt: occurredAt.toISOString(),
        payload: body,
      })
      .execute();
    await recordParticipation(db, livekit, event, occurredAt);
    // A standby token replayed after its ring ended (issue 12 §2): out again at once.
    if (event.event === 'participant_joined' && event.room?.name && event.participant?.permission?.hidden)
      await deps.desk.refuseStaleStandby(event.room.name, event.participant.identity);
    // A self-service visit's kiosk back with its token after the visit ended: out again at once.
    if (event.event === 'participant_joined' && event.room?.name && event.participant?.identity)
      await refuseEndedVisitJoin(deps, event.room.name, event.participant.identity);
    logger.debug(
      { event: event.event, room: event.room?.name, participant: event.participant?.identity },
      'LiveKit event',
    );
    return c.json({ received: true });
  });
}

/**
 * The call record: who was in each consultation's call and when (the person of the identity, participant.ts), by the
 * times the events carry, whatever order they arrive in (consultations/call-record.ts). A TV
 * standing by while it rings (hidden) is not in the call yet: answering records it; nor does its
 * leaving hidden (a refused replay) end another screen's record.
 */
async function recordParticipation(
  db: Db,
  livekit: LiveKitService,
  event: WebhookEvent,
  at: Date,
): Promise<void> {
  const roomName = event.room?.name;
  if (!roomName || !['participant_joined', 'participant_left', 'room_finished'].includes(event.event)) return;
  const consultation = await db
    .selectFrom('consultations')
    .select('id')
    .where('roomName', '=', roomName)
    .executeTakeFirst();
  if (!consultation) return;
  if (event.event === 'room_finished') return recordRoomFinished(db, consultation.id, at);
  const participant = event.participant;
  if (!participant?.identity) return;
  const userId = personOfIdentity(participant.identity);
  const moment = {
    consultationId: consultation.id,
    userId,
    joinedAt: participantJoinedAt(participant),
    at,
  };
  const hidden = participant.permission?.hidden ?? false;
  if (event.event === 'participant_left') {
    // Leaving hidden: a standby never admitted or a participant whose rights were revoked. Its
    // person's time ends only when no other device of theirs is still visibly in the call (a
    // refused standby replay beside the answering TV).
    if (hidden && (await visiblyIn(livekit, roomName, userId))) return;
    return recordLeave(db, moment, !hidden);
  }
  if (!hidden) await recordJoin(db, moment);
}

/** When the participant joined, as LiveKit reports it (milliseconds when it sends them), or null. */
function participantJoinedAt(participant: NonNullable<WebhookEvent['participant']>): Date | null {
  const ms = Number(participant.joinedAtMs ?? 0n) || Number(participant.joinedAt ?? 0n) * 1000;
  return ms > 0 ? new Date(ms) : null;
}

/** Whether a participant of this person is in the room and visible (none when LiveKit cannot say). */
async function visiblyIn(livekit: LiveKitService, roomName: string, personId: string): Promise<boolean> {
  const participants = await livekit.rooms.listParticipants(roomName).catch(() => []);
  return participants.some(
    (p) => personOfIdentity(p.identity) === personId && p.permission?.hidden === false,
  );
}
