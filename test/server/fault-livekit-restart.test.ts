// Fault injection (issue 18 §6): LiveKit restarted during a call. A restarted LiveKit has
// forgotten every room, and makes none by itself (auto_create: false); the API notices it went
// and came back, and makes the rooms of open calls again, so the participants' clients, which
// reconnect by themselves with the tokens they hold, get back in. While it is away, a new call
// is refused with livekit_unavailable (the TV says 视频服务暂时不可用…) and /healthz says 503.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RoomServiceClient } from 'livekit-server-sdk';
import { json } from '../support/consultations.js';
import { joinWithToken } from '../support/livekit-signal.js';
import { signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

let stack: TestStack;
let zhang: ApiSession;
before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
});
after(() => stack?.stop());

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    assert.ok(Date.now() - started < timeoutMs, `${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

test('LiveKit restarted during a call: the API makes the call’s room again and the participants’ own tokens get back in', async () => {
  const rooms = new RoomServiceClient(stack.livekitHttpUrl, stack.apiKey, stack.apiSecret);
  const { id } = await json<{ id: string }>(
    await zhang.send('POST', '/api/consultations', { patientId: 'res-wang-xiuying', reason: '随访' }),
    201,
  );
  const doctor = await json<{ token: string; room: string }>(
    await zhang.send('POST', '/api/calls/token', { consultationId: id }),
    200,
  );
  const inCall = await joinWithToken(stack.livekitHttpUrl, doctor.token);
  assert.equal(inCall.status, 101);
  await waitFor(
    async () => (await rooms.listParticipants(doctor.room).catch(() => [])).length === 1,
    'in the room',
  );
  // The API has seen the room at least once since it was made (it looks every second).
  await new Promise((resolve) => setTimeout(resolve, 1500));

  const restarted = stack.restartLiveKit();
  await inCall.closed;
  await restarted;
  // Back within the 10 s from LiveKit answering again: the room is there once more …
  const reopenedMs = await waitFor(
    async () => (await rooms.listRooms([doctor.room]).catch(() => [])).length === 1,
    'the call’s room made again',
    10_000,
  );
  // The time in the room before the restart is ended in the call record (no leave ever came).
  const open = await stack.api.db
    .selectFrom('callParticipants')
    .selectAll()
    .where('consultationId', '=', id)
    .where('leftAt', 'is', null)
    .execute();
  assert.deepEqual(open, []);
  // … and the token the doctor's console holds gets back in, as its client's reconnect does.
  const again = await joinWithToken(stack.livekitHttpUrl, doctor.token);
  try {
    assert.equal(again.status, 101, 'the same token joins the room again');
    await waitFor(async () => (await rooms.listParticipants(doctor.room)).length === 1, 'back in the room');
  } finally {
    again.close();
  }
  assert.equal((await fetch(`${stack.api.url}/healthz`)).status, 200);
  console.log(`# room made again ${reopenedMs} ms after LiveKit answered`);
});

test('while LiveKit is away a new call is refused with livekit_unavailable and /healthz says 503; both recover', async () => {
  const { id } = await json<{ id: string }>(
    await zhang.send('POST', '/api/consultations', { patientId: 'res-liu-changshan', reason: '随访' }),
    201,
  );
  await stack.restartLiveKit(async () => {
    assert.equal((await fetch(`${stack.api.url}/healthz`)).status, 503);
    const refused = await zhang.send('POST', '/api/calls/token', { consultationId: id });
    assert.equal(refused.status, 503);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'livekit_unavailable');
  });
  await waitFor(async () => (await fetch(`${stack.api.url}/healthz`)).status === 200, '/healthz 200');
  await json(await zhang.send('POST', '/api/calls/token', { consultationId: id }), 200);
});
