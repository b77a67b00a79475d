import type { CallToken } from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { CallController } from './call-controller.js';
import {
  createCallSession,
  loadCallSession,
  loadedCallSession,
  type CallSessionModule,
} from './session-factory.js';
import * as consultationsApi from '../consultations/api.js';

/** A call already connecting: its session and the join under way. */
export interface StartedCall {
  session: CallController;
  joined: Promise<void>;
}

/** Starts loading the call's code (livekit-client); cheap to call again. The call screen's own
 * code is loaded by its layer (call-layer.ts preloadCallScreen). */
export function preloadCall(): void {
  void loadCallSession().then((session) => session.preloadLiveKit());
}

export interface CallPrefetchOptions {
  /** Makes a call's session from the loaded LiveKit module (default: session-factory.ts). */
  createSession?: (module: CallSessionModule) => CallController;
  /** A started call no screen took over hangs up after this long (the navigation went elsewhere). */
  unclaimedMs?: number;
}

/**
 * Work a call needs that can start before the call screen opens: the call token as soon as the
 * call is admitted; while it rings, the connection itself, standing by in the room (hidden,
 * sending and playing nothing until the answer admits it); and the call's session, which the call
 * screen adopts: the screen drawn under the ringing, waiting for the answer (prepareCall), or the
 * one the app navigates to next. Each would otherwise wait for the one before it
 * (bench/call-answer.ts: answering took 1.6 times as long as a bare LiveKit connect). One per
 * app, made by the app root and provided to the call screen (callPrefetchContext); tests make
 * their own.
 */
export class CallPrefetch {
  unclaimedMs: number;
  private readonly createSession: (module: CallSessionModule) => CallController;
  private readonly tokens = new Map<string, Promise<CallToken>>();
  /** null: the call a screen waited for never started (declined, missed, cancelled). */
  private readonly startedCalls = new Map<string, Promise<StartedCall | null>>();
  /** Calls a screen waits for (prepareCall), until they start or are given up. */
  private readonly expectedCalls = new Map<string, (call: StartedCall | null) => void>();
  /** Ringing TVs standing by in the call's room; null while the standby token is on its way. */
  private readonly standbys = new Map<string, StartedCall | null>();

  constructor(options: CallPrefetchOptions = {}) {
    // Calls started before their screen opens are answered rings: a resident's TV or kiosk.
    this.createSession = options.createSession ?? ((module) => createCallSession(module, 'resident'));
    this.unclaimedMs = options.unclaimedMs ?? 15_000;
  }

  /** Asks for the call token now; the call screen takes it with takeCallToken(). */
  prefetchCallToken(api: ApiClient, consultationId: string): void {
    const token = consultationsApi.callToken(api, consultationId);
    // A failure is the call screen's to report when it asks again.
    token.catch(() => this.tokens.delete(consultationId));
    this.tokens.set(consultationId, token);
  }

  /** The token asked for earlier, once; undefined when there is none. */
  takeCallToken(consultationId: string): Promise<CallToken> | undefined {
    const token = this.tokens.get(consultationId);
    this.tokens.delete(consultationId);
    return token;
  }

  private join(module: CallSessionModule, token: CallToken, standby = false): StartedCall {
    const session = this.createSession(module);
    const joined = session.join(token, { standby });
    // A failed join is the call screen's to show (the session's state says 'failed').
    joined.catch(() => undefined);
    return { session, joined };
  }

  /**
   * The call answered: the standby, when the API admitted it (`standbyAdmitted`) and it is still
   * connected, carries on as the call; otherwise it hangs up and the call connects now with the
   * answer's token. The call screen drawn under the ringing, or the one that opens next, takes it
   * over (takeStartedCall()).
   */
  startCall(consultationId: string, token: CallToken, standbyAdmitted = false): void {
    const standby = this.standbys.get(consultationId);
    this.standbys.delete(consultationId);
    const begin = (module: CallSessionModule): StartedCall => {
      if (standby && standbyAdmitted && isLive(standby)) {
        standby.session.admit();
        return standby;
      }
      if (standby) void standby.session.leave();
      return this.join(module, token);
    };
    const module = loadedCallSession();
    const started = module ? Promise.resolve(begin(module)) : loadCallSession().then(begin);
    const expected = this.expectedCalls.get(consultationId);
    this.expectedCalls.delete(consultationId);
    if (expected) void started.then(expected);
    else this.startedCalls.set(consultationId, started);
    // The expected call's screen has usually taken it already; otherwise the timer hangs it up too.
    const unclaimed = this.startedCalls.get(consultationId);
    if (!unclaimed) return;
    window.setTimeout(() => {
      if (this.startedCalls.get(consultationId) !== unclaimed) return;
      this.startedCalls.delete(consultationId);
      void started.then(({ session }) => session.leave());
    }, this.unclaimedMs);
  }

  /**
   * The TV rings: it stands by in the call's room (POST …/standby; without it, answering connects
   * as before), and a call screen drawn now, under the ringing, takes this consultation's call with
   * takeStartedCall() at once and gets it when startCall() runs, or null after abandonCall().
   * `standingBy`: told when the TV starts joining the room as a standby (the ring's state machine,
   * ring-machine.ts, then says standingBy).
   */
  prepareCall(api: ApiClient, consultationId: string, standingBy?: () => void): void {
    if (this.expectedCalls.has(consultationId)) return;
    this.startedCalls.set(
      consultationId,
      new Promise((resolve) => this.expectedCalls.set(consultationId, resolve)),
    );
    this.standbys.set(consultationId, null);
    void Promise.all([
      consultationsApi.standby(api, consultationId),
      loadedCallSession() ?? loadCallSession(),
    ]).then(
      ([token, module]) => {
        // Answered or given up meanwhile: the answer connects by itself.
        if (this.standbys.get(consultationId) !== null) return;
        this.standbys.set(consultationId, this.join(module, token, true));
        standingBy?.();
      },
      () => this.standbys.delete(consultationId),
    );
  }

  /** Whether this TV stands by in the call's room (or is connecting to it): the answer says so. */
  standingBy(consultationId: string): boolean {
    const standby = this.standbys.get(consultationId);
    return !!standby && isLive(standby);
  }

  /** The call will not start (declined, missed, cancelled): its screen stops waiting, the standby leaves. */
  abandonCall(consultationId: string): void {
    const standby = this.standbys.get(consultationId);
    this.standbys.delete(consultationId);
    if (standby) void standby.session.leave();
    const expected = this.expectedCalls.get(consultationId);
    if (!expected) return;
    this.expectedCalls.delete(consultationId);
    this.startedCalls.delete(consultationId);
    expected(null);
  }

  /** The call started (or expected) for this consultation, once; undefined when there is none. */
  takeStartedCall(consultationId: string): Promise<StartedCall | null> | undefined {
    const started = this.startedCalls.get(consultationId);
    this.startedCalls.delete(consultationId);
    return started;
  }
}

function isLive({ session }: StartedCall): boolean {
  return ['connecting', 'connected'].includes(session.state.phase);
}
