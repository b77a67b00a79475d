import type { CallToken } from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { CallController } from './call-session.js';

/**
 * Work a call needs that can start before the call screen opens: its code (the screen and
 * livekit-client, loaded on demand) while the TV rings or waits; the call token as soon as the
 * call is admitted; while it rings, the connection itself, standing by in the room (hidden,
 * sending and playing nothing until the answer admits it); and the call's session, which the call
 * screen adopts: the screen drawn under the ringing, waiting for the answer (prepareCall), or the
 * one the app navigates to next. Each would otherwise wait for the one before it
 * (bench/call-answer.ts: answering took 1.6 times as long as a bare LiveKit connect).
 */
const tokens = new Map<string, Promise<CallToken>>();
/** null: the call a screen waited for never started (declined, missed, cancelled). */
const startedCalls = new Map<string, Promise<StartedCall | null>>();
/** Calls a screen waits for (prepareCall), until they start or are given up. */
const expectedCalls = new Map<string, (call: StartedCall | null) => void>();
/** Ringing TVs standing by in the call's room; null while the standby token is on its way. */
const standbys = new Map<string, StartedCall | null>();

/** A call already connecting: its session and the join under way. */
export interface StartedCall {
  session: CallController;
  joined: Promise<void>;
}

export const startedCallLimits = {
  /** A started call no screen took over hangs up after this long (the navigation went elsewhere). */
  unclaimedMs: 15_000,
};

type CallScreenModule = typeof import('./call-screen.js');
/** Once loaded: answering then starts the call in the same task. */
let callScreenModule: CallScreenModule | undefined;

function loadCallScreen(): Promise<CallScreenModule> {
  return import('./call-screen.js').then((module) => (callScreenModule = module));
}

/** Starts loading the call's code; cheap to call again. */
export function preloadCall(): void {
  void loadCallScreen();
  void import('./call-session.js').then((session) => session.preloadLiveKit());
}

/** Asks for the call token now; the call screen takes it with takeCallToken(). */
export function prefetchCallToken(api: ApiClient, consultationId: string): void {
  const token = api.callToken(consultationId);
  // A failure is the call screen's to report when it asks again.
  token.catch(() => tokens.delete(consultationId));
  tokens.set(consultationId, token);
}

/** The token asked for earlier, once; undefined when there is none. */
export function takeCallToken(consultationId: string): Promise<CallToken> | undefined {
  const token = tokens.get(consultationId);
  tokens.delete(consultationId);
  return token;
}

/** A session from the call screen's factory, so whatever the screen would use (tests: a fake). */
function join({ CallScreen }: CallScreenModule, token: CallToken, standby = false): StartedCall {
  const session = CallScreen.createSession();
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
export function startCall(consultationId: string, token: CallToken, standbyAdmitted = false): void {
  const standby = standbys.get(consultationId);
  standbys.delete(consultationId);
  const begin = (module: CallScreenModule): StartedCall => {
    if (standby && standbyAdmitted && isLive(standby)) {
      standby.session.admit();
      return standby;
    }
    if (standby) void standby.session.leave();
    return join(module, token);
  };
  const started = callScreenModule ? Promise.resolve(begin(callScreenModule)) : loadCallScreen().then(begin);
  const expected = expectedCalls.get(consultationId);
  expectedCalls.delete(consultationId);
  if (expected) void started.then(expected);
  else startedCalls.set(consultationId, started);
  // The expected call's screen has usually taken it already; otherwise the timer hangs it up too.
  const unclaimed = startedCalls.get(consultationId);
  if (!unclaimed) return;
  window.setTimeout(() => {
    if (startedCalls.get(consultationId) !== unclaimed) return;
    startedCalls.delete(consultationId);
    void started.then(({ session }) => session.leave());
  }, startedCallLimits.unclaimedMs);
}

/**
 * The TV rings: it stands by in the call's room (POST …/standby; without it, answering connects
 * as before), and a call screen drawn now, under the ringing, takes this consultation's call with
 * takeStartedCall() at once and gets it when startCall() runs, or null after abandonCall().
 */
export function prepareCall(api: ApiClient, consultationId: string): void {
  if (expectedCalls.has(consultationId)) return;
  startedCalls.set(consultationId, new Promise((resolve) => expectedCalls.set(consultationId, resolve)));
  standbys.set(consultationId, null);
  void Promise.all([api.standby(consultationId), callScreenModule ?? loadCallScreen()]).then(
    ([token, module]) => {
      // Answered or given up meanwhile: the answer connects by itself.
      if (standbys.get(consultationId) !== null) return;
      standbys.set(consultationId, join(module, token, true));
    },
    () => standbys.delete(consultationId),
  );
}

/** Whether this TV stands by in the call's room (or is connecting to it): the answer says so. */
export function standingBy(consultationId: string): boolean {
  const standby = standbys.get(consultationId);
  return !!standby && isLive(standby);
}

function isLive({ session }: StartedCall): boolean {
  return ['connecting', 'connected'].includes(session.state.phase);
}

/** The call will not start (declined, missed, cancelled): its screen stops waiting, the standby leaves. */
export function abandonCall(consultationId: string): void {
  const standby = standbys.get(consultationId);
  standbys.delete(consultationId);
  if (standby) void standby.session.leave();
  const expected = expectedCalls.get(consultationId);
  if (!expected) return;
  expectedCalls.delete(consultationId);
  startedCalls.delete(consultationId);
  expected(null);
}

/** The call started (or expected) for this consultation, once; undefined when there is none. */
export function takeStartedCall(consultationId: string): Promise<StartedCall | null> | undefined {
  const started = startedCalls.get(consultationId);
  startedCalls.delete(consultationId);
  return started;
}
