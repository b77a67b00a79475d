// Fault injection (issue 18 §6): a TV waiting in the queue goes offline for 60 s (its push stream
// gone, no heartbeat). It keeps its place, and what changed meanwhile (someone ahead left) reaches
// it when it comes back, replayed from its last event id. Away longer than a place is kept, it is
// told plainly: the replay carries its place as 'expired', which the TV says in words
// (等了很久没有回应，排队已经取消…, consultations/waiting-room.ts). The waiting room's
// housekeeping runs on a clock the test sets, so no test waits 60 s.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PLACE_KEPT_WITHOUT_HEARTBEAT_MS, WaitingRoom } from '../../src/server/consultations/queue.js';
import type { PushEvent } from '../../src/shared/consultations/schemas.js';
import { json, later } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const LIU = 'res-liu-changshan';

let stack: TestStack;
let tvWang: ApiSession;
let tvLiu: ApiSession;
before(async () => {
  stack = await startStack();
  const zhang = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: WANG });
  tvLiu = await pairDevice(stack, zhang, { kind: 'tv', residentId: LIU });
});
after(() => stack?.stop());

interface Place {
  status: string;
  position: number;
}

/** The waiting room's housekeeping as the sweeper runs it, `ms` from now. */
const sweepAfter = (ms: number) => new WaitingRoom(stack.api.db, stack.api.push, later(ms)).expireStale();

const placeEvent = (event: PushEvent) => event.type === 'queue';

/** The TV's stream opened and closed again: the last event id it saw, as EventSource keeps it. */
async function goOffline(tv: ApiSession): Promise<number> {
  const events = await openEvents(tv);
  events.close();
  return stack.api.push.latestId(WANG);
}

test('offline 60 s while waiting: the place is kept, and the move up that happened meanwhile is replayed when it returns', async () => {
  await json(await tvLiu.send('POST', '/api/queue', { doctor: 'family' }), 201);
  const waiting = await json<Place>(await tvWang.send('POST', '/api/queue', { doctor: 'family' }), 201);
  assert.equal(waiting.position, 2);

  const lastSeen = await goOffline(tvWang);
  // While the TV is away, the resident ahead leaves.
  assert.equal((await tvLiu.send('DELETE', '/api/queue/mine')).status, 204);
  // 60 s without a heartbeat: the housekeeping keeps the place.
  assert.equal(await sweepAfter(60_000), 0);

  // Back: EventSource reconnects with its last id and the move up is replayed.
  const back = await openEvents(tvWang, lastSeen);
  try {
    const replayed = await back.next(placeEvent);
    assert.ok(replayed.id !== null && replayed.id > lastSeen);
    const place = (replayed.event as { place: Place }).place;
    assert.equal(place.status, 'waiting');
    assert.equal(place.position, 1);
  } finally {
    back.close();
  }
  assert.equal((await json<Place>(await tvWang.send('GET', '/api/queue/mine'), 200)).position, 1);
  assert.equal((await tvWang.send('POST', '/api/queue/mine/heartbeat')).status, 200);
});

test('offline longer than a place is kept: it returns to a plain expired place, and its heartbeat is refused', async () => {
  const lastSeen = await goOffline(tvWang);
  assert.ok((await sweepAfter(PLACE_KEPT_WITHOUT_HEARTBEAT_MS + 60_000)) >= 1);
  const back = await openEvents(tvWang, lastSeen);
  try {
    const replayed = await back.next(placeEvent);
    assert.equal((replayed.event as { place: Place }).place.status, 'expired');
  } finally {
    back.close();
  }
  assert.equal((await tvWang.send('GET', '/api/queue/mine')).status, 404);
  assert.equal((await tvWang.send('POST', '/api/queue/mine/heartbeat')).status, 404);
});
