// The API as its own process (`node --import tsx src/server/main.ts`), as `npm start` and a
// county server run it: for tests that signal it, kill it or start it again on the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { TEST_API_KEY, TEST_API_SECRET } from './stack.js';

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Every log line so far (pino JSON, one object a line), stdout and stderr. */
  readonly logs: string[];
  /** The exit code and signal, once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line matching, waiting up to `timeoutMs`. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
}

export interface ApiProcessOptions {
  port: number;
  databaseFile: string;
  livekitUrl: string;
  env?: Record<string, string>;
}

/** Spawns the API; resolves as soon as the process runs (see `listening` to wait for it to answer). */
export function spawnApi(options: ApiProcessOptions): ApiProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      APP_MODE: 'test',
      PORT: String(options.port),
      DATABASE_FILE: options.databaseFile,
      LIVEKIT_URL: options.livekitUrl,
      LIVEKIT_API_KEY: TEST_API_KEY,
      LIVEKIT_API_SECRET: TEST_API_SECRET,
      LOG_LEVEL: 'info',
      PASSWORD_HASH_COST: 'test',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  const take = (chunk: Buffer, carry: { rest: string }) => {
    const lines = (carry.rest + chunk.toString('utf8')).split('\n');
    carry.rest = lines.pop() ?? '';
    for (const line of lines) {
      logs.push(line);
      for (const waiter of [...waiters])
        if (waiter.pattern.test(line)) {
          waiters.delete(waiter);
          waiter.resolve(line);
        }
    }
  };
  const out = { rest: '' };
  const err = { rest: '' };
  child.stdout?.on('data', (chunk: Buffer) => take(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => take(chunk, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    url: `http://127.0.0.1:${options.port}`,
    child,
    logs,
    exited,
    waitForLog(pattern, timeoutMs = 30_000) {
      const seen = logs.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = { pattern, resolve };
        waiters.add(waiter);
        setTimeout(() => {
          if (!waiters.delete(waiter)) return;
          reject(new Error(`no log line matched ${pattern} within ${timeoutMs} ms:\n${logs.join('\n')}`));
        }, timeoutMs).unref();
      });
    },
  };
}

/** Waits until the API answers any request (health may say 503 while LiveKit is away). */
export async function listening(api: ApiProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null)
      throw new Error(`the API exited (${api.child.exitCode}):\n${api.logs.join('\n')}`);
    try {
      await (await fetch(`${api.url}/healthz`)).arrayBuffer();
      return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`the API did not answer within ${timeoutMs} ms:\n${api.logs.join('\n')}`);
}

/** Sends a signal and waits for the exit; a process still there after `timeoutMs` is killed and the test fails. */
export async function stopWith(
  api: ApiProcess,
  signal: NodeJS.Signals,
  timeoutMs = 30_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (api.child.exitCode !== null || api.child.signalCode !== null) return api.exited;
  api.child.kill(signal);
  const timer = setTimeout(() => api.child.kill('SIGKILL'), timeoutMs);
  try {
    return await api.exited;
  } finally {
    clearTimeout(timer);
  }
}
