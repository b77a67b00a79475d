import type { Room, RoomOptions } from 'livekit-client';
import type { LocalDevice } from './call-model.js';
import type { MediaKind } from './call-controller.js';
import { installLegacyBuiltins } from './legacy-builtins.js';

/**
 * livekit-client for the call session (call-session.ts): loading it on demand, the room's
 * options, and publishing our own media. Imported only by call-session.ts.
 */

export type LiveKit = typeof import('livekit-client');

/** Camera capture and the simulcast layers sent beside it: 720p, 360p and 180p (dynacast pauses unwatched ones). */
export const CAPTURE = { width: 1280, height: 720, frameRate: 30 };

export const ELEMENT_ATTRIBUTE: Record<MediaKind, string> = {
  camera: 'data-remote-identity',
  screen: 'data-remote-screen-identity',
  audio: 'data-remote-audio-identity',
  'screen-audio': 'data-remote-screen-audio-identity',
};

/** Once loaded: a call then starts connecting in the same task, without waiting for a resolved import. */
let liveKit: LiveKit | undefined;

export function loadedLiveKit(): LiveKit | undefined {
  return liveKit;
}

/** livekit-client, with the built-ins it needs on old TV engines; loads once, on demand. */
export function preloadLiveKit(): Promise<LiveKit> {
  installLegacyBuiltins();
  return import('livekit-client').then((module) => (liveKit = module));
}

export function roomOptions(VideoPresets: LiveKit['VideoPresets']): RoomOptions {
  return {
    // Remote video is sent at the size it is shown (and paused when hidden)...
    adaptiveStream: true,
    // ...and our own layers nobody watches are not sent at all.
    dynacast: true,
    videoCaptureDefaults: { resolution: CAPTURE },
    publishDefaults: {
      simulcast: true,
      // With 720p capture: 180p and 360p below it, so a TV on a slow line still gets a picture.
      videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
      // Opus redundancy and DTX: voice survives loss, silence costs nothing.
      red: true,
      dtx: true,
    },
  };
}

/**
 * Resolves once LiveKit has given our participant the right to publish (a standby just admitted:
 * the API asked LiveKit for it before answering, and the update is on its way).
 */
export function allowedToPublish(room: Room, RoomEvent: LiveKit['RoomEvent']): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!room.localParticipant.permissions?.canPublish) return;
      room.off(RoomEvent.ParticipantPermissionsChanged, check);
      resolve();
    };
    room.on(RoomEvent.ParticipantPermissionsChanged, check);
    check();
  });
}

/** The devices to switch on: a rejoin keeps off what the user had switched off. */
export interface Wanted {
  mic: LocalDevice;
  camera: LocalDevice;
}

/**
 * Microphone and camera, each on its own: a TV without a camera (or whose camera fails) still
 * joins with its microphone and receives video; one without a microphone still sees and is seen.
 */
export async function publishOwnMedia(
  room: Room,
  wanted: Wanted | null,
): Promise<{ mic: LocalDevice; camera: LocalDevice }> {
  const local = room.localParticipant;
  let cameras = 1;
  try {
    const devices = await navigator.mediaDevices.enumerateDevices();
    cameras = devices.filter((device) => device.kind === 'videoinput').length;
  } catch {
    // Cannot list devices: try the camera and see.
  }
  const [mic, camera] = await Promise.all([
    wanted?.mic === 'off'
      ? Promise.resolve('off' as const)
      : local.setMicrophoneEnabled(true).then(
          () => 'on' as const,
          () => 'none' as const,
        ),
    cameras === 0
      ? Promise.resolve('none' as const)
      : wanted?.camera === 'off'
        ? Promise.resolve('off' as const)
        : local.setCameraEnabled(true, { resolution: CAPTURE }).then(
            () => 'on' as const,
            () => 'none' as const,
          ),
  ]);
  return { mic, camera };
}
