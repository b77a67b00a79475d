import { once } from 'node:events';
import type { Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { ConfigError, type AppConfig } from './config.js';
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
import { RequestDrain } from './http/request-drain.js';
import { checkpointAndClose, openDatabaseWhenReady } from './startup.js';
import { LiveKitWatch } from './livekit/livekit-watch.js';

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
  /**
   * Stops gracefully: no new connections, push streams ended with a reconnect hint, answers under
   * way finished (up to SHUTDOWN_GRACE_MS, then their connections are closed), a sweep under way
   * finished, the WAL checkpointed and the database closed. Resolves with whether every answer
   * finished in time.
   */
  close(): Promise<boolean>;
}

/**
 * Opens the database (waiting for it while it is not there yet), migrates, seeds the demo county
 * outside production (and refuses it in production), and listens; LiveKit is waited for and
 * watched in the background (livekit/livekit-watch.ts), with its progress in the log.
 */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const logger = createLogger(config.logLevel);
  const db = await openDatabaseWhenReady(config.databaseFile, config.startupWaitMs, logger);
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
  const drain = new RequestDrain(server as Server);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, mode: config.mode, database: config.databaseFile }, 'API listening');
  const watch = new LiveKitWatch(livekit, db, logger, config.livekit.url);
  watch.start();

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
      const started = Date.now();
      watch.stop();
      clearInterval(sweeper.timer);
      const http = server as Server;
      // No new connections from here. net's close, not http's: http.Server.close (Node 19+) also
      // closes the connections it counts as idle, and on Node 20 that includes one whose request
      // body is still arriving (an upload under way was cut off). Idle ones close after the drain.
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(http, () => resolve()));
      // Push streams stay open by design: each ends with a reconnect hint, and EventSource
      // comes back (to the next process) with its last event id.
      streams.closeAll();
      logger.info({ inFlight: drain.inFlight }, 'stopping: finishing the answers under way');
      const finished = await drain.finish(config.shutdownGraceMs);
      if (!finished) {
        logger.warn(
          { unfinished: drain.inFlight, graceMs: config.shutdownGraceMs },
          'stopping: answers still under way after the grace period; closing their connections',
        );
        http.closeAllConnections();
      }
      http.closeIdleConnections();
      await closed;
      await sweeper.idle();
      await checkpointAndClose(db);
      logger.info({ ms: Date.now() - started, finished }, 'stopped: database checkpointed and closed');
      return finished;
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
): { timer: NodeJS.Timeout; idle: () => Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = (async () => {
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
  // Stopping waits for a sweep under way: its writes finish before the database closes.
  return { timer, idle: () => running };
}
