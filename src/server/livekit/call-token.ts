import { participantIdentity } from '../../shared/consultations/participant.js';
import type { CallToken } from '../../shared/consultations/schemas.js';
import type { VideoGrant } from 'livekit-server-sdk';
import { recordAudit } from '../access/audit.js';
import { canJoinConsultationCall, canStandByInCall } from '../access/policy.js';
import type { Consultation } from '../consultations/consultations.js';
import type { Db } from '../db/types.js';
import type { Logger } from '../logger.js';
import type { Actor } from '../identity/actor.js';
import { ApiError } from '../http/errors.js';
import { CallRooms, DEVICE_ATTRIBUTE } from './call-rooms.js';
import { callGrantFor, standbyGrantFor } from './grants.js';
import { STANDBY_TOKEN_TTL_SECONDS, type LiveKitService } from './livekit-service.js';

interface TokenDeps {
  db: Db;
  livekit: LiveKitService;
  logger: Logger;
}

/**
 * A LiveKit token for a consultation's room, with the actor's role grants, or null when the
 * access rules (policy.ts) say this actor may not be in that call now. With issueStandbyToken,
 * the one place tokens are minted: the token route and the resident's answer both come here.
 */
export async function issueCallToken(
  deps: TokenDeps,
  actor: Actor,
  consultation: Consultation,
  address: string | null,
): Promise<CallToken | null> {
  const grant = (await canJoinConsultationCall(deps.db, actor, consultation))
    ? callGrantFor(actor.role, consultation.roomName)
    : null;
  return grant ? mint(deps, actor, consultation, grant, address, 'call.token') : null;
}

/**
 * The token a ringing TV stands by with in the call's room (hidden, sending nothing: grants.ts
 * standbyGrantFor), or null when the access rules say this actor is not the one being rung.
 */
export async function issueStandbyToken(
  deps: TokenDeps,
  actor: Actor,
  consultation: Consultation,
  address: string | null,
): Promise<CallToken | null> {
  if (!canStandByInCall(actor, consultation)) return null;
  return mint(
    deps,
    actor,
    consultation,
    standbyGrantFor(consultation.roomName),
    address,
    'call.standby-token',
    STANDBY_TOKEN_TTL_SECONDS,
  );
}

async function mint(
  { db, livekit, logger }: TokenDeps,
  actor: Actor,
  consultation: Consultation,
  grant: VideoGrant,
  address: string | null,
  action: 'call.token' | 'call.standby-token',
  ttlSeconds?: number,
): Promise<CallToken> {
  // Identity is the user's id, and a TV's device with it (participant.ts): LiveKit stamps it on
  // everything the participant sends, and one device's token cannot displace another's.
  const displayName = actor.kind === 'kiosk' ? actor.careHomeName : actor.user.displayName;
  // Only the API creates rooms (LiveKit auto_create is off): the room of a call a token is minted for.
  try {
    await new CallRooms(livekit, logger).open(consultation.roomName);
  } catch (error) {
    logger.warn({ err: error, room: consultation.roomName }, 'LiveKit room not opened');
    throw new ApiError(503, 'livekit_unavailable', 'The video service is not answering.');
  }
  // A device's token names the device, so that revoking it finds it in every room (call-rooms.ts).
  const attributes = actor.kind === 'clinician' ? undefined : { [DEVICE_ATTRIBUTE]: actor.deviceId };
  const identity = participantIdentity(actor.id, actor.kind === 'clinician' ? null : actor.deviceId);
  const minted = await livekit.mintToken(identity, displayName, grant, ttlSeconds, attributes);
  // A token lets its holder see and hear the patient: who got one, for which call, is audited.
  await recordAudit(db, actor, address, {
    action,
    outcome: 'allowed',
    patientId: consultation.patientId,
    target: consultation.id,
  });
  logger.info({ actorId: actor.id, consultationId: consultation.id, room: consultation.roomName }, action);
  return {
    token: minted.token,
    url: livekit.publicUrl,
    room: consultation.roomName,
    identity,
    expiresAt: minted.expiresAt.toISOString(),
  };
}
