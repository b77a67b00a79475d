import type { DisconnectReason } from 'livekit-client';
import { ApiRequestError } from '../api/api-client.js';
import type { EndReason } from './call-model.js';

/**
 * What a LiveKit disconnect means for the call (call-session.ts): an end in words, or, when LiveKit
 * itself went away (a restart for an update: issue 18 §6), a rejoin with a fresh token into the
 * room the API makes again. No livekit-client here but its types, so it is tested without it.
 */

/** LiveKit's protocol DisconnectReason numbers (livekit-client 2.x `DisconnectReason`). */
const CLIENT_INITIATED = 1;
const DUPLICATE_IDENTITY = 2;
const SERVER_SHUTDOWN = 3;
const PARTICIPANT_REMOVED = 4;
const ROOM_DELETED = 5;
const ROOM_CLOSED = 10;

/** Why LiveKit ended the call, in the words the screen uses. */
export function endReasonOf(reason: DisconnectReason | undefined): EndReason {
  switch (reason as number | undefined) {
    case CLIENT_INITIATED:
      return 'hung-up';
    case DUPLICATE_IDENTITY:
      return 'duplicate';
    case SERVER_SHUTDOWN:
      return 'server';
    case PARTICIPANT_REMOVED:
    case ROOM_DELETED:
    case ROOM_CLOSED:
      return 'ended-by-host';
    default:
      // Signal closed, join failure, timeout, media failure, unknown: the network, as far as anyone can tell.
      return 'network';
  }
}

/**
 * LiveKit said goodbye because it is shutting down (SERVER_SHUTDOWN), or livekit-client gave up
 * its own reconnection (no reason: a restarted LiveKit did not know this participant any more,
 * seen in test/e2e/fault-livekit-restart.test.ts): the call is not over, the video service was
 * away. livekit-client does not join such a room again, so the session joins a new one itself.
 * Hung up, removed, the room deleted by the doctor's end each carry their own reason.
 */
export function rejoinsAfter(reason: DisconnectReason | undefined): boolean {
  return reason === undefined || (reason as number) === SERVER_SHUTDOWN;
}

/** How long a call keeps trying to get back in before it says 视频服务暂时停止了 with 再试一次. */
export const REJOIN_WITHIN_MS = 30_000;
/** Waits between tries: quick at first (a restart takes a few seconds), then every 2 s at most. */
const BACKOFF_MS = [250, 500, 1000, 2000] as const;
const LONGEST_MS = 2000;

/** The wait before try `n` (0-based), with ±20% jitter so the parties of a call do not knock at once. */
export function rejoinDelay(n: number, random: () => number = Math.random): number {
  const base = BACKOFF_MS[n] ?? LONGEST_MS;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The API will not give this caller a token for the call any more: the consultation ended, or
 * the caller is no longer one of its people (404 answers both alike), or signed out. Trying again
 * will not change that. LiveKit still away (503 livekit_unavailable), the API out of reach, or a
 * limit (429) are worth another try.
 */
export function refusedForGood(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 408 &&
    error.status !== 429
  );
}

export type RejoinOutcome = 'joined' | 'refused' | 'gave-up' | 'abandoned';

/**
 * Tries `attempt` (a fresh token, then a connect) until it succeeds, the API refuses for good,
 * `withinMs` has passed, or `wanted()` says the call was left meanwhile.
 */
export async function rejoinWithBackoff({
  attempt,
  wanted,
  withinMs = REJOIN_WITHIN_MS,
  sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
}: {
  attempt: () => Promise<void>;
  wanted: () => boolean;
  withinMs?: number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<RejoinOutcome> {
  const deadline = Date.now() + withinMs;
  for (let n = 0; ; n++) {
    await sleep(rejoinDelay(n));
    if (!wanted()) return 'abandoned';
    try {
      await attempt();
      return wanted() ? 'joined' : 'abandoned';
    } catch (error) {
      if (!wanted()) return 'abandoned';
      if (refusedForGood(error)) return 'refused';
    }
    if (Date.now() + rejoinDelay(n + 1, () => 0) > deadline) return 'gave-up';
  }
}
