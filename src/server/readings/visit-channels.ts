/**
 * The end of a self-service visit cuts every channel it opened (issue 14 §9: Back-to-start or 60 s
 * idle ends the visit and leaves nothing): its waiting place is withdrawn, the kiosk is taken out of
 * the call its request led to (its rights revoked in the room, then removed; the doctor's side of
 * the consultation goes on, and its summary goes to the resident's own screens), and the kiosk
 * session's push streams, opened while the visit was live, close (session-streams.ts keys a stream
 * by the visit). No new token can be had: the access rules want the live visit (access/roles.ts).
 */
import { participantIdentity, personOfIdentity } from '../../shared/consultations/participant.js';
import { recordLeft } from '../consultations/call-record.js';
import { OPEN_CONSULTATION_STATUSES } from '../consultations/tables.js';
import type { AppDeps } from '../deps.js';
import type { Actor } from '../identity/actor.js';
import { CallRooms } from '../livekit/call-rooms.js';
import { endVisit, startVisit } from './visits.js';

export type VisitChannelDeps = Pick<AppDeps, 'db' | 'waitingRoom' | 'livekit' | 'logger' | 'streams'>;
type KioskActor = Extract<Actor, { kind: 'kiosk' }>;

/** Ends the kiosk session's visit (if any) and cuts what it opened. */
export async function endVisitEverywhere(deps: VisitChannelDeps, actor: KioskActor): Promise<void> {
  await endVisit(deps.db, actor);
  if (actor.visit) await cutVisitChannels(deps, actor, actor.visit.id);
  await deps.streams.recheck({ idHash: actor.session.idHash });
}

/**
 * A resident identified (ID card or QR card): the visit before on this kiosk ends with its channels
 * cut, the new one starts, and streams opened before reopen as the new visit's.
 */
export async function beginVisit(deps: VisitChannelDeps, actor: KioskActor, patientId: string) {
  if (actor.visit) await cutVisitChannels(deps, actor, actor.visit.id);
  const visit = await startVisit(deps.db, actor, patientId);
  await deps.streams.recheck({ idHash: actor.session.idHash });
  return visit;
}

/** Withdraws the visit's place and takes the kiosk out of the visit's open calls. */
export async function cutVisitChannels(
  deps: VisitChannelDeps,
  actor: KioskActor,
  visitId: string,
): Promise<void> {
  const { db, waitingRoom, livekit, logger } = deps;
  await waitingRoom.leave({ kind: 'kiosk', kioskId: actor.deviceId, visitId });
  const calls = await db
    .selectFrom('queueEntries')
    .innerJoin('consultations', 'consultations.id', 'queueEntries.consultationId')
    .select(['consultations.id', 'consultations.roomName'])
    .where('queueEntries.visitId', '=', visitId)
    .where('consultations.status', 'in', OPEN_CONSULTATION_STATUSES)
    .execute();
  const rooms = new CallRooms(livekit, logger);
  const identity = participantIdentity(actor.id, actor.deviceId);
  for (const call of calls) {
    // Hung up: whatever the kiosk's screen does next, it is no longer in the room.
    await rooms.evict(call.roomName, identity);
    await recordLeft(db, call.id, actor.id, new Date());
  }
}

/**
 * A kiosk's call token replayed after its visit ended (a token lives minutes; the visit's end
 * evicted the kiosk but cannot recall the token): when LiveKit reports it joining, it is out again
 * at once. True when it was refused. Called by the LiveKit webhook on every join.
 */
export async function refuseEndedVisitJoin(
  deps: Pick<AppDeps, 'db' | 'livekit' | 'logger'>,
  roomName: string,
  identity: string,
): Promise<boolean> {
  const row = await deps.db
    .selectFrom('consultations')
    .innerJoin('queueEntries', 'queueEntries.consultationId', 'consultations.id')
    .innerJoin('kioskVisits', 'kioskVisits.id', 'queueEntries.visitId')
    .select(['queueEntries.kioskId', 'kioskVisits.endedAt', 'kioskVisits.expiresAt'])
    .where('consultations.roomName', '=', roomName)
    .executeTakeFirst();
  if (!row || personOfIdentity(identity) !== row.kioskId) return false;
  if (row.endedAt === null && row.expiresAt > new Date().toISOString()) return false;
  await new CallRooms(deps.livekit, deps.logger).evict(roomName, identity);
  return true;
}
