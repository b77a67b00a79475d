// Issue 18: a TV that comes back resumes from its last event id; one away longer than the replay
// window (its missed events pruned) is told to reload its state ('reset') instead of missing them.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { after, before, test } from 'node:test';
import { json } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

let stack: TestStack;
let tv: ApiSession;

before(async () => {
  stack = await startStack();
  tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
    kind: 'tv',
    residentId: 'res-wang-xiuying',
  });
});

after(async () => {
  await stack?.stop();
});

/** The raw stream's first block, as EventSource parses it (event name, id, data). */
async function firstBlock(session: ApiSession, lastEventId: number) {
  const controller = new AbortController();
  const response = await session.fetch('/api/events', {
    headers: { accept: 'text/event-stream', 'last-event-id': String(lastEventId) },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const timeout = setTimeout(() => controller.abort(), 5000);
  try {
    while (!buffer.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  const block = buffer.slice(0, buffer.indexOf('\n\n'));
  const field = (name: string) =>
    block
      .split('\n')
      .find((line) => line.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() ?? null;
  return { event: field('event'), id: field('id'), data: field('data') };
}

test('back within the window: the missed events are replayed; away longer: a reset with the newest id', async () => {
  const live = await openEvents(tv);
  await json(await tv.send('POST', '/api/queue', { doctor: 'family' }), 201);
  const seen = await live.next((e) => e.type === 'queue');
  live.close();
  await json(await tv.send('POST', '/api/queue', { doctor: 'family', urgency: 'urgent' }), 200);
  assert.equal((await tv.send('DELETE', '/api/queue/mine')).status, 204);

  const within = await firstBlock(tv, seen.id as number);
  assert.equal(within.event, null);
  assert.ok(Number(within.id) > (seen.id as number));

  // The replay window passes: the events the TV missed are pruned (as PushHub.prune does after 24 h).
  const db = new Database(stack.databaseFile);
  const mine = (
    db
      .prepare('SELECT id FROM push_events WHERE recipient_id = ? AND id > ? ORDER BY id')
      .all('res-wang-xiuying', seen.id) as { id: number }[]
  ).map((row) => row.id);
  assert.equal(mine.length, 2);
  db.prepare('DELETE FROM push_events WHERE id <= ?').run(mine[0]);
  db.close();
  const newest = mine[1] as number;

  const away = await firstBlock(tv, seen.id as number);
  assert.equal(away.event, 'reset');
  assert.equal(Number(away.id), newest);

  // Resuming from the reset's id replays nothing twice and needs no further reset.
  const resumed = await openEvents(tv, newest);
  await assert.rejects(
    resumed.next(() => true, 500),
    /no matching push event/,
  );
  resumed.close();
});
