import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import type { AppConfig } from './config.js';
import { migrateToLatest, openSqlite, type Db } from './db/database.js';
import { LiveKitService } from './livekit/livekit-service.js';
import { FailureLimiter } from './identity/rate-limit.js';
import { createLogger, type Logger } from './logger.js';
import { seedDemoCounty } from './seed/demo-county.js';
import { SpeechSynthesizer } from './speech/speech.js';

export interface RunningApi {
  url: string;
  port: number;
  db: Db;
  livekit: LiveKitService;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens the database, migrates, seeds the demo county outside production, and listens. */
export async function startApi(config: AppConfig): Promise<RunningApi> {
  const logger = createLogger(config.logLevel);
  const db = openSqlite(config.databaseFile);
  await migrateToLatest(db);
  if (config.mode !== 'production' && (await seedDemoCounty(db, config.passwordHashCost))) {
    logger.info('seeded the demo county');
  }
  const livekit = new LiveKitService(config.livekit);
  const app = createApp({
    config,
    db,
    livekit,
    logger,
    limiter: new FailureLimiter(),
    speech: new SpeechSynthesizer(),
  });

  const server: ServerType = serve({ fetch: app.fetch, hostname: config.host, port: config.port });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, mode: config.mode, database: config.databaseFile }, 'API listening');

  return {
    url,
    port,
    db,
    livekit,
    logger,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}
