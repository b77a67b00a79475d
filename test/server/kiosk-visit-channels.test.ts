// A self-service kiosk visit (issue 14 §9) may, for its resident only and with no nurse, ask for a
// doctor, join the call its own request led to, read that consultation, and reorder medicines; its
// end (explicit, the next identification, running out) cuts every channel it opened: the place is
// withdrawn, the kiosk leaves the call, the push stream closes. Real SQLite and the real LiveKit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { WaitingRoom } from '../../src/server/consultations/queue.js';
import { endWithSummary, json, tokenStatus } from '../support/consultations.js';
import { joinWithToken } from '../support/livekit-signal.js';
import { openEvents } from '../support/push-events.js';
import {
  ApiSession,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const SUN = 'res-sun-fugui';
const ZHAO = 'res-zhao-guilan';
const SUN_CARD = { idCardSuffix: '0031', birthDate: '1939-01-30' };

let stack: TestStack;
let admin: ApiSession;
let lifang: ApiSession;
let kiosk: ApiSession;
let otherKiosk: ApiSession;
let nurseKiosk: ApiSession;
let tvSun: ApiSession;
let rooms: RoomServiceClient;
let zhaoCard = { idCardSuffix: '', birthDate: '' };

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
  lifang = await signIn(stack, 'lifang');
  kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
  otherKiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
  nurseKiosk = await kioskWithStaff(stack, admin);
  tvSun = await pairDevice(stack, lifang, { kind: 'tv', residentId: SUN });
  rooms = new RoomServiceClient(stack.livekitHttpUrl, stack.apiKey, stack.apiSecret);
  const zhao = await stack.api.db
    .selectFrom('patients')
    .select(['idCardSuffix', 'birthDate'])
    .where('userId', '=', ZHAO)
    .executeTakeFirstOrThrow();
  zhaoCard = { idCardSuffix: zhao.idCardSuffix ?? '', birthDate: zhao.birthDate };
});
after(() => stack?.stop());

interface Place {
  id: string;
  status: string;
  consultationId: string | null;
}
interface Token {
  token: string;
  room: string;
  identity: string;
}

const identify = async (session: ApiSession, card: { idCardSuffix: string; birthDate: string }) =>
  json<{ id: string }>(await session.send('POST', '/api/kiosk/visits', card), 200);
const endVisit = async (session: ApiSession) => json(await session.send('DELETE', '/api/kiosk/visits'), 200);
const ask = (session: ApiSession, patientId: string, urgency = 'routine') =>
  session.send('POST', '/api/queue', { doctor: 'family', patientId, urgency, reason: '自助测量后' });
const entryStatus = async (id: string) =>
  (
    await stack.api.db
      .selectFrom('queueEntries')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

/** LiveKit's participant_joined for a token, signed as LiveKit signs it (a signalling-only join sends none). */
async function reportJoined(token: Token): Promise<void> {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: `visit-replay-${Date.now()}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: token.room },
    participant: { identity: token.identity, permission: { hidden: false } },
  });
  const signature = new AccessToken(stack.apiKey, stack.apiSecret);
  signature.sha256 = createHash('sha256').update(body).digest('base64');
  const webhook = await fetch(`${stack.api.url}/api/livekit/webhook`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/webhook+json', authorization: await signature.toJwt() },
  });
  assert.equal(webhook.status, 200);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a self-service visit asks for a doctor', () => {
  test('nothing without a visit; only the visited resident; one open request under 300 concurrent asks', async () => {
    assert.equal((await ask(kiosk, SUN)).status, 403);
    assert.equal((await kiosk.send('GET', '/api/queue/mine')).status, 403);
    const visit = await identify(kiosk, SUN_CARD);
    // Another resident of the same care home: not this visit's.
    assert.equal((await ask(kiosk, ZHAO)).status, 404);
    const answers = await Promise.all(Array.from({ length: 300 }, () => ask(kiosk, SUN)));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 200).length, 299);
    const stored = await stack.api.db
      .selectFrom('queueEntries')
      .select(['id', 'visitId', 'kioskId', 'staffId'])
      .where('patientId', '=', SUN)
      .where('status', '=', 'waiting')
      .execute();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.visitId, visit.id);
    assert.equal(stored[0]?.staffId, null);
    // Another kiosk (visit or nurse) neither sees nor takes the place.
    assert.equal((await otherKiosk.send('GET', '/api/queue/mine')).status, 403);
    assert.equal((await nurseKiosk.send('GET', '/api/queue/mine')).status, 404);
    // A long wait outlasts the visit's lifetime: each heartbeat of its place moves the end on.
    await stack.api.db
      .updateTable('kioskVisits')
      .set({ expiresAt: new Date(Date.now() + 1000).toISOString() })
      .where('id', '=', visit.id)
      .execute();
    await json(await kiosk.send('POST', '/api/queue/mine/heartbeat'), 200);
    const kept = await stack.api.db
      .selectFrom('kioskVisits')
      .select('expiresAt')
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    assert.ok(Date.parse(kept.expiresAt) > Date.now() + 60_000, kept.expiresAt);
    await endVisit(kiosk);
    assert.equal(await entryStatus(stored[0]?.id ?? ''), 'left');
    assert.equal((await kiosk.send('GET', '/api/queue/mine')).status, 403);
  });
});

describe('the end of a visit cuts what it opened', () => {
  for (const way of [
    'explicit end (Back-to-start, idle)',
    'the next identification',
    'running out',
  ] as const) {
    test(`${way}: the place is withdrawn and the push stream closes`, async () => {
      const visit = await identify(kiosk, SUN_CARD);
      const events = await openEvents(kiosk);
      try {
        const place = await json<Place>(await ask(kiosk, SUN), 201);
        await events.next((e) => e.type === 'queue');
        if (way === 'the next identification') await identify(kiosk, zhaoCard);
        else if (way === 'running out') {
          await stack.api.db
            .updateTable('kioskVisits')
            .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
            .where('id', '=', visit.id)
            .execute();
          // The sweeper's backstop (server.ts): streams re-checked, places of visits that are over given up.
          await stack.api.streams.recheck();
        } else await endVisit(kiosk);
        await events.ended(2000);
        if (way === 'running out') {
          await new WaitingRoom(stack.api.db, stack.api.push).expireStale();
          assert.equal(await entryStatus(place.id), 'expired');
        } else assert.equal(await entryStatus(place.id), 'left');
        assert.equal(
          (await kiosk.send('GET', '/api/queue/mine')).status,
          way === 'the next identification' ? 404 : 403,
        );
      } finally {
        events.close();
        await kiosk.send('DELETE', '/api/kiosk/visits');
      }
    });
  }

  test('during a call: the kiosk leaves the room, gets no new token, cannot read it; the summary goes to the resident’s TV', async () => {
    await identify(kiosk, SUN_CARD);
    const place = await json<Place>(await ask(kiosk, SUN, 'urgent'), 201);
    const consultation = await json<{ id: string }>(
      await lifang.send('POST', `/api/queue/${place.id}/admit`),
      200,
    );
    const admitted = await json<Place>(await kiosk.send('GET', '/api/queue/mine'), 200);
    assert.equal(admitted.consultationId, consultation.id);
    // The visit reads its consultation and joins its call; nobody else on the resident's side does.
    await json(await kiosk.send('GET', `/api/consultations/${consultation.id}`), 200);
    assert.equal(await tokenStatus(otherKiosk, consultation.id), 403);
    // Another kiosk in its own visit (another resident) is told nothing of it.
    await identify(otherKiosk, zhaoCard);
    assert.equal(await tokenStatus(otherKiosk, consultation.id), 404);
    await endVisit(otherKiosk);
    assert.equal(await tokenStatus(nurseKiosk, consultation.id), 404);
    assert.equal(await tokenStatus(tvSun, consultation.id), 404);
    assert.equal((await otherKiosk.send('GET', `/api/consultations/${consultation.id}`)).status, 403);
    const kioskToken = await json<Token>(
      await kiosk.send('POST', '/api/calls/token', { consultationId: consultation.id }),
      200,
    );
    const doctorToken = await json<Token>(
      await lifang.send('POST', '/api/calls/token', { consultationId: consultation.id }),
      200,
    );
    const kioskJoin = await joinWithToken(stack.livekitHttpUrl, kioskToken.token);
    assert.equal(kioskJoin.status, 101);
    const doctorJoin = await joinWithToken(stack.livekitHttpUrl, doctorToken.token);
    await waitFor(async () => (await rooms.listParticipants(kioskToken.room)).length === 2);
    const tvEvents = await openEvents(tvSun);
    try {
      await endVisit(kiosk);
      await kioskJoin.closed;
      const left = await rooms.listParticipants(kioskToken.room);
      assert.deepEqual(
        left.map((p) => p.identity),
        [doctorToken.identity],
      );
      // Its token still lives for minutes: joining with it again is refused as soon as LiveKit says so.
      const replay = await joinWithToken(stack.livekitHttpUrl, kioskToken.token);
      await waitFor(async () => (await rooms.listParticipants(kioskToken.room)).length === 2);
      await reportJoined(kioskToken);
      await replay.closed;
      assert.deepEqual(
        (await rooms.listParticipants(kioskToken.room)).map((p) => p.identity),
        [doctorToken.identity],
      );
      assert.equal(await tokenStatus(kiosk, consultation.id), 403);
      assert.equal((await kiosk.send('GET', `/api/consultations/${consultation.id}`)).status, 403);
      // The next resident's visit at this kiosk reaches none of it either.
      await identify(kiosk, zhaoCard);
      assert.equal(await tokenStatus(kiosk, consultation.id), 404);
      assert.equal((await kiosk.send('GET', `/api/consultations/${consultation.id}`)).status, 404);
      const kioskEvents = await openEvents(kiosk);
      await endWithSummary(lifang, consultation.id, { diagnosis: '血压偏高', advice: '按时服药' });
      await tvEvents.next((e) => e.type === 'ended');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(
        kioskEvents.received.filter((r) => r.event.type === 'ended'),
        [],
      );
      kioskEvents.close();
      // The resident's TV reads the summary in their record.
      await json(await tvSun.send('GET', `/api/consultations/${consultation.id}`), 200);
    } finally {
      tvEvents.close();
      doctorJoin.close();
      kioskJoin.close();
      await kiosk.send('DELETE', '/api/kiosk/visits');
    }
  });

  test('a visit that stays until the summary reads it', async () => {
    await identify(kiosk, SUN_CARD);
    const place = await json<Place>(await ask(kiosk, SUN), 201);
    const consultation = await json<{ id: string }>(
      await lifang.send('POST', `/api/queue/${place.id}/admit`),
      200,
    );
    const events = await openEvents(kiosk);
    try {
      await endWithSummary(lifang, consultation.id, { diagnosis: '血压正常', advice: '继续监测' });
      await events.next((e) => e.type === 'ended');
      const detail = await json<{ summary: { diagnosis: string } | null }>(
        await kiosk.send('GET', `/api/consultations/${consultation.id}`),
        200,
      );
      assert.equal(detail.summary?.diagnosis, '血压正常');
    } finally {
      events.close();
      await endVisit(kiosk);
    }
  });
});

describe('a self-service visit reorders the resident’s medicines', () => {
  test('lists and reorders for the visited resident only; one order per key under 300 concurrent presses; nothing after the visit', async () => {
    assert.equal((await kiosk.send('GET', '/api/pharmacy/medicines/mine')).status, 403);
    await identify(kiosk, zhaoCard);
    const list = await json<{ medicines: { prescription: { id: string }; reorderOffered: boolean }[] }>(
      await kiosk.send('GET', '/api/pharmacy/medicines/mine'),
      200,
    );
    assert.deepEqual(list.medicines.map((m) => m.prescription.id).sort(), [
      'rx-demo-zhao-glargine',
      'rx-demo-zhao-metformin',
    ]);
    // Another resident's prescription is not found for this visit.
    const refused = await kiosk.fetch('/api/pharmacy/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'visit-order-wang-0001' },
      body: JSON.stringify({ prescriptionIds: ['rx-demo-wang-amlodipine'] }),
    });
    assert.equal(refused.status, 404);
    const press = () =>
      kiosk.fetch('/api/pharmacy/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'visit-order-zhao-0001' },
        body: JSON.stringify({ prescriptionIds: ['rx-demo-zhao-metformin'] }),
      });
    const statuses = (await Promise.all(Array.from({ length: 300 }, press))).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 200).length, 299);
    const orders = await stack.api.db
      .selectFrom('orders')
      .select(['id', 'patientId'])
      .where('idempotencyKey', '=', 'visit-order-zhao-0001')
      .execute();
    assert.deepEqual(
      orders.map((o) => o.patientId),
      [ZHAO],
    );
    const mine = await json<{ orders: { id: string }[] }>(
      await kiosk.send('GET', '/api/pharmacy/orders'),
      200,
    );
    assert.ok(mine.orders.some((o) => o.id === orders[0]?.id));
    await endVisit(kiosk);
    assert.equal((await kiosk.send('GET', '/api/pharmacy/medicines/mine')).status, 403);
    assert.equal((await kiosk.send('GET', '/api/pharmacy/orders')).status, 403);
    assert.equal((await press()).status, 403);
    // A nurse at a care-home kiosk does not reorder for a resident.
    assert.equal((await nurseKiosk.send('GET', '/api/pharmacy/medicines/mine')).status, 403);
  });
});
