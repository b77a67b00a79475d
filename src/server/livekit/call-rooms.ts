import type { Logger } from '../logger.js';
import type { LiveKitService } from './livekit-service.js';

/**
 * A participant's rights taken away: in the room it can neither send nor receive, and is hidden.
 * Removing alone is not enough while its token is still valid: the revocation makes whatever
 * session is left useless at once (issue 12 §2), and the removal then ends it.
 */
const NO_RIGHTS = {
  canSubscribe: false,
  canPublish: false,
  canPublishData: false,
  canPublishSources: [],
  canUpdateMetadata: false,
  hidden: true,
};

/** The attribute every resident-side token carries: which device it was minted for. */
export const DEVICE_ATTRIBUTE = 'deviceId';

/**
 * Rooms exist only while the API wants them (LiveKit `room.auto_create: false`): opened when a
 * token for an open consultation is minted, closed when its ring ends unanswered or its call ends.
 */
export class CallRooms {
  constructor(
    private readonly livekit: LiveKitService,
    private readonly logger: Logger,
  ) {}

  /** Creates the room if it is not there (LiveKit's CreateRoom returns an existing room as is). */
  async open(roomName: string): Promise<void> {
    await this.livekit.rooms.createRoom({ name: roomName });
  }

  /** Closes the room, disconnecting anyone in it; no token can bring it back. */
  async close(roomName: string): Promise<void> {
    try {
      await this.livekit.rooms.deleteRoom(roomName);
    } catch (error) {
      // Nobody ever joined (no room), or LiveKit restarted: nothing to close.
      this.logger.debug({ err: error, roomName }, 'room not closed');
    }
  }

  /** Revokes a participant's rights, then removes it. False when it was not there. */
  async evict(roomName: string, identity: string): Promise<boolean> {
    try {
      await this.livekit.rooms.updateParticipant(roomName, identity, { permission: NO_RIGHTS });
    } catch (error) {
      this.logger.debug({ err: error, roomName, identity }, 'no participant to revoke');
      return false;
    }
    try {
      await this.livekit.rooms.removeParticipant(roomName, identity);
    } catch (error) {
      this.logger.debug({ err: error, roomName, identity }, 'participant left before removal');
    }
    return true;
  }

  /** A revoked device leaves every room it is in (found by the device attribute of its token). */
  async evictDevice(deviceId: string): Promise<number> {
    let evicted = 0;
    for (const room of await this.livekit.rooms.listRooms()) {
      const participants = await this.livekit.rooms.listParticipants(room.name).catch(() => []);
      for (const participant of participants) {
        if (participant.attributes[DEVICE_ATTRIBUTE] !== deviceId) continue;
        if (await this.evict(room.name, participant.identity)) evicted++;
      }
    }
    return evicted;
  }
}
