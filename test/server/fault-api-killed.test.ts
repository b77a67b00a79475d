// Fault injection (issue 18 §6): the API is killed with SIGKILL in the middle of a burst of 1,000
// reading uploads from eight TVs' outboxes, and started again on the same database. Every reading
// is stored exactly once. The outbox is the TV's own (src/app/offline/outbox.ts: IndexedDB, order,
// backoff with jitter, retry of a lost answer under the same device-made id), run here in Node on
// an in-memory IndexedDB; the API is the real process, killed with no chance to tidy up.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLiveKit } from '../../scripts/lib/livekit.mjs';
import { freeTcpPort } from '../../scripts/lib/ports.mjs';
import { Outbox, outcomeOf, type Sender } from '../../src/app/offline/outbox.js';
import { openSqlite } from '../../src/server/db/database.js';
import { listening, spawnApi, stopWith } from '../support/api-process.js';
import {
  pairDevice,
  signIn,
  TEST_API_KEY,
  TEST_API_SECRET,
  type ApiSession,
  type TestStack,
} from '../support/stack.js';

// The outbox listens for the browser's 'online' event; Node has no window to send one.
const scope = globalThis as { addEventListener?: unknown; removeEventListener?: unknown };
scope.addEventListener ??= () => undefined;
scope.removeEventListener ??= () => undefined;

const READINGS = 1000;
// Eight TVs in two homes: several outboxes sending at once, as a village's TVs after an outage.
const RESIDENTS = Array.from({ length: 8 }, (_, i) => (i % 2 ? 'res-liu-changshan' : 'res-wang-xiuying'));
const KILL_AFTER_STORED = 300;

let dir: string;
let livekit: Awaited<ReturnType<typeof startLiveKit>>;
let apiPort: number;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dah-fault-kill-'));
  apiPort = await freeTcpPort();
  livekit = await startLiveKit({
    apiKey: TEST_API_KEY,
    apiSecret: TEST_API_SECRET,
    webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
  });
});
after(async () => {
  await livekit?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The TV's sender over a test session (its cookies and CSRF token): the API's answer decides, as in fetchSender. */
function senderFor(tv: ApiSession): Sender {
  return async (item) => {
    let response: Response;
    try {
      response = await tv.fetch(item.path, {
        method: item.method,
        headers: { 'content-type': 'application/json', ...item.headers },
        body: JSON.stringify(item.body),
      });
    } catch {
      // No answer at all (the API is gone): a retry, as fetchSender says.
      return { kind: 'retry', status: 0, code: 'network' };
    }
    let code = 'internal';
    try {
      code = ((await response.json()) as { error?: { code?: string } }).error?.code ?? code;
    } catch {
      // not JSON
    }
    const retryAfter = response.headers.get('retry-after');
    return outcomeOf(response.status, code, retryAfter === null ? null : Number(retryAfter));
  };
}

async function storedCount(): Promise<number> {
  const db = openSqlite(join(dir, 'county.sqlite'));
  try {
    const row = await db
      .selectFrom('readings')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('id', 'like', 'fault-%')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  } finally {
    await db.destroy();
  }
}

test(
  'kill -9 of the API during 1,000 reading uploads from eight TVs’ outboxes: after a restart every reading is stored exactly once',
  { timeout: 240_000 },
  async () => {
    const databaseFile = join(dir, 'county.sqlite');
    const start = async () => {
      const api = spawnApi({
        port: apiPort,
        databaseFile,
        livekitUrl: livekit.httpUrl,
        env: { LOG_LEVEL: 'warn' },
      });
      await listening(api);
      return api;
    };
    let api = await start();
    const outboxes: Outbox[] = [];
    try {
      const stack = { api: { url: api.url } } as TestStack;
      const doctor = await signIn(stack, 'zhangwei');
      const tvs: ApiSession[] = [];
      for (const residentId of RESIDENTS)
        tvs.push(await pairDevice(stack, doctor, { kind: 'tv', residentId }));
      for (const [index, tv] of tvs.entries()) {
        outboxes.push(
          await Outbox.open({
            dbName: `fault-tv-${index}`,
            send: senderFor(tv),
            baseDelayMs: 100,
            maxDelayMs: 1000,
          }),
        );
      }
      // Readings taken over the last hours, spread across the TVs; each on disk in its TV's
      // outbox before it is sent, as the reading screen does.
      const takenFrom = Date.now() - 6 * 3600_000;
      for (let i = 0; i < READINGS; i++) {
        const tv = i % outboxes.length;
        await outboxes[tv]!.enqueue({
          kind: 'reading',
          method: 'POST',
          path: '/api/readings',
          body: {
            id: `fault-${i.toString().padStart(4, '0')}-reading`,
            patientId: RESIDENTS[tv],
            values: {
              measure: 'blood_pressure',
              systolic: 110 + (i % 40),
              diastolic: 70 + (i % 15),
              pulse: 72,
            },
            takenAt: new Date(takenFrom + i * 1000).toISOString(),
            source: 'manual',
            setting: 'home',
          },
        });
      }
      for (const outbox of outboxes) outbox.start();

      // Killed in the middle of the burst: some uploads stored, some answers lost, some not sent.
      const deadline = Date.now() + 120_000;
      while ((await storedCount()) < KILL_AFTER_STORED) {
        assert.ok(Date.now() < deadline, 'uploads did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const exit = await stopWith(api, 'SIGKILL');
      assert.equal(exit.signal, 'SIGKILL');
      const storedWhenKilled = await storedCount();
      assert.ok(storedWhenKilled < READINGS, `killed before the end (${storedWhenKilled} stored)`);

      // The TVs keep retrying against nothing for a moment, then the API comes back.
      await new Promise((resolve) => setTimeout(resolve, 500));
      api = await start();
      const waitingAfter = () => outboxes.reduce((sum, outbox) => sum + outbox.counts.waiting, 0);
      while (waitingAfter() > 0) {
        assert.ok(Date.now() < deadline + 60_000, `${waitingAfter()} readings still waiting in the outboxes`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const outbox of outboxes) assert.deepEqual(outbox.counts, { waiting: 0, rejected: 0, held: 0 });

      const db = openSqlite(databaseFile);
      try {
        const rows = await db
          .selectFrom('readings')
          .select(['id', 'patientId'])
          .where('id', 'like', 'fault-%')
          .execute();
        assert.equal(rows.length, READINGS, 'every reading stored exactly once');
        assert.equal(new Set(rows.map((row) => row.id)).size, READINGS);
        for (const row of rows) {
          const i = Number(row.id.slice('fault-'.length, 'fault-'.length + 4));
          assert.equal(row.patientId, RESIDENTS[i % RESIDENTS.length]);
        }
      } finally {
        await db.destroy();
      }
    } finally {
      await Promise.all(outboxes.map((outbox) => outbox.close()));
      await stopWith(api, 'SIGTERM');
    }
  },
);
