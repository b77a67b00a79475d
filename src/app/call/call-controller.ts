import type { CallToken } from '../../shared/consultations/schemas.js';
import type { CallState, DirectoryEntry } from './call-model.js';

/** Which of a participant's media an element plays. */
export type MediaKind = 'camera' | 'screen' | 'audio' | 'screen-audio';

/**
 * What the call screen needs from a call: its state as plain data (call-model.ts), the media
 * elements to place, and the controls. CallSession is the LiveKit one; unit tests use a fake.
 * Fires 'change' whenever the state or the set of media elements changed.
 */
export interface CallController extends EventTarget {
  readonly state: CallState;
  /** The element playing a remote participant's media, or null when none is subscribed. */
  media(identity: string, kind: MediaKind): HTMLMediaElement | null;
  /** Our own camera, for the self-view. */
  selfView(): HTMLMediaElement | null;
  /**
   * Connects with the token and, once connected, receives the others' media and sends our own.
   * `standby`: a ringing TV's standby token (hidden, sending nothing): connected, it plays
   * nothing and sends nothing until admit(). Resolves when connected and our media is out.
   */
  join(token: CallToken, options?: { standby?: boolean }): Promise<void>;
  /**
   * The call a standby waited for was answered, and the API asked LiveKit to let this participant
   * send: play what it receives now, and send our media once LiveKit allows it.
   */
  admit(): void;
  /** The screen has put the media elements it shows into the page (called after each render). */
  mediaPlaced(): void;
  leave(): Promise<void>;
  /**
   * Where a fresh token comes from if LiveKit restarts under the call (consultations/api.ts
   * callToken): the session then joins again by itself, saying 'reconnecting' meanwhile.
   */
  rejoinWith(renew: () => Promise<CallToken>): void;
  /** Who is who, from the API's consultation detail: names and roles for participants whose token carries none. */
  setDirectory(directory: ReadonlyMap<string, DirectoryEntry>): void;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  setScreenShare(on: boolean): Promise<void>;
  /** Must run inside a user gesture (a key press, a click): autoplay policies unblock audio only then. */
  startAudio(): Promise<void>;
}
