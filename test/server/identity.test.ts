import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROTATION_GRACE_MS } from '../../src/server/identity/devices.js';
import { hashSecret } from '../../src/server/identity/secrets.js';
import {
  ApiSession,
  DEMO_PASSWORD,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.stop());

const anonymous = () => new ApiSession(stack.api.url);

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('console sign-in', () => {
  test('passwords are stored as scrypt hashes, never in plain text', async () => {
    const users = await stack.api.db.selectFrom('users').select(['passwordHash', 'pinHash']).execute();
    const hashes = users.flatMap((u) => [u.passwordHash, u.pinHash]).filter((h): h is string => h !== null);
    assert.ok(hashes.length >= 9);
    for (const hash of hashes) {
      assert.match(hash, /^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
      assert.ok(!hash.includes(DEMO_PASSWORD) && !hash.includes('246810'));
    }
  });

  test('signs in with an HttpOnly SameSite=Strict cookie and says who it is', async () => {
    const session = anonymous();
    const response = await session.send('POST', '/api/auth/login', {
      username: 'LiFang',
      password: DEMO_PASSWORD,
    });
    assert.equal(response.status, 200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dah_session='));
    assert.match(cookie ?? '', /HttpOnly/);
    assert.match(cookie ?? '', /SameSite=Strict/);
    const body = (await response.json()) as { actor: { id: string; kind: string }; csrfToken: string };
    assert.equal(body.actor.id, 'dr-li-fang');
    assert.equal(body.actor.kind, 'clinician');
    assert.ok(body.csrfToken.length >= 32);
  });

  test('wrong password and unknown user answer the same 401', async () => {
    const wrong = await anonymous().send('POST', '/api/auth/login', {
      username: 'zhaomin',
      password: 'nope',
    });
    const unknown = await anonymous().send('POST', '/api/auth/login', {
      username: 'nobody',
      password: 'nope',
    });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.deepEqual(await wrong.json(), await unknown.json());
  });

  test('five failures lock the account from that address for 15 minutes, even with the right password', async () => {
    for (let i = 0; i < 5; i += 1) {
      assert.equal(
        (await anonymous().send('POST', '/api/auth/login', { username: 'liuyan', password: 'x' })).status,
        401,
      );
    }
    const locked = await anonymous().send('POST', '/api/auth/login', {
      username: 'liuyan',
      password: DEMO_PASSWORD,
    });
    assert.equal(locked.status, 429);
    assert.equal(await errorCode(locked), 'too_many_attempts');
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter}`);
    const failures = await stack.api.db
      .selectFrom('auditLog')
      .select('outcome')
      .where('action', '=', 'auth.login')
      .where('actorId', '=', 'sp-liu-yan')
      .execute();
    assert.equal(failures.filter((f) => f.outcome === 'failed').length, 5);
  });

  test('log out ends this session; log out everywhere ends them all', async () => {
    const first = await signIn(stack, 'lifang');
    const second = await signIn(stack, 'lifang');
    assert.equal((await first.send('POST', '/api/auth/logout')).status, 204);
    assert.equal((await first.send('GET', '/api/auth/session')).status, 401);
    assert.equal((await second.send('GET', '/api/auth/session')).status, 200);
    const third = await signIn(stack, 'lifang');
    assert.equal((await third.send('POST', '/api/auth/logout-everywhere')).status, 204);
    assert.equal((await second.send('GET', '/api/auth/session')).status, 401);
    assert.equal((await third.send('GET', '/api/auth/session')).status, 401);
  });
});

describe('cross-site request forgery', () => {
  test('a state-changing request without the session’s CSRF token is refused', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const body = JSON.stringify({ consultationId: 'c-demo-wang' });
    const missing = await doctor.fetch('/api/calls/token', {
      method: 'POST',
      body,
      headers: { 'x-csrf-token': '' },
    });
    assert.equal(missing.status, 403);
    assert.equal(await errorCode(missing), 'csrf_failed');
    const wrong = await doctor.fetch('/api/calls/token', {
      method: 'POST',
      body,
      headers: { 'x-csrf-token': 'x'.repeat(43) },
    });
    assert.equal(wrong.status, 403);
    assert.equal(
      (await doctor.send('POST', '/api/calls/token', { consultationId: 'c-demo-wang' })).status,
      200,
    );
  });

  test('a request from another origin is refused before anything happens', async () => {
    const response = await anonymous().fetch('/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'zhangwei', password: DEMO_PASSWORD }),
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(response.status, 403);
    assert.equal(await errorCode(response), 'csrf_failed');
  });
});

describe('device pairing (RFC 8628)', () => {
  test('an unpaired device can do nothing but pair', async () => {
    const device = anonymous();
    for (const [method, path] of [
      ['GET', '/api/auth/session'],
      ['GET', '/api/patients'],
      ['GET', '/api/consultations/mine'],
      ['POST', '/api/devices/session'],
      ['GET', '/api/kiosk/staff'],
    ] as const) {
      assert.equal((await device.send(method, path)).status, 401, `${method} ${path}`);
    }
  });

  test('codes: short and readable for people, long and secret for the device; the QR encodes the console address', async () => {
    const start = (await (await anonymous().send('POST', '/api/devices/pairing', { kind: 'tv' })).json()) as {
      deviceCode: string;
      userCode: string;
      verificationUriComplete: string;
      interval: number;
      expiresIn: number;
    };
    assert.match(start.userCode, /^[ACDEFGHJKMNPQRTUVWXY]{4}-[ACDEFGHJKMNPQRTUVWXY]{4}$/);
    assert.ok(start.deviceCode.length >= 43);
    assert.equal(start.verificationUriComplete, `${stack.api.url}/console/pair?code=${start.userCode}`);
    assert.equal(start.expiresIn, 600);
    const stored = await stack.api.db
      .selectFrom('pairingRequests')
      .selectAll()
      .where('userCode', '=', start.userCode)
      .executeTakeFirstOrThrow();
    assert.equal(
      stored.deviceCodeHash,
      hashSecret(start.deviceCode),
      'only the hash of the device code is stored',
    );
    const qr = await anonymous().fetch(`/api/devices/pairing/qr.svg?code=${start.userCode.toLowerCase()}`);
    assert.equal(qr.headers.get('content-type'), 'image/svg+xml');
    assert.match(await qr.text(), /^<svg/);
  });

  test('polling: pending, then slow_down when too fast, then the credential exactly once', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const device = anonymous();
    const start = (await (await device.send('POST', '/api/devices/pairing', { kind: 'tv' })).json()) as {
      deviceCode: string;
      userCode: string;
    };
    const first = await device.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode });
    assert.equal(await errorCode(first), 'authorization_pending');
    const second = await device.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode });
    assert.equal(await errorCode(second), 'slow_down');
    const approve = await doctor.send('POST', '/api/devices/pairing/approve', {
      userCode: start.userCode.replace('-', ' ').toLowerCase(),
      kind: 'tv',
      residentId: 'res-liu-changshan',
    });
    assert.equal(approve.status, 200);
    // Make the next poll not too fast without waiting.
    await stack.api.db
      .updateTable('pairingRequests')
      .set({ lastPolledAt: null })
      .where('userCode', '=', start.userCode)
      .execute();
    const paired = await device.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode });
    assert.equal(paired.status, 200);
    assert.ok(device.cookies.has('dah_device') && device.cookies.has('dah_session'));
    const deviceCookie = paired.headers.getSetCookie().find((c) => c.startsWith('dah_device='));
    assert.match(deviceCookie ?? '', /Path=\/api\/devices/);
    assert.match(deviceCookie ?? '', /HttpOnly/);
    assert.equal(((await paired.json()) as { actor: { id: string } }).actor.id, 'res-liu-changshan');
    const again = await anonymous().send('POST', '/api/devices/pairing/poll', {
      deviceCode: start.deviceCode,
    });
    assert.equal(await errorCode(again), 'expired_token');
    // A code cannot be approved twice either.
    const twice = await doctor.send('POST', '/api/devices/pairing/approve', {
      userCode: start.userCode,
      kind: 'tv',
      residentId: 'res-liu-changshan',
    });
    assert.equal(twice.status, 404);
  });

  test('expired codes can be neither approved nor polled', async () => {
    const admin = await signIn(stack, 'zhoulei');
    const device = anonymous();
    const start = (await (await device.send('POST', '/api/devices/pairing', { kind: 'kiosk' })).json()) as {
      deviceCode: string;
      userCode: string;
    };
    await stack.api.db
      .updateTable('pairingRequests')
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('userCode', '=', start.userCode)
      .execute();
    const approve = await admin.send('POST', '/api/devices/pairing/approve', {
      userCode: start.userCode,
      kind: 'kiosk',
      careHomeId: 'donghe-care-home',
    });
    assert.equal(approve.status, 404);
    assert.equal(
      await errorCode(
        await device.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode }),
      ),
      'expired_token',
    );
  });

  test('the device credential rotates at every use; an old one presented later revokes the device', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const original = tv.cookies.get('dah_device') as string;
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    const rotated = tv.cookies.get('dah_device') as string;
    assert.notEqual(rotated, original);

    // A retry with the old credential within the grace window (a lost response) still works.
    const retry = new ApiSession(stack.api.url);
    retry.cookies.set('dah_device', original);
    assert.equal((await retry.send('POST', '/api/devices/session')).status, 200);

    // After the window, the old credential means a copy: the device is revoked, every session ends.
    const deviceId = (
      (await (await tv.send('GET', '/api/auth/session')).json()) as { actor: { deviceId: string } }
    ).actor.deviceId;
    await stack.api.db
      .updateTable('devices')
      .set({ credentialRotatedAt: new Date(Date.now() - ROTATION_GRACE_MS - 1000).toISOString() })
      .where('id', '=', deviceId)
      .execute();
    const thief = new ApiSession(stack.api.url);
    thief.cookies.set('dah_device', original);
    assert.equal((await thief.send('POST', '/api/devices/session')).status, 401);
    const device = await stack.api.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    assert.ok(device.revokedAt);
    assert.equal((await tv.send('GET', '/api/auth/session')).status, 401);
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 401);
  });

  test('revoking from the console stops the TV at once', async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: 'res-liu-changshan' });
    const { actor } = (await (await tv.send('GET', '/api/auth/session')).json()) as {
      actor: { deviceId: string };
    };
    const revoked = await doctor.send('POST', `/api/devices/${actor.deviceId}/revoke`);
    assert.equal(revoked.status, 200);
    assert.equal((await tv.send('GET', '/api/patients')).status, 401);
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 401);
    const entry = await stack.api.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'device.revoke')
      .where('target', '=', actor.deviceId)
      .executeTakeFirst();
    assert.equal(entry?.actorId, 'dr-zhang-wei');
  });
});

describe('kiosk staff PIN', () => {
  test('a kiosk shows residents only after a staff PIN, and the PIN locks after five wrong tries', async () => {
    const admin = await signIn(stack, 'zhoulei');
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    assert.equal((await kiosk.send('GET', '/api/patients')).status, 403);
    const staff = (await (await kiosk.send('GET', '/api/kiosk/staff')).json()) as { staff: { id: string }[] };
    assert.deepEqual(staff.staff.map((s) => s.id).sort(), ['staff-he-jun', 'staff-ma-li']);

    for (let i = 0; i < 5; i += 1) {
      const wrong = await kiosk.send('POST', '/api/kiosk/staff-session', {
        staffId: 'staff-he-jun',
        pin: '000000',
      });
      assert.equal(wrong.status, 401);
    }
    const locked = await kiosk.send('POST', '/api/kiosk/staff-session', {
      staffId: 'staff-he-jun',
      pin: '135790',
    });
    assert.equal(locked.status, 429);

    const other = await kiosk.send('POST', '/api/kiosk/staff-session', {
      staffId: 'staff-ma-li',
      pin: '246810',
    });
    assert.equal(other.status, 200);
    assert.equal((await kiosk.send('GET', '/api/patients')).status, 200);
    const signedOut = await kiosk.send('DELETE', '/api/kiosk/staff-session');
    assert.equal(((await signedOut.json()) as { actor: { staff: unknown } }).actor.staff, null);
    assert.equal((await kiosk.send('GET', '/api/patients')).status, 403);
  });

  test('staff of another care home cannot sign in on this kiosk, and idle staff are signed out', async () => {
    const admin = await signIn(stack, 'zhoulei');
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    // A clinician's id is not a staff member of this care home.
    const wrongPerson = await kiosk.send('POST', '/api/kiosk/staff-session', {
      staffId: 'dr-li-fang',
      pin: '246810',
    });
    assert.equal(wrongPerson.status, 401);
    assert.equal(
      (await kiosk.send('POST', '/api/kiosk/staff-session', { staffId: 'staff-ma-li', pin: '246810' }))
        .status,
      200,
    );
    await stack.api.db
      .updateTable('sessions')
      .set({ staffExpiresAt: new Date(Date.now() - 1000).toISOString() })
      .where('staffUserId', '=', 'staff-ma-li')
      .execute();
    assert.equal((await kiosk.send('GET', '/api/patients')).status, 403);
  });
});

describe('audit', () => {
  test('reading a record is audited with who, which patient and the outcome; refusals too', async () => {
    const doctor = await signIn(stack, 'zhaomin');
    assert.equal((await doctor.send('GET', '/api/patients/res-qian-yumei')).status, 200);
    assert.equal((await doctor.send('GET', '/api/patients/res-wang-xiuying')).status, 404);
    const entries = await stack.api.db
      .selectFrom('auditLog')
      .select(['action', 'outcome', 'patientId'])
      .where('actorId', '=', 'dr-zhao-min')
      .where('action', '=', 'patient.read')
      .execute();
    assert.deepEqual(entries.map((e) => `${e.patientId}:${e.outcome}`).sort(), [
      'res-qian-yumei:allowed',
      'res-wang-xiuying:denied',
    ]);
  });

  test('the audit log is append-only in the database itself', async () => {
    await assert.rejects(
      stack.api.db.updateTable('auditLog').set({ outcome: 'allowed' }).execute(),
      /append-only/,
    );
    await assert.rejects(stack.api.db.deleteFrom('auditLog').execute(), /append-only/);
  });
});
