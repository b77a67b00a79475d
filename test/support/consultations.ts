import assert from 'node:assert/strict';
import { TokenVerifier } from 'livekit-server-sdk';
import { WaitingRoom } from '../../src/server/consultations/queue.js';
import { PushHub } from '../../src/server/push/push-hub.js';
import { TEST_API_KEY, TEST_API_SECRET, type ApiSession, type TestStack } from './stack.js';

/** The JSON body of a response that must have this status (the body is the message if not). */
export async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return (text ? JSON.parse(text) : null) as T;
}

/** The status with which a session is answered when it asks for a consultation's call token. */
export const tokenStatus = async (session: ApiSession, consultationId: string) =>
  (await session.send('POST', '/api/calls/token', { consultationId })).status;

/** A clock this far ahead, for the housekeeping that runs on a timer. */
export const later = (ms: number) => () => new Date(Date.now() + ms);

/** The waiting room's housekeeping run `ms` from now: how many places it expired. */
export function expireStaleAfter(stack: TestStack, ms: number): Promise<number> {
  return new WaitingRoom(stack.api.db, new PushHub(stack.api.db), later(ms)).expireStale();
}

/**
 * Checks a call token for a resident's side (a TV, a kiosk): signed by the test LiveKit, for this
 * consultation's room only, with a resident's grants (camera and microphone; no screen share, no
 * data). Returns its claims.
 */
export async function residentCallClaims(token: string, consultationId: string) {
  const claims = await new TokenVerifier(TEST_API_KEY, TEST_API_SECRET).verify(token);
  assert.equal(claims.video?.room, `consultation-${consultationId}`);
  assert.equal(claims.video?.canPublishData, false);
  assert.deepEqual(claims.video?.canPublishSources, ['camera', 'microphone']);
  return claims;
}

/** The doctor ends the consultation with this summary. */
export async function endWithSummary(
  doctor: ApiSession,
  consultationId: string,
  summary: { diagnosis: string; advice: string },
): Promise<void> {
  await json(await doctor.send('POST', `/api/consultations/${consultationId}/end`, summary), 200);
}
