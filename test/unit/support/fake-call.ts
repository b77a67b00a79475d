import {
  initialCallState,
  reduceCall,
  type CallAction,
  type PartyInfo,
} from '../../../src/app/call/call-model.js';
import { CallScreen } from '../../../src/app/call/call-screen.js';
import type { CallController, MediaKind } from '../../../src/app/call/call-session.js';
import type { CallToken } from '../../../src/shared/consultations/schemas.js';

/** A call without LiveKit: the test plays LiveKit's part with the reducer's actions. */
export class FakeCall extends EventTarget implements CallController {
  state = initialCallState(0);
  now = 0;
  joins: CallToken[] = [];
  leaves = 0;
  audioStarts = 0;
  shares: boolean[] = [];
  private readonly elements = new Map<string, HTMLMediaElement>();
  private readonly self = document.createElement('video');

  media(identity: string, kind: MediaKind): HTMLMediaElement | null {
    const party = this.state.parties.find((p) => p.identity === identity);
    if (!party) return null;
    if (kind === 'camera' && party.camera === 'none') return null;
    if (kind === 'screen' && !party.screenShare) return null;
    const key = `${kind}:${identity}`;
    let element = this.elements.get(key);
    if (!element) {
      element = document.createElement(kind.endsWith('audio') ? 'audio' : 'video');
      element.setAttribute(
        kind === 'screen' ? 'data-remote-screen-identity' : 'data-remote-identity',
        identity,
      );
      this.elements.set(key, element);
    }
    return element;
  }

  selfView(): HTMLMediaElement | null {
    return this.self;
  }

  /** Joins made with a standby token (join's `standby`), by index into `joins`. */
  standbyJoins: number[] = [];
  admits = 0;

  async join(given: CallToken, options: { standby?: boolean } = {}): Promise<void> {
    if (options.standby) this.standbyJoins.push(this.joins.length);
    this.joins.push(given);
    this.act({ type: 'join' }, { type: 'link', link: 'connected' });
  }

  admit(): void {
    this.admits += 1;
  }

  /** What the screen gave for fresh tokens (rejoinWith), the latest last. */
  renewals: (() => Promise<CallToken>)[] = [];

  rejoinWith(renew: () => Promise<CallToken>): void {
    this.renewals.push(renew);
  }

  async leave(): Promise<void> {
    this.leaves += 1;
    if (this.state.phase !== 'idle') this.act({ type: 'ended', reason: 'hung-up' });
  }

  setDirectory(): void {}

  mediaPlaced(): void {}

  async setMicrophone(on: boolean): Promise<void> {
    this.act({ type: 'local', media: { mic: on ? 'on' : 'off' } });
  }

  async setCamera(on: boolean): Promise<void> {
    this.act({ type: 'local', media: { camera: on ? 'on' : 'off' } });
  }

  async setScreenShare(on: boolean): Promise<void> {
    this.shares.push(on);
    this.act({ type: 'local', media: { sharing: on } });
  }

  async startAudio(): Promise<void> {
    this.audioStarts += 1;
    this.act({ type: 'audio', blocked: false });
  }

  /** LiveKit events, as the session translates them. */
  act(...actions: CallAction[]): void {
    for (const action of actions) this.state = reduceCall(this.state, action, this.now);
    this.dispatchEvent(new Event('change'));
  }

  joined(info: PartyInfo): void {
    this.act({ type: 'party', info }, { type: 'camera', identity: info.identity, camera: 'on' });
  }
}

/**
 * In the enclosing describe, every call session the app makes is a FakeCall, collected in the
 * array returned (emptied before each test); the real factory comes back after each test.
 */
export function useFakeCalls(): FakeCall[] {
  const realFactory = CallScreen.createSession;
  const sessions: FakeCall[] = [];
  beforeEach(() => {
    sessions.length = 0;
    CallScreen.createSession = () => {
      const session = new FakeCall();
      sessions.push(session);
      return session;
    };
  });
  afterEach(() => {
    CallScreen.createSession = realFactory;
  });
  return sessions;
}
