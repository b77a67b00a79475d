// Starting and stopping the real API process (issue 18 §5): SIGTERM finishes what is under way,
// ends push streams with a reconnect hint, checkpoints and closes SQLite, and exits 0; starting
// waits for a database that is not there yet and for LiveKit, saying so in the log.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLiveKit } from '../../scripts/lib/livekit.mjs';
import { freeTcpPort } from '../../scripts/lib/ports.mjs';
import { openSqlite } from '../../src/server/db/database.js';
import { listening, spawnApi, stopWith, type ApiProcess } from '../support/api-process.js';
import { pairDevice, signIn, TEST_API_KEY, TEST_API_SECRET, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
let dir: string;
let livekit: Awaited<ReturnType<typeof startLiveKit>>;
let apiPort: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dah-lifecycle-'));
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

const reading = (id: string) => ({
  id,
  patientId: WANG,
  values: { measure: 'blood_pressure', systolic: 131, diastolic: 84, pulse: 71 },
  takenAt: new Date().toISOString(),
  source: 'manual',
  setting: 'home',
});

/** A request body sent in two halves: the server has the request, and waits for the rest. */
function halfSent(body: unknown): { stream: ReadableStream<Uint8Array>; finish: () => void } {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const middle = Math.floor(bytes.length / 2);
  let finish = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, middle));
      finish = () => {
        controller.enqueue(bytes.slice(middle));
        controller.close();
      };
    },
  });
  return { stream, finish: () => finish() };
}

/** A GET on a connection of its own: resolves with the status, rejects when it cannot connect. */
function newConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

async function startedApi(databaseFile: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const api = spawnApi({ port: apiPort, databaseFile, livekitUrl: livekit.httpUrl, env });
  await listening(api);
  return api;
}

describe('graceful shutdown', () => {
  test('SIGTERM: a request under way is answered and stored, a push stream is told to reconnect, new connections are refused, the WAL is checkpointed, exit 0', async () => {
    const databaseFile = join(dir, 'shutdown.sqlite');
    const api = await startedApi(databaseFile);
    try {
      const stack = { api: { url: api.url } } as TestStack;
      const tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: WANG });

      // A push stream held open, read as EventSource would.
      const events = await tv.fetch('/api/events', { headers: { accept: 'text/event-stream' } });
      assert.equal(events.status, 200);
      const streamText = (async () => {
        let text = '';
        const decoder = new TextDecoder();
        const reader = events.body!.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read())
          text += decoder.decode(read.value, { stream: true });
        return text;
      })();

      // A reading upload under way: headers and half the body are in when the signal comes.
      const upload = halfSent(reading('shutdown-reading-under-way'));
      const answer = tv.fetch('/api/readings', {
        method: 'POST',
        body: upload.stream,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      await api.waitForLog(/"path":"\/api\/events"/);
      // The server holds both: the stream and the upload waiting for its body.
      await new Promise((resolve) => setTimeout(resolve, 200));

      api.child.kill('SIGTERM');
      await api.waitForLog(/stopping: finishing the answers under way/);
      // Stopped accepting: a new connection is refused while the upload is still under way
      // (fetch would reuse a kept-alive one).
      await assert.rejects(newConnection(`${api.url}/healthz`), /ECONNREFUSED/);
      upload.finish();
      const response = await answer;
      assert.equal(response.status, 201, await response.clone().text());
      assert.equal(response.headers.get('connection'), 'close');

      const text = await streamText;
      assert.match(text, /event: reconnect\n/);
      const retry = Number(/\nretry: (\d+)\n/.exec(text)?.[1]);
      assert.ok(retry >= 1000 && retry < 4000, `retry ${retry} ms`);

      const exit = await api.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(api.logs.some((line) => /stopped: database checkpointed and closed/.test(line)));

      // The reading is in the database file itself: the WAL was written back and emptied.
      const wal = `${databaseFile}-wal`;
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the WAL is empty after the checkpoint');
      const db = openSqlite(databaseFile);
      try {
        const rows = await db
          .selectFrom('readings')
          .select('id')
          .where('id', '=', 'shutdown-reading-under-way')
          .execute();
        assert.equal(rows.length, 1);
      } finally {
        await db.destroy();
      }
    } finally {
      await stopWith(api, 'SIGKILL');
    }
  });

  test('an answer still under way after SHUTDOWN_GRACE_MS has its connection closed, and the process still exits 0', async () => {
    const api = await startedApi(join(dir, 'deadline.sqlite'), { SHUTDOWN_GRACE_MS: '500' });
    try {
      const stack = { api: { url: api.url } } as TestStack;
      const tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: WANG });
      const upload = halfSent(reading('never-finished'));
      const answer = tv
        .fetch('/api/readings', {
          method: 'POST',
          body: upload.stream,
          headers: { 'content-type': 'application/json' },
          duplex: 'half',
        } as RequestInit)
        .then(
          () => 'answered',
          () => 'connection closed',
        );
      await api.waitForLog(/"path":"\/api\/devices\/pairing\/poll"/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      const exit = await stopWith(api, 'SIGTERM');
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(Date.now() - started < 10_000);
      assert.equal(await answer, 'connection closed');
      assert.ok(api.logs.some((line) => /still under way after the grace period/.test(line)));
    } finally {
      await stopWith(api, 'SIGKILL');
    }
  });

  test('SIGINT stops it the same way', async () => {
    const api = await startedApi(join(dir, 'sigint.sqlite'));
    const exit = await stopWith(api, 'SIGINT');
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.ok(api.logs.some((line) => /"signal":"SIGINT"/.test(line)));
  });
});

describe('startup waits', () => {
  test('for a database that cannot be opened yet, saying so, and starts once it can', async () => {
    // A file where the database's folder should be: as a volume not mounted yet, opening fails.
    const blocker = join(dir, 'not-mounted-yet');
    writeFileSync(blocker, '');
    const api = spawnApi({
      port: apiPort,
      databaseFile: join(blocker, 'county.sqlite'),
      livekitUrl: livekit.httpUrl,
    });
    try {
      const waiting = await api.waitForLog(/waiting for the database/);
      assert.match(waiting, /not-mounted-yet/);
      rmSync(blocker);
      await api.waitForLog(/the database answers now; starting/);
      await listening(api);
      assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
    } finally {
      await stopWith(api, 'SIGTERM');
    }
  });

  test('gives up after STARTUP_WAIT_MS with the reason, exit code not 0', async () => {
    const blocker = join(dir, 'never-mounted');
    writeFileSync(blocker, '');
    const api = spawnApi({
      port: apiPort,
      databaseFile: join(blocker, 'county.sqlite'),
      livekitUrl: livekit.httpUrl,
      env: { STARTUP_WAIT_MS: '800' },
    });
    const exit = await api.exited;
    assert.notEqual(exit.code, 0);
    assert.ok(api.logs.some((line) => /could not be opened within 1 s/.test(line)));
  });

  test('for LiveKit: listens at once, says it waits, and /healthz turns 200 when LiveKit answers', async () => {
    const livekitPort = await freeTcpPort();
    const api = spawnApi({
      port: apiPort,
      databaseFile: join(dir, 'livekit-late.sqlite'),
      livekitUrl: `http://127.0.0.1:${livekitPort}`,
    });
    let late: Awaited<ReturnType<typeof startLiveKit>> | undefined;
    try {
      await listening(api);
      await api.waitForLog(/waiting for LiveKit/);
      assert.equal((await fetch(`${api.url}/healthz`)).status, 503);
      late = await startLiveKit({
        apiKey: TEST_API_KEY,
        apiSecret: TEST_API_SECRET,
        webhookUrl: `http://127.0.0.1:${apiPort}/api/livekit/webhook`,
        port: livekitPort,
      });
      await api.waitForLog(/LiveKit answers: calls can start/);
      assert.equal((await fetch(`${api.url}/healthz`)).status, 200);
    } finally {
      await stopWith(api, 'SIGTERM');
      await late?.stop();
    }
  });
});
