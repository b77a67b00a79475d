import type { CallToken } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { CallController } from './call-session.js';

/**
 * Work a call needs that can start before the call screen opens: its code (the screen and
 * livekit-client, loaded on demand) while the TV rings or waits; the call token as soon as the
 * call is admitted; and, once answered with the token in hand, the connection itself, while the
 * app navigates to the call screen, which adopts it. Each would otherwise wait for the one before
 * it (bench/call-answer.ts: answering took 1.6 times as long as a bare LiveKit connect).
 */
const tokens = new Map<string, Promise<CallToken>>();
const startedCalls = new Map<string, Promise<StartedCall>>();

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

/** Connects to the call now; the call screen that opens next takes it with takeStartedCall(). */
export function startCall(consultationId: string, token: CallToken): void {
  // The session comes from the call screen's factory, so whatever the screen would use (tests: a fake).
  const begin = ({ CallScreen }: CallScreenModule): StartedCall => {
    const session = CallScreen.createSession();
    const joined = session.join(token);
    // A failed join is the call screen's to show (the session's state says 'failed').
    joined.catch(() => undefined);
    return { session, joined };
  };
  const started = callScreenModule ? Promise.resolve(begin(callScreenModule)) : loadCallScreen().then(begin);
  startedCalls.set(consultationId, started);
  window.setTimeout(() => {
    if (startedCalls.get(consultationId) !== started) return;
    startedCalls.delete(consultationId);
    void started.then(({ session }) => session.leave());
  }, startedCallLimits.unclaimedMs);
}

/** The call started for this consultation, once; undefined when there is none. */
export function takeStartedCall(consultationId: string): Promise<StartedCall> | undefined {
  const started = startedCalls.get(consultationId);
  startedCalls.delete(consultationId);
  return started;
}
