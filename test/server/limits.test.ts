// Brute force under concurrency (issue 12 §3): attempts are counted before the slow hash, locks
// are per (account, address) with a slower per-account backstop, PIN locks belong to the kiosk's
// care home, and a kiosk session gets fresh secrets when a nurse signs in on it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LIMITS } from '../../src/server/identity/limits.js';
import { fetchFrom } from '../support/from-address.js';
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

/** A browser at a loopback address of its own (127.0.0.0/8 is all this machine). */
const from = (address: string) => new ApiSession(stack.api.url, fetchFrom(address));
const login = (session: ApiSession, username: string, password: string) =>
  session.send('POST', '/api/auth/login', { username, password });

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

async function failedChecks(userId: string): Promise<number> {
  const rows = await stack.api.db
    .selectFrom('auditLog')
    .select('id')
    .where('action', '=', 'auth.login')
    .where('outcome', '=', 'failed')
    .where('actorId', '=', userId)
    .execute();
  return rows.length;
}

describe('console sign-in under concurrency', () => {
  test('300 simultaneous wrong passwords from one address: five real checks (401), every other one 429', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, () => login(from('127.0.0.1'), 'liuyan', 'wrong')),
    );
    assert.deepEqual(tally(responses.map((r) => r.status)), { 401: 5, 429: 295 });
    // 401 comes only after a password check; each check that failed is audited once.
    assert.equal(await failedChecks('sp-liu-yan'), LIMITS.loginPerAccountAndAddress.maxFailures);
    const refused = responses.find((r) => r.status === 429);
    assert.ok(Number(refused?.headers.get('retry-after')) > 800);
  });

  test('while one address is locked out of an account, the right password from another address works', async () => {
    assert.equal((await login(from('127.0.0.1'), 'liuyan', DEMO_PASSWORD)).status, 429);
    assert.equal((await login(from('127.0.0.2'), 'liuyan', DEMO_PASSWORD)).status, 200);
    // The locked address stays locked: a success elsewhere does not clear it.
    assert.equal((await login(from('127.0.0.1'), 'liuyan', DEMO_PASSWORD)).status, 429);
  });

  test('300 wrong passwords from 300 addresses at once: the per-account backstop allows 50 checks', async () => {
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        login(from(`127.1.${Math.floor(i / 200)}.${(i % 200) + 1}`), 'sunli', 'wrong'),
      ),
    );
    const backstop = LIMITS.loginPerAccount.maxFailures;
    assert.deepEqual(tally(responses.map((r) => r.status)), { 401: backstop, 429: 300 - backstop });
    assert.equal(await failedChecks('ph-sun-li'), backstop);
  });

  test('a success gives its attempt back: four wrong, the right one, then four wrong are all checked', async () => {
    const browser = from('127.0.0.3');
    const wrongFour = async () => {
      for (let i = 0; i < 4; i += 1) assert.equal((await login(browser, 'zhaomin', 'wrong')).status, 401);
    };
    await wrongFour();
    assert.equal((await login(browser, 'zhaomin', DEMO_PASSWORD)).status, 200);
    await wrongFour();
    assert.equal((await login(browser, 'zhaomin', DEMO_PASSWORD)).status, 200);
  });

  test('one address guessing many accounts is stopped after 20 failures', async () => {
    const browser = from('127.0.0.4');
    const usernames = ['zhoulei', 'zhangwei', 'lifang', 'chenjianguo'];
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login(browser, usernames[i % 4] as string, 'wrong')),
    );
    assert.deepEqual(tally(responses.map((r) => r.status)), {
      401: LIMITS.loginPerAddress.maxFailures,
      429: 200 - LIMITS.loginPerAddress.maxFailures,
    });
    // Each of those accounts still opens from elsewhere.
    assert.equal((await login(from('127.0.0.5'), 'zhangwei', DEMO_PASSWORD)).status, 200);
  });
});

describe('kiosk PIN under concurrency', () => {
  let admin: ApiSession;
  before(async () => {
    admin = await signIn(stack, 'zhoulei');
  });

  const pin = (kiosk: ApiSession, staffId: string, value: string) =>
    kiosk.send('POST', '/api/kiosk/staff-session', { staffId, pin: value });

  test('300 simultaneous wrong PINs on one kiosk: five checks, the rest 429; the nurse signs in on another kiosk', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const responses = await Promise.all(
      Array.from({ length: 300 }, () => pin(kiosk, 'staff-he-jun', '0000')),
    );
    assert.deepEqual(tally(responses.map((r) => r.status)), { 401: 5, 429: 295 });
    const failures = await stack.api.db
      .selectFrom('auditLog')
      .select('id')
      .where('action', '=', 'kiosk.staff-sign-in')
      .where('outcome', '=', 'failed')
      .where('target', '=', 'staff-he-jun')
      .execute();
    assert.equal(failures.length, 5);
    assert.equal((await pin(kiosk, 'staff-he-jun', '135790')).status, 429);
    const other = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    assert.equal((await pin(other, 'staff-he-jun', '135790')).status, 200);
  });

  test('PIN locks belong to the kiosk’s care home: a kiosk elsewhere cannot lock a nurse out', async () => {
    await stack.api.db
      .insertInto('organisations')
      .values({
        id: 'xiling-care-home',
        kind: 'care_home',
        name: '西岭乡敬老院',
        parentId: 'xiling-health-centre',
      })
      .execute();
    const elsewhere = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'xiling-care-home' });
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => pin(elsewhere, 'staff-ma-li', '0000')),
    );
    const statuses = tally(responses.map((r) => r.status));
    assert.equal(statuses[200], undefined);
    assert.ok((statuses[429] ?? 0) >= 185, JSON.stringify(statuses));
    const home = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    assert.equal((await pin(home, 'staff-ma-li', '246810')).status, 200);
  });

  test('a nurse signing in gives the kiosk a new session secret and CSRF token; the old ones stop working', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const before = { secret: kiosk.cookies.get('dah_session'), csrf: kiosk.csrfToken };
    assert.ok(before.secret && before.csrf);
    assert.equal((await pin(kiosk, 'staff-ma-li', '246810')).status, 200);
    assert.notEqual(kiosk.cookies.get('dah_session'), before.secret);
    assert.notEqual(kiosk.csrfToken, before.csrf);
    assert.equal((await kiosk.send('GET', '/api/patients')).status, 200);

    // Someone who saw the kiosk's secret before the sign-in gets nothing of the nurse's rights.
    const old = new ApiSession(stack.api.url);
    old.cookies.set('dah_session', before.secret);
    assert.equal((await old.send('GET', '/api/patients')).status, 401);
    // Nor does the old CSRF token work with the new session.
    const staleToken = await kiosk.fetch('/api/kiosk/staff-session', {
      method: 'DELETE',
      headers: { 'x-csrf-token': before.csrf },
    });
    assert.equal(staleToken.status, 403);
  });
});

describe('pairing codes under concurrency', () => {
  test('300 wrong pairing codes at once from one clinician: ten lookups (404), the rest 429; a real code still pairs', async () => {
    const doctor = await signIn(stack, 'lifang');
    const responses = await Promise.all(
      Array.from({ length: 300 }, () =>
        doctor.send('POST', '/api/devices/pairing/approve', {
          userCode: 'AAAA-AAAA',
          kind: 'tv',
          residentId: 'res-wang-xiuying',
        }),
      ),
    );
    const limit = LIMITS.pairingCodePerUser.maxFailures;
    assert.deepEqual(tally(responses.map((r) => r.status)), { 404: limit, 429: 300 - limit });
    // Another clinician is not held back by it.
    await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: 'res-wang-xiuying' });
  });
});
