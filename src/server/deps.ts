/**
 * What the API is built from, made once at start (server.ts) and handed to each feature's route
 * factory, which takes what it uses. Nothing here reaches a handler through Hono's context.
 */
import type { AppConfig } from './config.js';
import type { Db } from './db/types.js';
import type { LiveKitService } from './livekit/livekit-service.js';
import type { FailureLimiter } from './identity/rate-limit.js';
import type { Logger } from './logger.js';
import type { SpeechSynthesizer } from './speech/speech.js';
import type { CallDesk } from './consultations/call-desk.js';
import type { WaitingRoom } from './consultations/queue.js';
import type { PushHub } from './push/push-hub.js';
import type { SessionStreams } from './push/session-streams.js';
import type { ScheduleDesk } from './schedule/schedule-desk.js';

/** The server's clock, one object: a test sets `now` to check rules that depend on the time of day. */
export interface Clock {
  now(): Date;
}

export interface AppDeps {
  config: AppConfig;
  db: Db;
  livekit: LiveKitService;
  logger: Logger;
  limiter: FailureLimiter;
  speech: SpeechSynthesizer;
  push: PushHub;
  /** The open push streams of each session, closed when it ends. */
  streams: SessionStreams;
  waitingRoom: WaitingRoom;
  desk: CallDesk;
  schedule: ScheduleDesk;
  /** The time the pharmacy's dose rules read (reminder windows, today's doses, answers' times). */
  clock: Clock;
}
