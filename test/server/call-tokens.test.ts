import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import {
  CALL_TOKEN_TTL_SECONDS,
  STANDBY_TOKEN_TTL_SECONDS,
} from '../../src/server/livekit/livekit-service.js';
import {
  deviceIdOf,
  pairDevice,
  signIn,
  startStack,
  TEST_API_KEY,
  TEST_API_SECRET,
  type ApiSession,
  type TestStack,
} from '../support/stack.js';

let stack: TestStack;
let doctor: ApiSession;
let tv: ApiSession;

before(async () => {
  stack = await startStack();
  doctor = await signIn(stack, 'zhangwei');
  tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: 'res-wang-xiuying' });
});
after(() => stack?.stop());

/** A token answer (200): the body, and the claims of its JWT, verified with the API secret. */
async function verifiedToken(response: Response) {
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    token: string;
    identity: string;
    room: string;
    url: string;
    expiresAt: string;
  };
  const claims = await new TokenVerifier(TEST_API_KEY, TEST_API_SECRET).verify(body.token);
  return { body, claims };
}

async function tokenFor(session: ApiSession, consultationId = 'c-demo-wang') {
  return verifiedToken(await session.send('POST', '/api/calls/token', { consultationId }));
}

test("the resident's token: own identity, this room only, camera and microphone, nothing else", async () => {
  const { body, claims } = await tokenFor(tv);
  // Hers, on this TV: each of her screens is its own participant (shared/consultations/participant.ts).
  const identity = `res-wang-xiuying#${await deviceIdOf(tv)}`;
  assert.equal(claims.sub, identity);
  assert.equal(body.identity, identity);
  assert.equal(body.url, stack.livekitUrl);
  assert.deepEqual(claims.video, {
    roomJoin: true,
    room: 'consultation-c-demo-wang',
    canPublish: true,
    canPublishSources: ['camera', 'microphone'],
    canSubscribe: true,
    canPublishData: false,
    canUpdateOwnMetadata: false,
  });
});

test("the doctor's token adds screen sharing and data, and still no room administration", async () => {
  const { claims } = await tokenFor(doctor);
  assert.equal(claims.sub, 'dr-zhang-wei');
  assert.deepEqual(claims.video?.canPublishSources, [
    'camera',
    'microphone',
    'screen_share',
    'screen_share_audio',
  ]);
  assert.equal(claims.video?.canPublishData, true);
  for (const admin of [
    'roomAdmin',
    'roomCreate',
    'roomList',
    'roomRecord',
    'ingressAdmin',
    'hidden',
  ] as const) {
    assert.ok(!claims.video?.[admin], `${admin} is not granted`);
  }
});

test('the standby token of a ringing TV: hidden in that room only, receiving, sending nothing', async () => {
  const ring = await doctor.send('POST', '/api/consultations', {
    patientId: 'res-wang-xiuying',
    reason: '随访',
  });
  assert.equal(ring.status, 201);
  const { id } = (await ring.json()) as { id: string };
  try {
    const { body, claims } = await verifiedToken(await tv.send('POST', `/api/consultations/${id}/standby`));
    // This TV's own participant: another screen's cannot displace it (participant.ts).
    const identity = `res-wang-xiuying#${await deviceIdOf(tv)}`;
    assert.equal(claims.sub, identity);
    assert.deepEqual(
      [body.identity, body.room, body.url],
      [identity, `consultation-${id}`, stack.livekitUrl],
    );
    // Exactly this: no sources, no data, no metadata, and no room administration of any kind.
    assert.deepEqual(claims.video, {
      roomJoin: true,
      room: `consultation-${id}`,
      hidden: true,
      canSubscribe: true,
      canPublish: false,
      canPublishData: false,
      canUpdateOwnMetadata: false,
    });
    // Used at once: one kept cannot join after the ring is over.
    assert.equal((claims.exp ?? 0) - (claims.nbf ?? 0), STANDBY_TOKEN_TTL_SECONDS);
    assert.ok(Math.abs(Date.parse(body.expiresAt) / 1000 - (claims.exp ?? 0)) <= 5);
  } finally {
    assert.equal((await doctor.send('POST', `/api/consultations/${id}/cancel`)).status, 200);
  }
});

test('tokens live minutes, and expiresAt says when', async () => {
  const { body, claims } = await tokenFor(tv);
  const lifetime = (claims.exp ?? 0) - (claims.nbf ?? 0);
  assert.ok(
    lifetime > 0 && lifetime <= CALL_TOKEN_TTL_SECONDS && CALL_TOKEN_TTL_SECONDS <= 600,
    `lifetime ${lifetime}`,
  );
  assert.ok(Math.abs(Date.parse(body.expiresAt) / 1000 - (claims.exp ?? 0)) <= 5);
});

test('a token signed with another secret is not accepted', async () => {
  const { body } = await tokenFor(tv);
  await assert.rejects(
    new TokenVerifier(TEST_API_KEY, 'another-secret-that-is-long-enough-000').verify(body.token),
  );
});

test("a resident cannot get a token for another resident's consultation, nor for an ended one", async () => {
  const other = await tv.send('POST', '/api/calls/token', { consultationId: 'c-demo-liu' });
  assert.equal(other.status, 404);
  assert.deepEqual(Object.keys((await other.json()) as object), ['error']);
  await stack.api.db
    .updateTable('consultations')
    .set({ status: 'ended' })
    .where('id', '=', 'c-demo-wang')
    .execute();
  assert.equal((await tv.send('POST', '/api/calls/token', { consultationId: 'c-demo-wang' })).status, 404);
  assert.equal(
    (await doctor.send('POST', '/api/calls/token', { consultationId: 'c-demo-wang' })).status,
    404,
  );
});
