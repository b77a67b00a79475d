// Whatever ends a ring or a call leaves no way back into its LiveKit room (issue 12 §2), against
// the real LiveKit server: tokens are tried by joining (the signalling WebSocket), rooms and
// participants are read with RoomServiceClient.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { CallDesk, RING_TIMEOUT_MS } from '../../src/server/consultations/call-desk.js';
import { WaitingRoom } from '../../src/server/consultations/queue.js';
import { callGrantFor } from '../../src/server/livekit/grants.js';
import { PushHub } from '../../src/server/push/push-hub.js';
import { json, later } from '../support/consultations.js';
import { personOfIdentity } from '../../src/shared/consultations/participant.js';
import { joinWithToken } from '../support/livekit-signal.js';
import {
  deviceIdOf,
  pairDevice,
  signIn,
  startStack,
  type ApiSession,
  type TestStack,
} from '../support/stack.js';

let stack: TestStack;
let zhang: ApiSession;
let tvWang: ApiSession;
let tvWangBedroom: ApiSession;
let rooms: RoomServiceClient;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  tvWangBedroom = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  rooms = new RoomServiceClient(stack.livekitHttpUrl, stack.apiKey, stack.apiSecret);
});
after(() => stack?.stop());

interface Token {
  token: string;
  room: string;
  identity: string;
}

const roomExists = async (name: string) => (await rooms.listRooms([name])).some((r) => r.name === name);
const participantsOf = async (room: string) => (await rooms.listParticipants(room).catch(() => [])).length;
const ringWang = async () =>
  json<{ id: string }>(
    await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
    201,
  );
const standby = (tv: ApiSession, id: string) => tv.send('POST', `/api/consultations/${id}/standby`);

/** Joins with the token and waits until LiveKit lists the participant. */
async function joined(token: Token) {
  const join = await joinWithToken(stack.livekitHttpUrl, token.token);
  assert.equal(join.status, 101, 'the token joins while it should');
  await waitFor(async () => (await participantsOf(token.room)) > 0);
  return join;
}

/** The token can no longer join, nor did trying bring the room back. */
async function shutOut(token: Pick<Token, 'token' | 'room'>): Promise<void> {
  const retry = await joinWithToken(stack.livekitHttpUrl, token.token);
  retry.close();
  assert.notEqual(retry.status, 101, 'the token got back in');
  assert.equal(await roomExists(token.room), false, 'the room came back');
}

/**
 * LiveKit reports participant_joined once the participant's media connects, which a
 * signalling-only join never does; so the test posts that webhook, signed, as LiveKit would.
 */
async function reportJoinedHidden(token: Token, id: string): Promise<void> {
  await report('participant_joined', token, id, true);
}

async function report(event: string, token: Token, id: string, hidden: boolean): Promise<void> {
  const body = JSON.stringify({
    event,
    id,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: token.room },
    participant: { identity: token.identity, permission: { hidden } },
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

/** LiveKit ended the connection within this many seconds. */
async function withinSeconds(closed: Promise<void>, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still connected after ${seconds} s`)), seconds * 1000);
  });
  try {
    await Promise.race([closed, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('LiveKit rooms exist only while the API wants them', () => {
  test('a valid token for a room the API never opened can neither join it nor create it', async () => {
    const grant = callGrantFor('resident', 'consultation-c-never-opened');
    assert.ok(grant);
    const minted = await stack.api.livekit.mintToken('res-wang-xiuying', '王秀英', grant);
    await shutOut({ token: minted.token, room: 'consultation-c-never-opened' });
  });

  test('a standby is issued once per ring, to one screen', async () => {
    const ringing = await ringWang();
    await json(await standby(tvWang, ringing.id), 200);
    assert.equal((await standby(tvWang, ringing.id)).status, 409);
    assert.equal((await standby(tvWangBedroom, ringing.id)).status, 409);
    await json(await zhang.send('POST', `/api/consultations/${ringing.id}/cancel`), 200);
  });
});

describe('a ring that ends leaves no way back in', () => {
  for (const [how, end] of [
    ['declined', (id: string) => tvWang.send('POST', `/api/consultations/${id}/decline`)],
    ['cancelled by the doctor', (id: string) => zhang.send('POST', `/api/consultations/${id}/cancel`)],
    [
      'missed (nobody answered)',
      async () => {
        const push = new PushHub(stack.api.db);
        const desk = new CallDesk(
          stack.api.db,
          push,
          new WaitingRoom(stack.api.db, push),
          stack.api.livekit,
          stack.api.logger,
          later(RING_TIMEOUT_MS + 1000),
        );
        assert.equal(await desk.expireRings(), 1);
      },
    ],
  ] as const) {
    test(`${how}: the standby is removed, the room closed, and its token cannot rejoin nor recreate it`, async () => {
      const ringing = await ringWang();
      const token = await json<Token>(await standby(tvWang, ringing.id), 200);
      const join = await joined(token);
      await end(ringing.id);
      await withinSeconds(join.closed, 5);
      await shutOut(token);
    });
  }

  test('answered on another screen: the standby there loses its place, and its token is thrown out again', async () => {
    const ringing = await ringWang();
    const token = await json<Token>(await standby(tvWang, ringing.id), 200);
    const join = await joined(token);
    const answer = await json<{ standbyAdmitted: boolean; call: Token }>(
      await tvWangBedroom.send('POST', `/api/consultations/${ringing.id}/answer`, { standingBy: true }),
      200,
    );
    assert.equal(answer.standbyAdmitted, false, 'another screen’s standby is not admitted');
    await withinSeconds(join.closed, 5);
    // The call goes on, so the room is open: the standby token, replayed, gets in, hidden.
    const replay = await joined(token);
    await reportJoinedHidden(token, `EV_${ringing.id}`);
    await withinSeconds(replay.closed, 5);
    assert.equal(await participantsOf(token.room), 0);
    await json(
      await zhang.send('POST', `/api/consultations/${ringing.id}/end`, { diagnosis: '血压平稳' }),
      200,
    );
  });
  test('a standby token replayed from one screen cannot displace the screen that answered', async () => {
    const ringing = await ringWang();
    const token = await json<Token>(await standby(tvWang, ringing.id), 200);
    const answer = await json<{ call: Token }>(
      await tvWangBedroom.send('POST', `/api/consultations/${ringing.id}/answer`),
      200,
    );
    // Each screen is its own participant, and both are the resident's.
    assert.notEqual(answer.call.identity, token.identity);
    for (const identity of [answer.call.identity, token.identity])
      assert.equal(personOfIdentity(identity), 'res-wang-xiuying');
    const answering = await joined(answer.call);
    await report('participant_joined', answer.call, `EV_answered_${ringing.id}`, false);
    let answeringClosed = false;
    void answering.closed.then(() => (answeringClosed = true));
    // The replay gets in beside it (with one identity for both, LiveKit would push the answering
    // screen out here), and is thrown out as soon as LiveKit reports it.
    const replay = await joinWithToken(stack.livekitHttpUrl, token.token);
    assert.equal(replay.status, 101);
    await waitFor(async () => (await participantsOf(token.room)) === 2);
    await reportJoinedHidden(token, `EV_replay_${ringing.id}`);
    await withinSeconds(replay.closed, 5);
    const left = await rooms.listParticipants(token.room);
    assert.deepEqual(
      left.map((p) => p.identity),
      [answer.call.identity],
    );
    assert.equal(answeringClosed, false, 'the answering screen stayed connected');
    // The replay leaving (hidden, as LiveKit reports it) does not end her record: she is still in.
    await report('participant_left', token, `EV_replay_left_${ringing.id}`, true);
    const record = await stack.api.db
      .selectFrom('callParticipants')
      .select(['userId', 'leftAt'])
      .where('consultationId', '=', ringing.id)
      .execute();
    assert.deepEqual(record, [{ userId: 'res-wang-xiuying', leftAt: null }]);
    answering.close();
    await json(
      await zhang.send('POST', `/api/consultations/${ringing.id}/end`, { diagnosis: '血压平稳' }),
      200,
    );
  });
});

describe('a call that ends, a device that is revoked', () => {
  test('after …/end a token minted minutes ago can neither rejoin nor recreate the room', async () => {
    const ringing = await ringWang();
    const answer = await json<{ call: Token }>(
      await tvWang.send('POST', `/api/consultations/${ringing.id}/answer`),
      200,
    );
    const doctor = await json<Token>(
      await zhang.send('POST', '/api/calls/token', { consultationId: ringing.id }),
      200,
    );
    const join = await joined(answer.call);
    await json(
      await zhang.send('POST', `/api/consultations/${ringing.id}/end`, { diagnosis: '血压平稳' }),
      200,
    );
    await withinSeconds(join.closed, 5);
    await shutOut(answer.call);
    await shutOut(doctor);
  });

  test('a revoked TV leaves the call it is in at once; the doctor stays', async () => {
    const ringing = await ringWang();
    const answer = await json<{ call: Token }>(
      await tvWang.send('POST', `/api/consultations/${ringing.id}/answer`),
      200,
    );
    const doctor = await json<Token>(
      await zhang.send('POST', '/api/calls/token', { consultationId: ringing.id }),
      200,
    );
    const tvJoin = await joined(answer.call);
    const doctorJoin = await joinWithToken(stack.livekitHttpUrl, doctor.token);
    await waitFor(async () => (await participantsOf(doctor.room)) === 2);
    await json(await zhang.send('POST', `/api/devices/${await deviceIdOf(tvWang)}/revoke`), 200);
    await withinSeconds(tvJoin.closed, 5);
    const left = await rooms.listParticipants(doctor.room);
    assert.deepEqual(
      left.map((p) => p.identity),
      ['dr-zhang-wei'],
    );
    doctorJoin.close();
    await json(await zhang.send('POST', `/api/consultations/${ringing.id}/end`, { diagnosis: '—' }), 200);
  });
});
