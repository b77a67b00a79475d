// Readings ingest on one API process with SQLite (issue 14): the API runs alone in a child process
// (node --import tsx src/server/main.ts, a fresh SQLite file in WAL mode), and this process offers
// POST /api/readings at a fixed rate from one paired TV, open loop: each request's latency is
// counted from when it was due, so a stalled server cannot hide its queue (no coordinated omission).
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freeTcpPort } from '../scripts/lib/ports.mjs';
import { ROOT } from '../scripts/lib/paths.mjs';
import { ApiSession, pairDevice, signIn, type TestStack } from '../test/support/stack.js';
import { inMilliseconds, quantile, rowsOf, runContext, type BenchResult, type Machine } from './report.js';

export const INGEST_RATE = 2000;
export const INGEST_SECONDS = 10;
export const INGEST_P99_GOAL_MS = 50;
/**
 * Warm-up at the full rate before the measured run: the goal is a sustained rate, so the run
 * measures the steady state (V8's optimised code, SQLite's page cache and WAL at their working
 * size), not the step up to it (stop 15: a step from a quarter of the rate left a queue of
 * hundreds of ms that took seconds to drain).
 */
const WARM_UP_SECONDS = 5;
/** Requests are sent in small batches every tick: timers cannot fire every 0.5 ms. */
const TICK_MS = 5;
const DRAIN_LIMIT_MS = 30_000;

export async function startApiProcess(): Promise<{ url: string; child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dah-bench-ingest-'));
  const port = await freeTcpPort();
  // INGEST_API_NODE_ARGS (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof) profiles the API process.
  const nodeArgs = (process.env.INGEST_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // INGEST_API_ROOT runs another checkout's API (before/after comparisons with the same load).
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: process.env.INGEST_API_ROOT ?? ROOT,
    env: {
      ...process.env,
      APP_MODE: 'test',
      PORT: String(port),
      DATABASE_FILE: join(dir, 'bench.sqlite'),
      // The API only talks to LiveKit for calls; nothing here makes one.
      LIVEKIT_URL: `http://127.0.0.1:${await freeTcpPort()}`,
      LIVEKIT_API_KEY: 'APIbench',
      LIVEKIT_API_SECRET: 'bench-secret-that-is-long-enough-for-hs256-00',
      LOG_LEVEL: 'warn',
      PASSWORD_HASH_COST: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      // Any answer means it listens (health would say 503: there is no LiveKit here).
      await (await fetch(`${url}/api/auth/session`)).arrayBuffer();
      return { url, child, dir };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error('the API process did not start');
}

export function reading(i: number) {
  return {
    id: `bench-${i.toString(36).padStart(8, '0')}-reading`,
    patientId: 'res-liu-changshan',
    values: { measure: 'blood_pressure', systolic: 120 + (i % 40), diastolic: 75 + (i % 15), pulse: 70 },
    takenAt: new Date().toISOString(),
    source: 'device',
    setting: 'home',
    device: { id: 'bench-cuff', name: 'Bench cuff', userId: 1, sequenceNumber: i % 65536, deviceTime: null },
  };
}

/**
 * How many keep-alive connections carry the posts. 2,000 readings a second come from hundreds of
 * TVs and kiosks, each on its own connection; 64 stand in for them. Fewer capped the posts in
 * flight, and so each group commit's size, just above the offered rate (16 did: stop 15), so the
 * open loop measured the generator's own queue. Node's fetch, used before, opened a socket for every
 * post it could not send at once, and its cost was measured with the API's; a fixed pool on
 * node:http is cheap enough that the API is what is measured.
 */
const CONNECTIONS = 64;

/** Posts with the TV's session cookie and CSRF token; resolves with the status and the body. */
export function poster(tv: ApiSession, agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })) {
  const url = new URL(tv.baseUrl);
  const cookie = [...tv.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  return (path: string, body: unknown) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path,
          method: 'POST',
          headers: {
            cookie,
            'x-csrf-token': tv.csrfToken ?? '',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

/** Offers `rate` posts a second for `seconds`; returns latencies (ms, from when each was due) and failures. */
async function offer(post: ReturnType<typeof poster>, rate: number, seconds: number, firstIndex: number) {
  const total = rate * seconds;
  const perTick = (rate * TICK_MS) / 1000;
  const latencies: number[] = [];
  const failures: string[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / TICK_MS + 1) * perTick));
    for (; sent < due; sent++) {
      const dueAt = started + (sent / rate) * 1000;
      const index = firstIndex + sent;
      pending.push(
        post('/api/readings', reading(index)).then(
          (response) => {
            latencies.push(performance.now() - dueAt);
            if (response.status !== 201) failures.push(`${response.status} ${response.text}`);
          },
          (error: unknown) => {
            failures.push(String(error));
          },
        ),
      );
    }
    await sleep(TICK_MS);
  }
  // A server far behind would keep the benchmark waiting for ever: what is not answered by then failed.
  const settled = await Promise.race([
    Promise.all(pending).then(() => true),
    sleep(DRAIN_LIMIT_MS).then(() => false),
  ]);
  if (!settled)
    failures.push(
      `${total - latencies.length} posts not answered ${DRAIN_LIMIT_MS / 1000} s after the last was due`,
    );
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, failures, elapsed };
}

export async function measureReadingsIngest(machine: Machine): Promise<BenchResult> {
  const errors: string[] = [];
  const api = await startApiProcess();
  try {
    const stack = { api: { url: api.url } } as TestStack;
    const doctor = await signIn(stack, 'zhangwei');
    const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: 'res-liu-changshan' });
    // One pool for the warm-up and the run: the run's posts go over the warmed connections.
    const post = poster(tv);
    await offer(post, INGEST_RATE, WARM_UP_SECONDS, 0);
    const context = await runContext();
    const run = await offer(post, INGEST_RATE, INGEST_SECONDS, 1_000_000);
    // Throughput: answered posts over the time from the first due to the last answer.
    const achieved = run.latencies.length / run.elapsed;
    if (run.failures.length) errors.push(`${run.failures.length} posts failed, e.g. ${run.failures[0]}`);
    const p99 = run.latencies.length ? quantile(run.latencies, 0.99) : Infinity;
    const ms = rowsOf(inMilliseconds(1));
    const sustained = achieved >= INGEST_RATE * 0.98 && run.failures.length === 0;
    return {
      title: 'readings: ingest on one API process with SQLite',
      method: `One API process (\`src/server/main.ts\`, a fresh SQLite file in WAL mode, log level warn) is offered
${INGEST_RATE} \`POST /api/readings\` a second for ${INGEST_SECONDS} s from one paired TV over ${CONNECTIONS} keep-alive
connections on loopback (standing in for the many TVs such a rate comes from), after ${WARM_UP_SECONDS} s at the same rate over the same connections
(the goal is a sustained rate: the steady state is measured), open loop: each request's latency counts from
when it was due, not from when it was sent. Each post is a device blood pressure with its natural key, checked
for plausibility, classified and stored once (session, CSRF and access checks included). The load generator
runs in another process on the same machine.`,
      rows: [
        ms(
          'POST /api/readings latency (from when due)',
          run.latencies,
          `p99 < ${INGEST_P99_GOAL_MS} ms`,
          p99 < INGEST_P99_GOAL_MS,
        ),
        {
          measured: `throughput offered ${INGEST_RATE}/s`,
          runs: run.latencies.length,
          median: `${Math.round(achieved)}/s`,
          p95: `p99 ${p99.toFixed(1)} ms`,
          goal: `${INGEST_RATE}/s sustained`,
          pass: sustained,
        },
      ],
      errors,
      machine,
      ...context,
    };
  } finally {
    api.child.kill('SIGTERM');
    await new Promise((resolve) => api.child.once('exit', resolve));
    rmSync(api.dir, { recursive: true, force: true });
  }
}
