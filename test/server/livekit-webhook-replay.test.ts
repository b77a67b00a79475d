// LiveKit webhooks are taken once per event id (issue 12 §3): a repeat within the signature's
// validity is acknowledged and ignored.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { AccessToken } from 'livekit-server-sdk';
import { SeenWebhooks, WEBHOOK_CLOCK_TOLERANCE_MS } from '../../src/server/livekit/webhook-replay.js';
import { TEST_API_KEY, TEST_API_SECRET, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.stop());

async function signed(body: string): Promise<string> {
  const token = new AccessToken(TEST_API_KEY, TEST_API_SECRET, { ttl: '5m' });
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return token.toJwt();
}

const deliver = (body: string, authorization: string) =>
  fetch(`${stack.api.url}/api/livekit/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/webhook+json', authorization },
  });

async function roomOf(consultationId: string): Promise<string> {
  const row = await stack.api.db
    .selectFrom('consultations')
    .select('roomName')
    .where('id', '=', consultationId)
    .executeTakeFirstOrThrow();
  return row.roomName;
}

const stored = (room: string) =>
  stack.api.db.selectFrom('livekitEvents').selectAll().where('roomName', '=', room).execute();

describe('LiveKit webhook replays', () => {
  test('the same signed event delivered twice is acknowledged twice and taken once', async () => {
    const body = JSON.stringify({
      event: 'room_started',
      room: { name: 'replayed-room' },
      id: 'EV_replay_once',
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const authorization = await signed(body);
    const first = await deliver(body, authorization);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { received: true });
    const second = await deliver(body, authorization);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), { received: true, duplicate: true });
    // Signed anew (LiveKit retrying a delivery), it is still the same event.
    assert.equal((await deliver(body, await signed(body))).status, 200);
    assert.equal((await stored('replayed-room')).length, 1);
  });

  test('300 deliveries of one participant event at once: all acknowledged, one stored, one call record', async () => {
    const room = await roomOf('c-demo-wang');
    const body = JSON.stringify({
      event: 'participant_joined',
      room: { name: room },
      participant: { identity: 'res-wang-xiuying' },
      id: 'EV_replay_storm',
      createdAt: String(Math.floor(Date.now() / 1000)),
    });
    const authorization = await signed(body);
    const responses = await Promise.all(Array.from({ length: 300 }, () => deliver(body, authorization)));
    assert.ok(responses.every((r) => r.status === 200));
    const duplicates = (await Promise.all(responses.map((r) => r.json()))).filter(
      (b: { duplicate?: boolean }) => b.duplicate,
    );
    assert.equal(duplicates.length, 299);
    assert.equal((await stored(room)).filter((e) => e.event === 'participant_joined').length, 1);
    const participants = await stack.api.db
      .selectFrom('callParticipants')
      .selectAll()
      .where('consultationId', '=', 'c-demo-wang')
      .execute();
    assert.equal(participants.length, 1);
  });

  test('another event with its own id is taken; a forged repeat is still refused', async () => {
    const body = (id: string) =>
      JSON.stringify({ event: 'room_finished', room: { name: 'replayed-room' }, id, createdAt: '1' });
    assert.equal((await deliver(body('EV_replay_other'), await signed(body('EV_replay_other')))).status, 200);
    assert.equal((await deliver(body('EV_replay_once'), 'forged')).status, 401);
    assert.equal((await stored('replayed-room')).length, 2);
  });

  test('ids are kept while the signature could verify, then forgotten', () => {
    let now = 1_000_000;
    const seen = new SeenWebhooks(() => now);
    const expiry = now + 5 * 60_000;
    assert.equal(seen.firstTime('EV_a', expiry), true);
    assert.equal(seen.firstTime('EV_a', expiry), false);
    assert.equal(seen.firstTime('EV_b', expiry + 1000), true);
    now = expiry + WEBHOOK_CLOCK_TOLERANCE_MS - 1;
    assert.equal(seen.firstTime('EV_a', expiry), false, 'still verifiable with the clock tolerance');
    now = expiry + WEBHOOK_CLOCK_TOLERANCE_MS + 2000;
    // Past its validity the signature refuses a replay by itself; the id is let go.
    assert.equal(seen.firstTime('EV_c', now + 60_000), true);
    assert.equal(seen.size, 1, 'expired ids are dropped');
  });
});
