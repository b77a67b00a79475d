// The consultation flow against real SQLite and the real LiveKit server: the waiting room,
// admission, ringing a TV, specialists, the end with a summary, and the push channel's replay.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import { CallDesk, RING_TIMEOUT_MS } from '../../src/server/consultations/call-desk.js';
import { PLACE_KEPT_WITHOUT_HEARTBEAT_MS, WaitingRoom } from '../../src/server/consultations/queue.js';
import { PushHub } from '../../src/server/push/push-hub.js';
import {
  endWithSummary,
  expireStaleAfter,
  json,
  later,
  residentCallClaims,
  tokenStatus,
} from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import {
  ApiSession,
  deviceIdOf,
  pairDevice,
  signIn,
  startStack,
  TEST_API_KEY,
  TEST_API_SECRET,
  type TestStack,
} from '../support/stack.js';

let stack: TestStack;
let zhang: ApiSession;
let zhao: ApiSession;
let specialist: ApiSession;
let tvWang: ApiSession;
let tvLiu: ApiSession;
let tvQian: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  zhao = await signIn(stack, 'zhaomin');
  specialist = await signIn(stack, 'chenjianguo');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  tvLiu = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
  tvQian = await pairDevice(stack, zhao, { kind: 'tv', residentId: 'res-qian-yumei' });
});

after(() => stack?.stop());

interface Place {
  id: string;
  status: string;
  urgency: string;
  position: number;
  estimatedWaitMinutes: number;
  consultationId: string | null;
}
interface Detail {
  id: string;
  status: string;
  kind: string;
  summary: { diagnosis: string; advice: string } | null;
  specialists: { id: string }[];
}

describe('the waiting room', () => {
  test('places, positions and estimates; the same place on asking again; areas apart', async () => {
    const wang = await json<Place>(
      await tvWang.send('POST', '/api/queue', { doctor: 'family', reason: '头晕' }),
      201,
    );
    assert.equal(wang.position, 1);
    assert.equal(wang.estimatedWaitMinutes, 0);
    const liu = await json<Place>(await tvLiu.send('POST', '/api/queue', { doctor: 'on-duty' }), 201);
    assert.deepEqual([liu.position, liu.estimatedWaitMinutes], [2, 8]);
    const again = await json<Place>(await tvWang.send('POST', '/api/queue', { doctor: 'family' }), 200);
    assert.equal(again.id, wang.id);
    // Another township's queue is its own.
    const qian = await json<Place>(await tvQian.send('POST', '/api/queue', { doctor: 'family' }), 201);
    assert.equal(qian.position, 1);

    const zhangQueue = await json<{ entries: { patient: { id: string; age: number; village: string } }[] }>(
      await zhang.send('GET', '/api/queue'),
      200,
    );
    assert.deepEqual(
      zhangQueue.entries.map((e) => e.patient.id),
      ['res-wang-xiuying', 'res-liu-changshan'],
    );
    assert.equal(zhangQueue.entries[0]?.patient.village, '柳树村');
    assert.ok((zhangQueue.entries[0]?.patient.age ?? 0) >= 80);
    const zhaoQueue = await json<{ entries: { patient: { id: string } }[] }>(
      await zhao.send('GET', '/api/queue'),
      200,
    );
    assert.deepEqual(
      zhaoQueue.entries.map((e) => e.patient.id),
      ['res-qian-yumei'],
    );
  });

  test('the red key: an urgent request jumps the queue, tells the others their new place, alerts the doctors', async () => {
    const wangEvents = await openEvents(tvWang);
    const zhangEvents = await openEvents(zhang);
    try {
      const liu = await json<Place>(
        await tvLiu.send('POST', '/api/queue', { doctor: 'family', urgency: 'urgent' }),
        200,
      );
      assert.deepEqual([liu.urgency, liu.position], ['urgent', 1]);
      const moved = await wangEvents.next((e) => e.type === 'queue');
      assert.equal(moved.event.type === 'queue' && moved.event.place?.position, 2);
      const alert = await zhangEvents.next((e) => e.type === 'queue-changed');
      assert.deepEqual(alert.event, { type: 'queue-changed', urgent: true });
      const queue = await json<{ entries: { urgency: string; patient: { id: string } }[] }>(
        await zhang.send('GET', '/api/queue'),
        200,
      );
      assert.equal(queue.entries[0]?.patient.id, 'res-liu-changshan');
      assert.equal(queue.entries[0]?.urgency, 'urgent');
    } finally {
      wangEvents.close();
      zhangEvents.close();
    }
  });

  test('admission opens the call to the patient only; nobody else can take the same patient', async () => {
    const queue = await json<{ entries: { id: string; patient: { id: string } }[] }>(
      await zhang.send('GET', '/api/queue'),
      200,
    );
    const liuEntry = queue.entries.find((e) => e.patient.id === 'res-liu-changshan');
    assert.ok(liuEntry);
    // A doctor of another area cannot see the entry at all.
    assert.equal((await zhao.send('POST', `/api/queue/${liuEntry.id}/admit`)).status, 404);
    const liuEvents = await openEvents(tvLiu);
    try {
      const consultation = await json<Detail>(
        await zhang.send('POST', `/api/queue/${liuEntry.id}/admit`),
        200,
      );
      assert.deepEqual([consultation.status, consultation.kind], ['active', 'urgent']);
      const admitted = await liuEvents.next((e) => e.type === 'queue' && e.place?.status === 'admitted');
      assert.equal(admitted.event.type === 'queue' && admitted.event.place?.consultationId, consultation.id);
      const place = await json<Place>(await tvLiu.send('GET', '/api/queue/mine'), 200);
      assert.equal(place.consultationId, consultation.id);
      assert.equal(await tokenStatus(tvLiu, consultation.id), 200);
      assert.equal(await tokenStatus(tvWang, consultation.id), 404);
      assert.equal(await tokenStatus(zhao, consultation.id), 404);
      assert.equal((await zhang.send('POST', `/api/queue/${liuEntry.id}/admit`)).status, 409);
      assert.equal((await json<Place>(await tvWang.send('GET', '/api/queue/mine'), 200)).position, 1);
      await json(
        await zhang.send('POST', `/api/consultations/${consultation.id}/end`, { diagnosis: '血压偏高' }),
        200,
      );
    } finally {
      liuEvents.close();
    }
  });

  test('leaving, and places that expire without a heartbeat', async () => {
    assert.equal((await tvWang.send('DELETE', '/api/queue/mine')).status, 204);
    assert.equal((await tvWang.send('GET', '/api/queue/mine')).status, 404);
    assert.equal((await tvWang.send('DELETE', '/api/queue/mine')).status, 404);
    assert.equal((await tvWang.send('POST', '/api/queue/mine/heartbeat')).status, 404);

    await json(await tvWang.send('POST', '/api/queue', { doctor: 'family' }), 201);
    await json(await tvWang.send('POST', '/api/queue/mine/heartbeat'), 200);
    // Just within the time a place is kept: nothing expires.
    assert.equal(await expireStaleAfter(stack, PLACE_KEPT_WITHOUT_HEARTBEAT_MS - 60_000), 0);
    const expired = await expireStaleAfter(stack, PLACE_KEPT_WITHOUT_HEARTBEAT_MS + 60_000);
    assert.ok(expired >= 1);
    assert.equal((await tvWang.send('GET', '/api/queue/mine')).status, 404);
    assert.equal((await tvQian.send('GET', '/api/queue/mine')).status, 404);
  });

  test('bad requests change nothing', async () => {
    for (const body of [
      {},
      { doctor: 'anyone' },
      { doctor: 'family', urgency: 'now' },
      { doctor: 'family', x: 1 },
    ]) {
      assert.equal((await tvWang.send('POST', '/api/queue', body)).status, 400, JSON.stringify(body));
    }
    assert.equal((await tvWang.send('GET', '/api/queue/mine')).status, 404);
    // Only residents queue; only doctors see queues.
    assert.equal((await zhang.send('POST', '/api/queue', { doctor: 'family' })).status, 403);
    assert.equal((await tvWang.send('GET', '/api/queue')).status, 403);
  });
});

describe('ringing a TV (follow-up)', () => {
  test('the TV rings; no token until answered; the doctor hears of the answer', async () => {
    const wangEvents = await openEvents(tvWang);
    const zhangEvents = await openEvents(zhang);
    try {
      const ringing = await json<Detail>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '血压随访' }),
        201,
      );
      assert.deepEqual([ringing.status, ringing.kind], ['ringing', 'follow-up']);
      const ring = await wangEvents.next((e) => e.type === 'ring');
      assert.ok(ring.event.type === 'ring');
      assert.equal(ring.event.caller.displayName, '张伟');
      assert.equal(ring.event.autoAnswerSeconds, null);
      assert.equal(await tokenStatus(tvWang, ringing.id), 404, 'no token while it only rings');
      assert.equal(await tokenStatus(zhang, ringing.id), 200);
      assert.equal(
        (await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: 'x' }))
          .status,
        409,
      );
      assert.equal((await tvLiu.send('POST', `/api/consultations/${ringing.id}/answer`)).status, 404);
      const answer = await json<{ consultation: Detail; call: { token: string; identity: string } }>(
        await tvWang.send('POST', `/api/consultations/${ringing.id}/answer`),
        200,
      );
      assert.equal(answer.consultation.status, 'active');
      // The answer carries her token for this room only, with a resident's grants (no screen share, no data).
      assert.equal(answer.call.identity, `res-wang-xiuying#${await deviceIdOf(tvWang)}`);
      const claims = await residentCallClaims(answer.call.token, ringing.id);
      assert.equal(claims.sub, answer.call.identity);
      assert.equal((await tvWang.send('POST', `/api/consultations/${ringing.id}/answer`)).status, 409);
      const answered = await zhangEvents.next((e) => e.type === 'ring-answered');
      assert.deepEqual(answered.event, { type: 'ring-answered', consultationId: ringing.id, answered: true });
      // Any other screen of hers stops ringing.
      await wangEvents.next(
        (e) => e.type === 'ring-cancelled' && e.consultationId === ringing.id && e.answeredElsewhere,
      );
      assert.equal(await tokenStatus(tvWang, ringing.id), 200);
      await json(
        await zhang.send('POST', `/api/consultations/${ringing.id}/end`, { diagnosis: '血压平稳' }),
        200,
      );
    } finally {
      wangEvents.close();
      zhangEvents.close();
    }
  });

  test('a trusted device is told to answer by itself; a declined ring ends; an unanswered one is missed', async () => {
    const devices = await json<{ devices: { id: string; residentId: string }[] }>(
      await zhang.send('GET', '/api/devices'),
      200,
    );
    const wangTv = devices.devices.find((d) => d.residentId === 'res-wang-xiuying');
    assert.ok(wangTv);
    assert.equal(
      (await zhao.send('PUT', `/api/devices/${wangTv.id}/auto-answer`, { autoAnswer: true })).status,
      404,
    );
    const device = await json<{ autoAnswer: boolean }>(
      await zhang.send('PUT', `/api/devices/${wangTv.id}/auto-answer`, { autoAnswer: true }),
      200,
    );
    assert.equal(device.autoAnswer, true);
    const wangEvents = await openEvents(tvWang);
    const zhangEvents = await openEvents(zhang);
    try {
      const first = await json<Detail>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
        201,
      );
      const ring = await wangEvents.next((e) => e.type === 'ring');
      assert.equal(ring.event.type === 'ring' && ring.event.autoAnswerSeconds, 10);
      assert.equal((await tvWang.send('POST', `/api/consultations/${first.id}/decline`)).status, 204);
      const declined = await zhangEvents.next((e) => e.type === 'ring-answered');
      assert.equal(declined.event.type === 'ring-answered' && declined.event.answered, false);
      assert.equal(
        (await json<Detail>(await tvWang.send('GET', `/api/consultations/${first.id}`), 200)).status,
        'declined',
      );

      const cancelled = await json<Detail>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
        201,
      );
      await wangEvents.next((e) => e.type === 'ring' && e.consultationId === cancelled.id);
      assert.equal((await zhao.send('POST', `/api/consultations/${cancelled.id}/cancel`)).status, 404);
      const stopped = await json<Detail>(
        await zhang.send('POST', `/api/consultations/${cancelled.id}/cancel`),
        200,
      );
      assert.equal(stopped.status, 'missed');
      await wangEvents.next((e) => e.type === 'ring-cancelled' && e.consultationId === cancelled.id);
      assert.equal((await zhang.send('POST', `/api/consultations/${cancelled.id}/cancel`)).status, 409);

      const second = await json<Detail>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
        201,
      );
      const desk = new CallDesk(
        stack.api.db,
        new PushHub(stack.api.db),
        new WaitingRoom(stack.api.db, new PushHub(stack.api.db)),
        stack.api.livekit,
        stack.api.logger,
        later(RING_TIMEOUT_MS + 1000),
      );
      assert.equal(await desk.expireRings(), 1);
      assert.equal(
        (await json<Detail>(await zhang.send('GET', `/api/consultations/${second.id}`), 200)).status,
        'missed',
      );
      assert.equal(await tokenStatus(tvWang, second.id), 404);
    } finally {
      wangEvents.close();
      zhangEvents.close();
      await zhang.send('PUT', `/api/devices/${wangTv.id}/auto-answer`, { autoAnswer: false });
    }
  });
});

describe('a TV standing by while it rings', () => {
  const standby = (session: ApiSession, id: string) =>
    session.send('POST', `/api/consultations/${id}/standby`);
  const answer = (id: string, body?: unknown) => tvWang.send('POST', `/api/consultations/${id}/answer`, body);
  const ringWang = async () =>
    json<Detail>(
      await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
      201,
    );
  /** The consultation as stored: what a refused request must leave as it was. */
  const stored = (id: string) =>
    stack.api.db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const callParticipants = (id: string) =>
    stack.api.db.selectFrom('callParticipants').selectAll().where('consultationId', '=', id).execute();

  test('only the TV being rung may stand by, and only while it rings; a refusal changes nothing', async () => {
    const ringing = await ringWang();
    const asRung = await stored(ringing.id);
    assert.equal((await standby(tvLiu, ringing.id)).status, 404, "another resident's TV");
    assert.equal((await standby(zhang, ringing.id)).status, 403, 'the doctor calling');
    assert.equal((await standby(tvWang, 'c-no-such-consultation')).status, 404);
    assert.deepEqual(await stored(ringing.id), asRung);
    await json(await standby(tvWang, ringing.id), 200);
    // Standing by is not answering: it still rings, and nobody is in the call yet. Which screen
    // stands by is kept: a standby is issued once per ring (test/server/call-rooms.test.ts).
    assert.deepEqual(await stored(ringing.id), { ...asRung, standbyDeviceId: await deviceIdOf(tvWang) });
    assert.deepEqual(await callParticipants(ringing.id), []);

    await json(await answer(ringing.id), 200);
    const answered = await stored(ringing.id);
    assert.equal(answered.status, 'active');
    assert.equal((await standby(tvWang, ringing.id)).status, 409, 'answered: it no longer rings');
    assert.deepEqual(await stored(ringing.id), answered);
    await endWithSummary(zhang, ringing.id, { diagnosis: '血压平稳', advice: '' });
  });

  test('a ring declined or cancelled ends even though the standby never connected', async () => {
    // The TV took a standby token but is not in the room: removing it there fails, quietly.
    const declined = await ringWang();
    await json(await standby(tvWang, declined.id), 200);
    assert.equal((await tvWang.send('POST', `/api/consultations/${declined.id}/decline`)).status, 204);
    const afterDecline = await stored(declined.id);
    assert.equal(afterDecline.status, 'declined');
    assert.equal((await standby(tvWang, declined.id)).status, 409);
    assert.deepEqual(await stored(declined.id), afterDecline);

    // Here the room exists (the doctor's console is in it) but the TV is not: LiveKit says so, quietly too.
    const cancelled = await ringWang();
    await json(await standby(tvWang, cancelled.id), 200);
    const room = (await stored(cancelled.id)).roomName;
    await stack.api.livekit.rooms.createRoom({ name: room });
    const stopped = await json<Detail>(
      await zhang.send('POST', `/api/consultations/${cancelled.id}/cancel`),
      200,
    );
    assert.equal(stopped.status, 'missed');
    // The call never started: its room is closed with the ring.
    assert.deepEqual(await stack.api.livekit.rooms.listRooms([room]), []);
    const afterCancel = await stored(cancelled.id);
    assert.equal(afterCancel.status, 'missed');
    assert.equal((await standby(tvWang, cancelled.id)).status, 409);
    assert.deepEqual(await stored(cancelled.id), afterCancel);
  });

  test('an answer that says it stood by, when it did not: not admitted, the usual call token', async () => {
    const ringing = await ringWang();
    const asRung = await stored(ringing.id);
    for (const body of [{ standingBy: true, extra: 1 }, { standingBy: 'yes' }]) {
      assert.equal((await answer(ringing.id, body)).status, 400, JSON.stringify(body));
    }
    assert.deepEqual(await stored(ringing.id), asRung);

    // The doctor is in the room already; the TV is not.
    await stack.api.livekit.rooms.createRoom({ name: asRung.roomName });
    const answered = await json<{
      consultation: Detail;
      call: { token: string; identity: string };
      standbyAdmitted: boolean;
    }>(await answer(ringing.id, { standingBy: true }), 200);
    assert.equal(answered.standbyAdmitted, false);
    assert.equal(answered.consultation.status, 'active');
    assert.equal((await stored(ringing.id)).status, 'active');
    // It connects anew with this: a resident's call grants, visible and sending.
    assert.equal(answered.call.identity, `res-wang-xiuying#${await deviceIdOf(tvWang)}`);
    const claims = await residentCallClaims(answered.call.token, ringing.id);
    assert.equal(claims.sub, answered.call.identity);
    assert.equal(claims.video?.canPublish, true);
    assert.equal(claims.video?.hidden, undefined);
    // Nobody was admitted, so nobody is recorded as in the call (its connection will be, by webhook).
    assert.deepEqual(await callParticipants(ringing.id), []);
    await endWithSummary(zhang, ringing.id, { diagnosis: '血压平稳', advice: '' });

    // Without a body: a TV that did not stand by, never admitted.
    const plain = await ringWang();
    const plainAnswer = await json<{ standbyAdmitted: boolean }>(await answer(plain.id), 200);
    assert.equal(plainAnswer.standbyAdmitted, false);
    assert.equal((await stored(plain.id)).status, 'active');
    await endWithSummary(zhang, plain.id, { diagnosis: '血压平稳', advice: '' });
  });
});

describe('three-way: a specialist joins', () => {
  test('invited, accepted, then a token for that room only, with a clinician’s grants', async () => {
    const specialistEvents = await openEvents(specialist);
    const zhangEvents = await openEvents(zhang);
    try {
      const listed = await json<{ specialists: { id: string; department: string; online: boolean }[] }>(
        await zhang.send('GET', '/api/specialists'),
        200,
      );
      const chen = listed.specialists.find((s) => s.id === 'sp-chen-jianguo');
      assert.ok(chen, JSON.stringify(listed));
      assert.equal(chen.online, true, 'online while their console is connected');
      assert.ok(listed.specialists.some((s) => !s.online));
      assert.equal((await tvWang.send('GET', '/api/specialists')).status, 403);

      const consultation = await json<Detail>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '胸闷' }),
        201,
      );
      await json(await tvWang.send('POST', `/api/consultations/${consultation.id}/answer`), 200);
      assert.equal(
        (
          await zhang.send('POST', `/api/consultations/${consultation.id}/invitations`, {
            specialistId: 'dr-zhang-wei',
          })
        ).status,
        404,
      );
      assert.equal(
        (
          await zhao.send('POST', `/api/consultations/${consultation.id}/invitations`, {
            specialistId: chen.id,
          })
        ).status,
        404,
      );
      const invitation = await json<{ id: string; status: string }>(
        await zhang.send('POST', `/api/consultations/${consultation.id}/invitations`, {
          specialistId: chen.id,
        }),
        201,
      );
      const pushed = await specialistEvents.next((e) => e.type === 'invitation');
      assert.equal(
        pushed.event.type === 'invitation' && pushed.event.invitation.patient.displayName,
        '王秀英',
      );
      assert.equal(await tokenStatus(specialist, consultation.id), 404, 'no token before accepting');
      await json(await specialist.send('GET', `/api/consultations/${consultation.id}`), 200);
      const mine = await json<{ invitations: { id: string }[] }>(
        await specialist.send('GET', '/api/invitations/mine'),
        200,
      );
      assert.deepEqual(
        mine.invitations.map((i) => i.id),
        [invitation.id],
      );
      await json(await specialist.send('POST', `/api/invitations/${invitation.id}/accept`), 200);
      assert.equal((await specialist.send('POST', `/api/invitations/${invitation.id}/accept`)).status, 409);
      const answered = await zhangEvents.next((e) => e.type === 'invitation-answered');
      assert.equal(
        answered.event.type === 'invitation-answered' && answered.event.invitation.status,
        'accepted',
      );

      const token = await json<{ token: string; room: string }>(
        await specialist.send('POST', '/api/calls/token', { consultationId: consultation.id }),
        200,
      );
      const claims = await new TokenVerifier(TEST_API_KEY, TEST_API_SECRET).verify(token.token);
      assert.equal(claims.video?.room, `consultation-${consultation.id}`);
      assert.ok((claims.video?.canPublishSources as string[] | undefined)?.includes('screen_share'));
      const detail = await json<Detail>(
        await tvWang.send('GET', `/api/consultations/${consultation.id}`),
        200,
      );
      assert.deepEqual(
        detail.specialists.map((s) => s.id),
        [chen.id],
      );

      // The end: everyone hears it, tokens stop, the summary stays in the record.
      const wangEvents = await openEvents(tvWang);
      const summary = { diagnosis: '心绞痛可能', advice: '明天去县医院做心电图' };
      await endWithSummary(zhang, consultation.id, summary);
      const ended = await wangEvents.next((e) => e.type === 'ended');
      assert.deepEqual(ended.event, { type: 'ended', consultationId: consultation.id, summary });
      wangEvents.close();
      await specialistEvents.next((e) => e.type === 'ended');
      for (const session of [tvWang, zhang, specialist])
        assert.equal(await tokenStatus(session, consultation.id), 404);
      const record = await json<Detail>(
        await tvWang.send('GET', `/api/consultations/${consultation.id}`),
        200,
      );
      assert.deepEqual(record.summary, { diagnosis: '心绞痛可能', advice: '明天去县医院做心电图' });
      assert.equal(
        (await zhang.send('POST', `/api/consultations/${consultation.id}/end`, { diagnosis: 'x' })).status,
        409,
      );
      assert.equal(
        (await zhao.send('POST', `/api/consultations/${consultation.id}/end`, { diagnosis: 'x' })).status,
        404,
      );
    } finally {
      specialistEvents.close();
      zhangEvents.close();
    }
  });

  test('an end without a diagnosis is refused and changes nothing', async () => {
    const consultation = await json<Detail>(
      await zhang.send('POST', '/api/consultations', { patientId: 'res-liu-changshan', reason: '复诊' }),
      201,
    );
    for (const body of [
      {},
      { diagnosis: '   ' },
      { diagnosis: 'x'.repeat(501) },
      { diagnosis: 'ok', extra: 1 },
    ]) {
      assert.equal((await zhang.send('POST', `/api/consultations/${consultation.id}/end`, body)).status, 400);
    }
    assert.equal(
      (await json<Detail>(await zhang.send('GET', `/api/consultations/${consultation.id}`), 200)).status,
      'ringing',
    );
    await json(
      await zhang.send('POST', `/api/consultations/${consultation.id}/end`, { diagnosis: '未接通' }),
      200,
    );
  });
});

describe('the push channel', () => {
  test('a client that reconnects with Last-Event-ID gets what it missed, in order; a fresh one starts now', async () => {
    const first = await openEvents(tvQian);
    await json(await tvQian.send('POST', '/api/queue', { doctor: 'family' }), 201);
    const seen = await first.next((e) => e.type === 'queue');
    first.close();
    // While the TV is away: its place changes twice.
    await json(await tvQian.send('POST', '/api/queue', { doctor: 'family', urgency: 'urgent' }), 200);
    assert.equal((await tvQian.send('DELETE', '/api/queue/mine')).status, 204);
    const seenId = seen.id as number;
    const back = await openEvents(tvQian, seenId);
    const replayed = [await back.next(), await back.next()];
    back.close();
    assert.ok(replayed[0]!.id! > seenId && replayed[1]!.id! > replayed[0]!.id!);
    assert.equal(replayed[0]!.event.type === 'queue' && replayed[0]!.event.place?.urgency, 'urgent');
    // The place that ended says how it ended (issue 18: an expired one is told plainly).
    assert.equal(replayed[1]!.event.type === 'queue' && replayed[1]!.event.place?.status, 'left');
    const fresh = await openEvents(tvQian);
    await assert.rejects(
      fresh.next(() => true, 500),
      /no matching push event/,
    );
    fresh.close();
  });

  test('a TV whose stream opens while a doctor is already calling it rings at once', async () => {
    const early = await openEvents(tvQian);
    const ringing = await json<Detail>(
      await zhao.send('POST', '/api/consultations', { patientId: 'res-qian-yumei', reason: '复查' }),
      201,
    );
    const sent = await early.next((e) => e.type === 'ring');
    early.close();
    try {
      // Opened after the ring was sent (the TV was just switched on): the ring comes first, without an id.
      const late = await openEvents(tvQian);
      const ring = await late.next();
      late.close();
      assert.equal(ring.id, null);
      assert.ok(ring.event.type === 'ring' && ring.event.consultationId === ringing.id);
      assert.equal(ring.event.caller.id, 'dr-zhao-min');
      // Resuming with Last-Event-ID is not a fresh start: no second ring.
      const resumed = await openEvents(tvQian, sent.id as number);
      await assert.rejects(
        resumed.next((e) => e.type === 'ring', 500),
        /no matching push event/,
      );
      resumed.close();
      // Another resident's TV hears nothing of it.
      const other = await openEvents(tvWang);
      await assert.rejects(
        other.next((e) => e.type === 'ring', 500),
        /no matching push event/,
      );
      other.close();
    } finally {
      await json(await zhao.send('POST', `/api/consultations/${ringing.id}/cancel`), 200);
    }
    // Once it stopped ringing, a fresh stream starts quiet.
    const after = await openEvents(tvQian);
    await assert.rejects(
      after.next((e) => e.type === 'ring', 500),
      /no matching push event/,
    );
    after.close();
  });

  test('only signed-in users have a push channel', async () => {
    assert.equal((await new ApiSession(stack.api.url).fetch('/api/events')).status, 401);
  });
});
