import type { CallToken } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';

/**
 * Work a call needs that can start before the call screen opens: its code (the screen and
 * livekit-client, loaded on demand) while the TV rings or waits, and the call token as soon as the
 * call is answered or admitted. Each would otherwise wait for the one before it
 * (bench/call-answer.ts: answering took 1.6 times as long as a bare LiveKit connect).
 */
const tokens = new Map<string, Promise<CallToken>>();

/** Starts loading the call's code; cheap to call again. */
export function preloadCall(): void {
  void import('./call-screen.js');
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
