import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { errorMessage } from '../../src/app/api/error-messages.js';
import {
  askPersistentStorage,
  deviceMadeId,
  fetchSender,
  MAX_HELD,
  OUTBOX_DB_VERSION,
  Outbox,
  OutboxFullError,
  outcomeOf,
} from '../../src/app/offline/outbox.js';
import { mockApi } from './support/msw.js';

/** A fake API that stores readings by id, as the real one does (idempotent). */
function fakeReadingsApi(answers: (attempt: number) => 'store' | 503 | 'offline' | 409) {
  const stored = new Map<string, unknown>();
  const order: string[] = [];
  let attempts = 0;
  const handler = http.post('/api/readings', async ({ request }) => {
    attempts += 1;
    const answer = answers(attempts);
    if (answer === 'offline') return HttpResponse.error();
    if (answer === 503)
      return HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 503 });
    if (answer === 409) {
      return HttpResponse.json(
        { error: { code: 'reading_conflict', message: 'different body' } },
        { status: 409 },
      );
    }
    const body = (await request.json()) as { id: string };
    if (!stored.has(body.id)) order.push(body.id);
    stored.set(body.id, body);
    return HttpResponse.json(body, { status: 201 });
  });
  return { handler, stored, order, attempts: () => attempts };
}

const reading = (id = deviceMadeId()) => ({
  kind: 'reading',
  method: 'POST' as const,
  path: '/api/readings',
  body: {
    id,
    patientId: 'res-a',
    values: { measure: 'blood_pressure', systolic: 128, diastolic: 82, pulse: 70 },
  },
});

let dbCount = 0;
const freshName = () => `outbox-test-${Date.now()}-${dbCount++}`;
const fast = { baseDelayMs: 5, maxDelayMs: 40 };

describe('outbox', () => {
  it('makes version-4 UUIDs on the device', () => {
    const ids = new Set(Array.from({ length: 200 }, deviceMadeId));
    expect(ids.size).to.equal(200);
    for (const id of ids)
      expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('classifies answers: done, retry (5xx, 429, 408, 401) and refusals', () => {
    expect(outcomeOf(201, '', null).kind).to.equal('done');
    expect(outcomeOf(200, '', null).kind).to.equal('done');
    for (const status of [500, 502, 503, 429, 408, 401])
      expect(outcomeOf(status, 'x', null).kind).to.equal('retry');
    for (const status of [400, 403, 404, 409]) expect(outcomeOf(status, 'x', null).kind).to.equal('rejected');
    // The session's CSRF token is not known yet (a start from the kept session): it comes, retry.
    expect(outcomeOf(403, 'csrf_failed', null).kind).to.equal('retry');
    expect(outcomeOf(429, 'too_many_attempts', 3)).to.deep.equal({
      kind: 'retry',
      status: 429,
      code: 'too_many_attempts',
      retryAfterMs: 3000,
    });
  });

  it('stores exactly once through 5xx and offline retries, and counts down to zero', async () => {
    const api = fakeReadingsApi((n) => (n <= 2 ? 503 : n <= 4 ? 'offline' : 'store'));
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: freshName(), send: fetchSender(() => 'csrf'), ...fast });
    const counts: number[] = [];
    outbox.subscribe((c) => counts.push(c.waiting));
    const item = await outbox.enqueue(reading());
    expect(outbox.counts.waiting).to.equal(1);
    outbox.start();
    await waitUntil(() => outbox.counts.waiting === 0, 'sent', { timeout: 5000 });
    expect(api.attempts()).to.equal(5);
    expect([...api.stored.keys()]).to.deep.equal([item.id]);
    expect(counts[0]).to.equal(0);
    expect(counts).to.include(1);
    expect(counts[counts.length - 1]).to.equal(0);
    await outbox.close();
  });

  it('a lost answer retried stores nothing twice (the API de-duplicates by the device-made id)', async () => {
    let calls = 0;
    const stored = new Map<string, number>();
    await mockApi(
      http.post('/api/readings', async ({ request }) => {
        calls += 1;
        const body = (await request.json()) as { id: string };
        stored.set(body.id, (stored.get(body.id) ?? 0) + 1);
        // The first answer is lost on the way back (stored, but the TV hears nothing).
        if (calls === 1) return HttpResponse.error();
        return HttpResponse.json(body, { status: stored.get(body.id) === 1 ? 201 : 200 });
      }),
    );
    const outbox = await Outbox.open({ dbName: freshName(), send: fetchSender(() => null), ...fast });
    const item = await outbox.enqueue(reading());
    outbox.start();
    await waitUntil(() => outbox.counts.waiting === 0, 'sent', { timeout: 5000 });
    // Sent twice with the same id: the server keeps one reading for it.
    expect(calls).to.equal(2);
    expect([...stored.keys()]).to.deep.equal([item.id]);
    await outbox.close();
  });

  it('keeps writes across a reload (the database reopened) and sends them in order', async () => {
    const name = freshName();
    let online = false;
    const api = fakeReadingsApi(() => (online ? 'store' : 'offline'));
    await mockApi(api.handler);
    const before = await Outbox.open({ dbName: name, send: fetchSender(() => null), ...fast });
    const ids = [deviceMadeId(), deviceMadeId(), deviceMadeId()];
    for (const id of ids) await before.enqueue(reading(id));
    before.start();
    await waitUntil(() => api.attempts() > 0, 'tried while offline');
    await before.close();
    expect(api.stored.size).to.equal(0);

    online = true;
    const after = await Outbox.open({ dbName: name, send: fetchSender(() => null), ...fast });
    expect(after.counts.waiting).to.equal(3);
    after.start();
    await waitUntil(() => after.counts.waiting === 0, 'sent after the reload', { timeout: 5000 });
    expect(api.order).to.deep.equal(ids);
    await after.close();
  });

  it('a 409 conflict is set aside and surfaced, not retried for ever; the next write still goes', async () => {
    const api = fakeReadingsApi((n) => (n === 1 ? 409 : 'store'));
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: freshName(), send: fetchSender(() => null), ...fast });
    const conflicting = await outbox.enqueue(reading());
    const next = await outbox.enqueue(reading());
    outbox.start();
    await waitUntil(() => outbox.counts.waiting === 0, 'all handled', { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(api.attempts()).to.equal(2);
    expect(outbox.counts).to.deep.equal({ waiting: 0, rejected: 1, held: 0 });
    const rejected = await outbox.rejected();
    expect(rejected.map((r) => [r.id, r.lastError?.code])).to.deep.equal([
      [conflicting.id, 'reading_conflict'],
    ]);
    expect([...api.stored.keys()]).to.deep.equal([next.id]);
    await outbox.dismiss(conflicting.id);
    expect(outbox.counts.rejected).to.equal(0);
    await outbox.close();
  });

  it('backs off with jitter within the exponential bound and honours Retry-After', async () => {
    const delays: number[] = [];
    let now = 0;
    let calls = 0;
    const outbox = await Outbox.open({
      dbName: freshName(),
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      random: () => 0.5,
      now: () => now,
      send: async () => {
        calls += 1;
        return calls === 5
          ? { kind: 'retry', status: 429, code: 'too_many_attempts', retryAfterMs: 30_000 }
          : { kind: 'retry', status: 503, code: 'internal' };
      },
    });
    await outbox.enqueue(reading());
    for (let i = 0; i < 5; i++) {
      await outbox.flush();
      const [item] = await outbox.items();
      delays.push(item!.nextAttemptAt - now);
      now = item!.nextAttemptAt;
    }
    // Half of 1 s, 2 s, 4 s, 8 s (the cap), then the server's 30 s.
    expect(delays).to.deep.equal([500, 1000, 2000, 4000, 30000]);
    await outbox.close();
  });
});

describe('outbox and the network', () => {
  it('sends at once when the browser comes back online, whatever the backoff had said', async () => {
    let online = false;
    const sent: string[] = [];
    const outbox = await Outbox.open({
      dbName: freshName(),
      // A minute offline: the next try would be minutes away.
      baseDelayMs: 60_000,
      maxDelayMs: 5 * 60_000,
      random: () => 1,
      send: async (item) => {
        if (!online) return { kind: 'retry', status: 0, code: 'network' };
        sent.push(item.id);
        return { kind: 'done' };
      },
    });
    outbox.start();
    const { id } = await outbox.enqueue(reading());
    await waitUntil(async () => ((await outbox.items())[0]?.attempts ?? 0) >= 1, 'tried offline');
    const [waiting] = await outbox.items();
    expect(waiting!.nextAttemptAt - Date.now()).to.be.greaterThan(30_000);
    online = true;
    dispatchEvent(new Event('online'));
    await waitUntil(() => sent.length === 1, 'sent once the network is back');
    expect(sent).to.deep.equal([id]);
    expect(outbox.counts.waiting).to.equal(0);
    await outbox.close();
  });
});

describe('outbox storage', () => {
  it('upgrades a version-1 database with writes in it, losing nothing, and sends them in order', async () => {
    const name = freshName();
    const { openDB } = await import('idb');
    // Exactly what version 1 of outbox.ts created and kept.
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('writes', { keyPath: 'id' }).createIndex('seq', 'seq');
      },
    });
    const kept = [reading(), reading(), reading()].map((write, i) => ({
      ...write,
      id: write.body.id,
      seq: 100 + i,
      createdAt: 1,
      attempts: 2,
      nextAttemptAt: 0,
      state: 'waiting',
      lastError: { status: 503, code: 'internal' },
    }));
    // One kept by an even older build, before `lastError` existed.
    const { lastError: _omitted, ...withoutLastError } = kept[2] as (typeof kept)[number];
    await v1.put('writes', kept[0]);
    await v1.put('writes', kept[1]);
    await v1.put('writes', withoutLastError);
    v1.close();

    const api = fakeReadingsApi(() => 'store');
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: name, send: fetchSender(() => 'csrf'), ...fast });
    expect(outbox.counts).to.deep.equal({ waiting: 3, rejected: 0, held: 0 });
    const items = await outbox.items();
    expect(items.map((i) => i.id)).to.deep.equal(kept.map((k) => k.id));
    expect(items[2]?.lastError).to.equal(null);
    outbox.start();
    await waitUntil(() => outbox.counts.waiting === 0, 'the upgraded writes are sent', { timeout: 5000 });
    expect(api.order).to.deep.equal(kept.map((k) => k.id));
    await outbox.close();
    const reopened = await openDB(name);
    expect(reopened.version).to.equal(OUTBOX_DB_VERSION);
    expect([...reopened.transaction('writes').store.indexNames]).to.include('kind');
    reopened.close();
  });

  it('a damaged database (no store) is made whole and keeps working', async () => {
    const name = freshName();
    const { openDB } = await import('idb');
    const broken = await openDB(name, 1, { upgrade: () => undefined });
    broken.close();
    const api = fakeReadingsApi(() => 'store');
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: name, send: fetchSender(() => 'csrf'), ...fast });
    outbox.start();
    await outbox.enqueue(reading());
    await waitUntil(() => api.stored.size === 1, 'sent', { timeout: 5000 });
    await outbox.close();
  });

  it('storage full: the new write is held in memory, sent in its turn, and nothing kept before is evicted', async () => {
    const name = freshName();
    const api = fakeReadingsApi((n) => (n <= 1 ? 'offline' : 'store'));
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: name, send: fetchSender(() => 'csrf'), ...fast });
    const first = reading();
    await outbox.enqueue(first);
    // IndexedDB's own quota error, as the browser raises it when the origin's quota is used up.
    const db = (outbox as unknown as { db: { add: (...args: unknown[]) => Promise<unknown> } }).db;
    const realAdd = db.add.bind(db);
    db.add = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    const second = reading();
    await outbox.enqueue(second);
    expect(outbox.counts).to.deep.equal({ waiting: 2, rejected: 0, held: 1 });
    expect((await outbox.items()).map((i) => i.id)).to.deep.equal([first.body.id, second.body.id]);
    outbox.start();
    await waitUntil(() => outbox.counts.waiting === 0, 'both sent', { timeout: 5000 });
    expect(api.order).to.deep.equal([first.body.id, second.body.id]);
    expect(outbox.counts.held).to.equal(0);
    db.add = realAdd;
    await outbox.close();
  });

  it('storage full: a held write moves to disk once space frees, and survives a reload then', async () => {
    const name = freshName();
    const api = fakeReadingsApi(() => 'offline');
    await mockApi(api.handler);
    const outbox = await Outbox.open({ dbName: name, send: fetchSender(() => 'csrf'), ...fast });
    const db = (outbox as unknown as { db: { add: (...args: unknown[]) => Promise<unknown> } }).db;
    const realAdd = db.add.bind(db);
    db.add = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    const held = reading();
    await outbox.enqueue(held);
    expect(outbox.counts.held).to.equal(1);
    db.add = realAdd;
    outbox.start();
    await waitUntil(() => outbox.counts.held === 0, 'moved to disk', { timeout: 5000 });
    await outbox.close();
    const reopened = await Outbox.open({ dbName: name, send: fetchSender(() => 'csrf'), ...fast });
    expect((await reopened.items()).map((i) => i.id)).to.deep.equal([held.body.id]);
    await reopened.close();
  });

  it(`storage full past ${MAX_HELD} held writes: refused plainly, with words for the screen`, async () => {
    const outbox = await Outbox.open({
      dbName: freshName(),
      send: () => Promise.resolve({ kind: 'retry', status: 0, code: 'network' }),
      ...fast,
    });
    const db = (outbox as unknown as { db: { add: (...args: unknown[]) => Promise<unknown> } }).db;
    db.add = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
    for (let i = 0; i < MAX_HELD; i++) await outbox.enqueue(reading());
    const refused = await outbox.enqueue(reading()).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(OutboxFullError);
    expect(errorMessage(refused)).to.contain('存储空间满了');
    expect(outbox.counts.held).to.equal(MAX_HELD);
    await outbox.close();
  });

  it('asks for persistent storage, and a browser without it is no error', async () => {
    expect(typeof (await askPersistentStorage())).to.equal('boolean');
    const storage = Object.getOwnPropertyDescriptor(Navigator.prototype, 'storage');
    Object.defineProperty(navigator, 'storage', { configurable: true, value: undefined });
    try {
      expect(await askPersistentStorage()).to.equal(false);
    } finally {
      delete (navigator as unknown as Record<string, unknown>)['storage'];
      if (storage) expect(navigator.storage).to.not.equal(undefined);
    }
  });
});
