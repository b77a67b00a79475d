import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, type AppConfig } from './config.js';
import { migrateToLatest, openSqlite } from './db/database.js';
import type { Db } from './db/types.js';
import { LiveKitService } from './livekit/livekit-service.js';
import { FailureLimiter } from './identity/rate-limit.js';
import { createLogger, type Logger } from './logger.js';
import { holdsDemoCounty, seedDemoCounty } from './seed/demo-county.js';
import { SpeechSynthesizer } from './speech/speech.js';
import { CallDesk } from './consultations/call-desk.js';
import { WaitingRoom } from './consultations/queue.js';
import { PushHub } from './push/push-hub.js';
import { SessionStreams } from './push/session-streams.js';
import { ScheduleDesk } from './schedule/schedule-desk.js';
import type { Clock } from './deps.js';

export interface RunningApi {
  url: string;
  port: number;
  db: Db;
  livekit: LiveKitService;
  logger: Logger;
  /** The open push streams per session (tests run the sweeper's re-check through it). */
  streams: SessionStreams;
  speech: SpeechSynthesizer;
  /** The push hub and call desk the routes use: a test drives the schedule on its own clock through them. */
  push: PushHub;
  desk: CallDesk;
  /** The clock the pharmacy's dose routes read: a test moves it to a chosen time of day. */
  clock: Clock;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds the demo county outside production (and refuses it in production), and listens. */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const logger = createLogger(config.logLevel);
  const db = openSqlite(config.databaseFile);
  await migrateToLatest(db);
  if (config.mode === 'production' && (await holdsDemoCounty(db))) {
    await db.destroy();
    // Its accounts' passwords are printed by `npm start` and published in the repository.
    throw new ConfigError(
      `APP_MODE=production refuses ${config.databaseFile}: it holds the demo county, whose passwords are public. Use a database of your own.`,
    );
  }
  if (config.mode !== 'production' && (await seedDemoCounty(db, config.passwordHashCost))) {
    logger.info('seeded the demo county');
  }
  const livekit = new LiveKitService(config.livekit);
  const speech = new SpeechSynthesizer();
  const push = new PushHub(db);
  const streams = new SessionStreams(db);
  const waitingRoom = new WaitingRoom(db, push);
  const desk = new CallDesk(db, push, waitingRoom, livekit, logger);
  const schedule = new ScheduleDesk(db, push, desk, logger);
  const clock: Clock = { now: () => new Date() };
  const app = createApp({
    config,
    db,
    livekit,
    logger,
    limiter: new FailureLimiter(),
    speech,
    push,
    streams,
    waitingRoom,
    desk,
    schedule,
    clock,
  });
  const sweeper = startSweeper(waitingRoom, desk, schedule, push, streams, logger);

  const server: ServerType = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, mode: config.mode, database: config.databaseFile }, 'API listening');

  return {
    url,
    port,
    push,
    desk,
    clock,
    db,
    livekit,
    logger,
    streams,
    speech,
    async close() {
      clearInterval(sweeper);
      streams.closeAll();
      // Push streams stay open by design: end them, or close() would wait for them forever.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}

/** How often stale queue places and unanswered rings are cleared. */
const SWEEP_EVERY_MS = 15_000;

/**
 * Housekeeping: places without a heartbeat expire, rings time out, booked video consultations
 * whose time has come ring, reminders that fell due are sent, old push events go, streams of
 * ended sessions close.
 */
function startSweeper(
  waitingRoom: WaitingRoom,
  desk: CallDesk,
  schedule: ScheduleDesk,
  push: PushHub,
  streams: SessionStreams,
  logger: Logger,
): NodeJS.Timeout {
  const timer = setInterval(() => {
    void (async () => {
      await waitingRoom.expireStale();
      await desk.expireRings();
      await schedule.ringDueVideoAppointments();
      await schedule.sendDueReminders(SWEEP_EVERY_MS);
      await push.prune();
      // A backstop: whatever ended a session without telling the streams, they end by now.
      await streams.recheck();
    })().catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  return timer;
}
