import { TrackSource, type ParticipantPermission, type VideoGrant } from 'livekit-server-sdk';
import type { Role } from '../../shared/roles.js';

/** A resident's side of a call, on their TV or at a care-home kiosk: camera, microphone, receiving. */
const RESIDENT_SIDE = {
  canPublish: true,
  canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
  canSubscribe: true,
  canPublishData: false,
  canUpdateOwnMetadata: false,
};

/**
 * What each role may do inside a call room: least privilege. Nobody gets roomAdmin, roomCreate
 * or recording rights (the API does room administration with its own key); residents publish
 * only camera and microphone; clinicians may also share a screen (a lab report, an X-ray).
 * Data messages are stamped with the sender's identity by LiveKit, so they cannot be forged;
 * they are still granted only to clinicians, who need them for in-call controls.
 * null: the role never joins calls.
 */
const CALL_GRANTS: Record<Role, Omit<VideoGrant, 'room' | 'roomJoin'> | null> = {
  resident: RESIDENT_SIDE,
  kiosk: RESIDENT_SIDE,
  doctor: {
    canPublish: true,
    canPublishSources: [
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ],
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
  },
  specialist: {
    canPublish: true,
    canPublishSources: [
      TrackSource.CAMERA,
      TrackSource.MICROPHONE,
      TrackSource.SCREEN_SHARE,
      TrackSource.SCREEN_SHARE_AUDIO,
    ],
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: false,
  },
  nurse: null,
  pharmacist: null,
  admin: null,
};

export function callGrantFor(role: Role, room: string): VideoGrant | null {
  const grant = CALL_GRANTS[role];
  return grant ? { ...grant, roomJoin: true, room } : null;
}

/**
 * A resident's TV standing by while it rings: in the room already, so that answering needs no
 * connection (bench/call-answer.ts), but hidden from the others and sending nothing. It may
 * receive (the caller's media, as early media on a phone line), so that the call's media is
 * negotiated before the answer; the app plays none of it until the resident answers. Answering
 * makes it visible and lets it send (RESIDENT_CALL_PERMISSION).
 */
export function standbyGrantFor(room: string): VideoGrant {
  return {
    roomJoin: true,
    room,
    hidden: true,
    canSubscribe: true,
    canPublish: false,
    canPublishData: false,
    canUpdateOwnMetadata: false,
  };
}

/** A resident's call grants, as the permission LiveKit gives a standby already in the room. */
export const RESIDENT_CALL_PERMISSION: Partial<ParticipantPermission> = {
  canSubscribe: RESIDENT_SIDE.canSubscribe,
  canPublish: RESIDENT_SIDE.canPublish,
  canPublishData: RESIDENT_SIDE.canPublishData,
  canPublishSources: RESIDENT_SIDE.canPublishSources,
  canUpdateMetadata: RESIDENT_SIDE.canUpdateOwnMetadata,
  hidden: false,
};
