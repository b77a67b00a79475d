import { TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { Role } from '../../shared/roles.js';

/**
 * What each role may do inside a call room: least privilege. Nobody gets roomAdmin, roomCreate
 * or recording rights (the API does room administration with its own key); residents publish
 * only camera and microphone; clinicians may also share a screen (a lab report, an X-ray).
 * Data messages are stamped with the sender's identity by LiveKit, so they cannot be forged;
 * they are still granted only to clinicians, who need them for in-call controls.
 * null: the role never joins calls.
 */
const CALL_GRANTS: Record<Role, Omit<VideoGrant, 'room' | 'roomJoin'> | null> = {
  resident: {
    canPublish: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    canSubscribe: true,
    canPublishData: false,
    canUpdateOwnMetadata: false,
  },
  kiosk: {
    canPublish: true,
    canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
    canSubscribe: true,
    canPublishData: false,
    canUpdateOwnMetadata: false,
  },
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
  pharmacist: null,
  admin: null,
};

export function callGrantFor(role: Role, room: string): VideoGrant | null {
  const grant = CALL_GRANTS[role];
  return grant ? { ...grant, roomJoin: true, room } : null;
}
