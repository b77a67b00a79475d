import type { CallToken } from '../../shared/api-schemas.js';
import { canJoinConsultationCall } from '../access/policy.js';
import type { Consultation } from '../consultations/consultations.js';
import type { AppDeps } from '../http/app-env.js';
import type { Actor } from '../identity/actor.js';
import { callGrantFor } from './grants.js';

/**
 * A LiveKit token for a consultation's room, with the actor's role grants, or null when the
 * access rules (policy.ts) say this actor may not be in that call now. The one place tokens are
 * minted: the token route and the resident's answer both come here.
 */
export async function issueCallToken(
  { db, livekit, logger }: Pick<AppDeps, 'db' | 'livekit' | 'logger'>,
  actor: Actor,
  consultation: Consultation,
): Promise<CallToken | null> {
  const grant = (await canJoinConsultationCall(db, actor, consultation))
    ? callGrantFor(actor.role, consultation.roomName)
    : null;
  if (!grant) return null;
  // Identity is the user's id: LiveKit stamps it on everything the participant sends.
  const displayName = actor.kind === 'kiosk' ? actor.careHomeName : actor.user.displayName;
  const minted = await livekit.mintToken(actor.id, displayName, grant);
  logger.info(
    { actorId: actor.id, consultationId: consultation.id, room: consultation.roomName },
    'call token minted',
  );
  return {
    token: minted.token,
    url: livekit.publicUrl,
    room: consultation.roomName,
    identity: actor.id,
    expiresAt: minted.expiresAt.toISOString(),
  };
}
