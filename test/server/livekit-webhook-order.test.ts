// LiveKit webhooks in any order (issue 18 §5): the call record goes by the times the events carry,
// so a participant_left before its participant_joined, or a room_finished before the last
// participant_left, still ends each time in the room where it really ended.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AccessToken } from 'livekit-server-sdk';
import { TEST_API_KEY, TEST_API_SECRET, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let room: string;
// Each test has its own consultation's room: the record is per consultation.
const CONSULTATION = 'c-demo-wang';

before(async () => {
  stack = await startStack();
  room = (
    await stack.api.db
      .selectFrom('consultations')
      .select('roomName')
      .where('id', '=', CONSULTATION)
      .executeTakeFirstOrThrow()
  ).roomName;
});
after(() => stack?.stop());

async function deliver(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({ id: `EV_${randomUUID()}`, ...event });
  const token = new AccessToken(TEST_API_KEY, TEST_API_SECRET, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const response = await fetch(`${stack.api.url}/api/livekit/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
  });
  assert.equal(response.status, 200, await response.text());
}

/** Whole seconds from a base, as LiveKit's createdAt. */
const base = Math.floor(Date.now() / 1000) - 3600;
const seconds = (offset: number) => String(base + offset);
const iso = (offset: number) => new Date((base + offset) * 1000).toISOString();

const joined = (identity: string, joinedAt: number, at = joinedAt) => ({
  event: 'participant_joined',
  room: { name: room },
  participant: { identity, joinedAt: seconds(joinedAt) },
  createdAt: seconds(at),
});
const left = (identity: string, joinedAt: number, at: number) => ({
  event: 'participant_left',
  room: { name: room },
  participant: { identity, joinedAt: seconds(joinedAt) },
  createdAt: seconds(at),
});
const finished = (at: number) => ({ event: 'room_finished', room: { name: room }, createdAt: seconds(at) });

async function record(): Promise<[string, string, string | null][]> {
  const rows = await stack.api.db
    .selectFrom('callParticipants')
    .selectAll()
    .where('consultationId', '=', CONSULTATION)
    .orderBy('userId')
    .orderBy('joinedAt')
    .execute();
  return rows.map((row) => [row.userId, row.joinedAt, row.leftAt]);
}

async function clear(): Promise<void> {
  await stack.api.db.deleteFrom('callParticipants').where('consultationId', '=', CONSULTATION).execute();
  await stack.api.db.deleteFrom('livekitEvents').where('roomName', '=', room).execute();
}

describe('LiveKit webhooks out of order', () => {
  test('participant_left before participant_joined: one time in the room, from the join to the leave', async () => {
    await clear();
    await deliver(left('res-wang-xiuying', 10, 70));
    await deliver(joined('res-wang-xiuying', 10));
    assert.deepEqual(await record(), [['res-wang-xiuying', iso(10), iso(70)]]);
  });

  test('room_finished before the last participant_left: the leave keeps its own, earlier time', async () => {
    await clear();
    await deliver(joined('doc-zhang-wei', 0));
    await deliver(joined('res-wang-xiuying', 5));
    await deliver(left('res-wang-xiuying', 5, 60));
    await deliver(finished(90));
    // The doctor's leave (at 80) arrives after the room's end (at 90).
    await deliver(left('doc-zhang-wei', 0, 80));
    assert.deepEqual(await record(), [
      ['doc-zhang-wei', iso(0), iso(80)],
      ['res-wang-xiuying', iso(5), iso(60)],
    ]);
  });

  test('room_finished whose participant_left never comes ends the open times at the finish', async () => {
    await clear();
    await deliver(joined('doc-zhang-wei', 0));
    await deliver(finished(45));
    assert.deepEqual(await record(), [['doc-zhang-wei', iso(0), iso(45)]]);
  });

  test('a participant_joined arriving after room_finished is recorded as ended at the finish', async () => {
    await clear();
    await deliver(finished(100));
    await deliver(joined('res-wang-xiuying', 20));
    assert.deepEqual(await record(), [['res-wang-xiuying', iso(20), iso(100)]]);
  });

  test('a rejoin whose events are all reversed keeps both times apart', async () => {
    await clear();
    // In the room 0..30, again 40..70; delivered last event first.
    for (const event of [
      left('res-wang-xiuying', 40, 70),
      joined('res-wang-xiuying', 40),
      left('res-wang-xiuying', 0, 30),
      joined('res-wang-xiuying', 0),
    ])
      await deliver(event);
    assert.deepEqual(await record(), [
      ['res-wang-xiuying', iso(0), iso(30)],
      ['res-wang-xiuying', iso(40), iso(70)],
    ]);
  });

  test('events without joinedAt (older servers): a leave before its join is completed by the join', async () => {
    await clear();
    const bare = (event: string, at: number) => ({
      event,
      room: { name: room },
      participant: { identity: 'res-wang-xiuying' },
      createdAt: seconds(at),
    });
    await deliver(bare('participant_left', 50));
    await deliver(bare('participant_joined', 12));
    assert.deepEqual(await record(), [['res-wang-xiuying', iso(12), iso(50)]]);
  });

  test('a hidden standby that leaves before it was ever shown is not in the record', async () => {
    await clear();
    await deliver({
      event: 'participant_left',
      room: { name: room },
      participant: { identity: 'res-wang-xiuying', joinedAt: seconds(3), permission: { hidden: true } },
      createdAt: seconds(9),
    });
    assert.deepEqual(await record(), []);
  });

  test('every order of one call’s five events gives the same record', async () => {
    const events = [
      joined('doc-zhang-wei', 0),
      joined('res-wang-xiuying', 4),
      left('res-wang-xiuying', 4, 50),
      left('doc-zhang-wei', 0, 55),
      finished(58),
    ];
    const expected = [
      ['doc-zhang-wei', iso(0), iso(55)],
      ['res-wang-xiuying', iso(4), iso(50)],
    ];
    for (const order of permutations([0, 1, 2, 3, 4])) {
      await clear();
      for (const index of order) await deliver(events[index]!);
      assert.deepEqual(await record(), expected, `order ${order.join(',')}`);
    }
  });
});

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}
