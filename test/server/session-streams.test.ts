// Access that ends must end everywhere (issue 12 §2): a push stream closes the moment its session
// ends, however it ends, and nothing sent afterwards reaches it. Real SQLite, real streams.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STREAMS_PER_SESSION, STREAMS_PER_USER } from '../../src/server/push/session-streams.js';
import { SESSION_LIFETIME } from '../../src/server/identity/sessions.js';
import { ROTATION_GRACE_MS } from '../../src/server/identity/devices.js';
import { json } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import {
  ApiSession,
  deviceIdOf,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

let stack: TestStack;
let zhang: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
});
after(() => stack?.stop());

/** The doctor rings the resident, then hangs up: the ring is the event a dead stream must not get. */
async function ringAndCancel(patientId: string): Promise<void> {
  const ringing = await json<{ id: string }>(
    await zhang.send('POST', '/api/consultations', { patientId, reason: '随访' }),
    201,
  );
  await json(await zhang.send('POST', `/api/consultations/${ringing.id}/cancel`), 200);
}

const sessionsOf = (where: { userId?: string; deviceId?: string }) => {
  let query = stack.api.db.updateTable('sessions').where('endedAt', 'is', null);
  if (where.userId) query = query.where('userId', '=', where.userId);
  if (where.deviceId) query = query.where('deviceId', '=', where.deviceId);
  return query;
};

describe('a push stream ends with its session', () => {
  test('device revocation: the TV’s stream ends and the next ring never reaches it; her other TV still rings', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const otherTv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const events = await openEvents(tv);
    const otherEvents = await openEvents(otherTv);
    try {
      await json(await zhang.send('POST', `/api/devices/${await deviceIdOf(tv)}/revoke`), 200);
      await events.ended(1000);
      await ringAndCancel('res-wang-xiuying');
      await otherEvents.next((e) => e.type === 'ring');
      assert.deepEqual(
        events.received.filter((r) => r.event.type === 'ring'),
        [],
      );
      assert.equal(otherEvents.isOpen, true);
    } finally {
      events.close();
      otherEvents.close();
    }
  });

  test('log-out ends this session’s streams only; log-out everywhere ends every session’s', async () => {
    const first = await signIn(stack, 'lifang');
    const second = await signIn(stack, 'lifang');
    const third = await signIn(stack, 'lifang');
    const a = await openEvents(first);
    const b = await openEvents(second);
    const c = await openEvents(third);
    try {
      assert.equal((await first.send('POST', '/api/auth/logout')).status, 204);
      await a.ended(1000);
      assert.equal(b.isOpen && c.isOpen, true);
      assert.equal((await second.send('POST', '/api/auth/logout-everywhere')).status, 204);
      await b.ended(1000);
      await c.ended(1000);
      // And a new stream with an ended session is refused outright.
      assert.equal((await third.fetch('/api/events')).status, 401);
    } finally {
      for (const stream of [a, b, c]) stream.close();
    }
  });

  test('a kiosk nurse signing out ends the streams opened with her rights', async () => {
    const admin = await signIn(stack, 'zhoulei');
    const kiosk = await kioskWithStaff(stack, admin);
    const events = await openEvents(kiosk);
    try {
      await json(await kiosk.send('DELETE', '/api/kiosk/staff-session'), 200);
      await events.ended(1000);
      // Without a nurse the kiosk may not listen at all, until one signs in again.
      assert.equal((await kiosk.fetch('/api/events')).status, 403);
    } finally {
      events.close();
    }
  });

  test('a kiosk nurse idling out ends the stream by the clock, with no further request', async () => {
    const admin = await signIn(stack, 'zhoulei');
    const kiosk = await kioskWithStaff(stack, admin);
    await sessionsOf({ deviceId: await deviceIdOf(kiosk) })
      .set({ staffExpiresAt: new Date(Date.now() + 1500).toISOString() })
      .execute();
    const events = await openEvents(kiosk);
    try {
      assert.equal(events.isOpen, true);
      await events.ended(4000);
    } finally {
      events.close();
    }
  });

  test('a session reaching its absolute end closes its stream by the clock', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    await sessionsOf({ deviceId: await deviceIdOf(tv) })
      .set({ expiresAt: new Date(Date.now() + 1500).toISOString() })
      .execute();
    const events = await openEvents(tv);
    try {
      assert.equal(events.isOpen, true);
      await events.ended(4000);
      await ringAndCancel('res-liu-changshan');
      assert.deepEqual(events.received, []);
    } finally {
      events.close();
    }
  });

  test('a session idling out closes its stream at the sweep, with no request of its own', async () => {
    const doctor = await signIn(stack, 'zhaomin');
    const events = await openEvents(doctor);
    try {
      await sessionsOf({ userId: 'dr-zhao-min' })
        .set({
          lastSeenAt: new Date(Date.now() - SESSION_LIFETIME.clinician.idleMs - 1000).toISOString(),
        })
        .execute();
      // What the sweeper runs every 15 s.
      await stack.api.streams.recheck();
      await events.ended(1000);
    } finally {
      events.close();
    }
  });

  test('a copied device credential revokes the device, and its stream ends', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    const original = tv.cookies.get('dah_device') as string;
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    const events = await openEvents(tv);
    try {
      await stack.api.db
        .updateTable('devices')
        .set({ credentialRotatedAt: new Date(Date.now() - ROTATION_GRACE_MS - 1000).toISOString() })
        .where('id', '=', await deviceIdOf(tv))
        .execute();
      const thief = new ApiSession(stack.api.url);
      thief.cookies.set('dah_device', original);
      assert.equal((await thief.send('POST', '/api/devices/session')).status, 401);
      await events.ended(1000);
    } finally {
      events.close();
    }
  });
});

describe('streams are capped', () => {
  test(`a few hundred at once on one session: ${STREAMS_PER_SESSION} open, the rest 429 too_many_streams`, async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const controllers: AbortController[] = [];
    // The answers are kept, unread: Node's fetch cancels the body of a Response that is garbage
    // collected unread, which closed the first streams during a loaded run and let three more in.
    const opened: Response[] = [];
    try {
      const answers = await Promise.all(
        Array.from({ length: 300 }, async () => {
          const controller = new AbortController();
          controllers.push(controller);
          const response = await doctor.fetch('/api/events', { signal: controller.signal });
          if (response.status === 200) opened.push(response);
          const code =
            response.status === 429
              ? ((await response.json()) as { error: { code: string } }).error.code
              : null;
          return { status: response.status, code };
        }),
      );
      assert.equal(answers.filter((a) => a.status === 200).length, STREAMS_PER_SESSION);
      assert.equal(
        answers.filter((a) => a.status === 429 && a.code === 'too_many_streams').length,
        300 - STREAMS_PER_SESSION,
      );
    } finally {
      await Promise.all(opened.map((response) => response.body?.cancel()));
      for (const controller of controllers) controller.abort();
    }
    // Closed streams free their places.
    await waitFor(() => stack.api.streams.count() === 0);
    const again = await openEvents(doctor);
    again.close();
  });

  test(`one person across sessions: at most ${STREAMS_PER_USER}`, async () => {
    const sessions = await Promise.all(Array.from({ length: 3 }, () => signIn(stack, 'chenjianguo')));
    const streams: { close(): void }[] = [];
    try {
      for (const session of sessions)
        for (let i = 0; i < STREAMS_PER_SESSION && streams.length < STREAMS_PER_USER; i++)
          streams.push(await openEvents(session));
      assert.equal(streams.length, STREAMS_PER_USER);
      const refused = await (sessions[2] as ApiSession).fetch('/api/events');
      assert.equal(refused.status, 429);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'too_many_streams');
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
