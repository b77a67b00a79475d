// Starts the real pieces for server and end-to-end tests: the pinned LiveKit server on free
// loopback ports and the API in this process on a fresh SQLite file. Fails loudly when the
// LiveKit binary is missing: a suite that cannot run must not pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLiveKit } from '../../scripts/lib/livekit.mjs';
import { freeTcpPort } from '../../scripts/lib/ports.mjs';
import { loadConfig, type AppMode } from '../../src/server/config.js';
import { startApi, type RunningApi } from '../../src/server/server.js';

export interface TestStack {
  api: RunningApi;
  livekitUrl: string;
  livekitHttpUrl: string;
  apiKey: string;
  apiSecret: string;
  databaseFile: string;
  stop(): Promise<void>;
}

export const TEST_API_KEY = 'APItest';
export const TEST_API_SECRET = 'test-secret-that-is-long-enough-for-hs256-000';

export async function startStack(options: { staticDir?: string; mode?: AppMode } = {}): Promise<TestStack> {
  const dir = mkdtempSync(join(tmpdir(), 'dah-test-'));
  const databaseFile = join(dir, 'test.sqlite');
  const apiPort = await freeTcpPort();
  const livekit = await startLiveKit({
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
  });
  let api: RunningApi;
  try {
    api = await startApi(
      loadConfig({
        APP_MODE: options.mode ?? 'test',
        PORT: String(apiPort),
        DATABASE_FILE: databaseFile,
        LIVEKIT_URL: livekit.httpUrl,
        LIVEKIT_API_KEY: TEST_API_KEY,
        LIVEKIT_API_SECRET: TEST_API_SECRET,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        ...(options.staticDir ? { STATIC_DIR: options.staticDir } : {}),
      }),
    );
  } catch (error) {
    await livekit.stop();
    throw error;
  }
  return {
    api,
    livekitUrl: livekit.url,
    livekitHttpUrl: livekit.httpUrl,
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    databaseFile,
    async stop() {
      await api.close();
      await livekit.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fetch against the API as a seed user (development sign-in by id). */
export function as(stack: TestStack, userId: string | null) {
  return (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (userId) headers.set('x-dev-user', userId);
    if (init.body !== undefined && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    return fetch(stack.api.url + path, { ...init, headers });
  };
}
