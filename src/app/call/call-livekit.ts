import type { Room, RoomOptions } from 'livekit-client';
import type { LocalDevice } from './call-model.js';
import type { MediaKind } from './call-controller.js';
import { installLegacyBuiltins } from './legacy-builtins.js';

/**
 * livekit-client for the call session (call-session.ts): loading it on demand, the room's
 * options, and publishing our own media. Imported only by call-session.ts.
 */

export type LiveKit = typeof import('livekit-client');

/**
 * Who sends: a resident's TV or kiosk, or a clinician's console. What each sends differs (see
 * cameraProfile); a session is made for one of them (session-factory.ts).
 */
export type Sender = 'resident' | 'clinician';

export interface CameraProfile {
  /** What the camera is opened at (also the picture sent when there is one layer). */
  capture: { width: number; height: number; frameRate: number };
  /** The top (or only) stream's limits: LiveKit's preset of the capture's size. */
  encoding: { maxBitrate: number; maxFramerate: number };
  /** Simulcast layers below the capture; none: one stream, which WebRTC itself scales down on a poor uplink. */
  layers: readonly ('h180' | 'h360')[];
}

/**
 * A clinician's console (a desktop on the county hospital's network): 720p, with 360p and 180p
 * layers beside it, so that each resident's TV gets the layer its line and its tile can carry
 * (adaptive stream; dynacast pauses layers nobody watches).
 *
 * A resident's TV box or kiosk: one 640×360 stream at 20 fps (LiveKit's h360: 450 kbps). Only the
 * clinicians watch it, from the county network, so layers for slower viewers would buy nothing;
 * the one slow link is the village uplink, where simulcast costs more bits (the sum of the
 * layers) and a software encoder on a TV box's CPU the work of each. 640 pixels across is VGA's
 * width (the Australian MBS guidance for general-quality video consultations), enough for the
 * console's tile, and 20 fps is above the 15 that Maryland's telehealth rule sets as the floor
 * (COMAR 10.09.49.07). On a poor uplink WebRTC lowers the one stream's rate and size itself.
 */
export function cameraProfile(sender: Sender): CameraProfile {
  return sender === 'clinician'
    ? {
        capture: { width: 1280, height: 720, frameRate: 30 },
        encoding: { maxBitrate: 1_700_000, maxFramerate: 30 },
        layers: ['h180', 'h360'],
      }
    : {
        capture: { width: 640, height: 360, frameRate: 20 },
        encoding: { maxBitrate: 450_000, maxFramerate: 20 },
        layers: [],
      };
}

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

export function roomOptions(VideoPresets: LiveKit['VideoPresets'], sender: Sender): RoomOptions {
  const { capture, encoding, layers } = cameraProfile(sender);
  return {
    // Remote video is sent at the size it is shown (and paused when hidden)...
    adaptiveStream: true,
    // ...and our own layers nobody watches are not sent at all.
    dynacast: true,
    videoCaptureDefaults: { resolution: capture },
    publishDefaults: {
      simulcast: layers.length > 0,
      videoSimulcastLayers: layers.map((layer) => VideoPresets[layer]),
      videoEncoding: encoding,
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
  sender: Sender,
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
        : local.setCameraEnabled(true, { resolution: cameraProfile(sender).capture }).then(
            () => 'on' as const,
            () => 'none' as const,
          ),
  ]);
  return { mic, camera };
}
