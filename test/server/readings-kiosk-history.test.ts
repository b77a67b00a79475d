// A kiosk's outbox delivers after the shift or visit its writes were taken in has ended: authority
// from history (access/readings.ts, access/kiosk-shifts.ts), against real SQLite. Accepted after
// sign-out, idle sign-out and a visit's end; refused for a resident outside the care home, a
// takenAt outside any shift or visit, another kiosk, after 72 h, and a takenAt in the future.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFERRED_WRITE_MAX_DELAY_MS } from '../../src/server/access/readings.js';
import { STAFF_IDLE_MS } from '../../src/shared/roles.js';
import {
  ApiSession,
  deviceIdOf,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const ZHAO = 'res-zhao-guilan'; // a resident of 东河镇敬老院
const SUN = 'res-sun-fugui'; // another
const WANG = 'res-wang-xiuying'; // lives at home, not in the care home
const MA_LI = 'staff-ma-li';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let stack: TestStack;
let admin: ApiSession;

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
});
after(() => stack?.stop());

let counter = 0;
const newId = (prefix = 'h') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-test`;
const iso = (ms: number) => new Date(ms).toISOString();

/** A blood pressure as the kiosk's outbox keeps it: taken at `takenAt`, naming who took it. */
function reading<By extends { staffId: string } | { visitId: string }>(
  patientId: string,
  takenAt: number,
  by: By,
) {
  return {
    id: newId(),
    patientId,
    values: { measure: 'blood_pressure', systolic: 132, diastolic: 84, pulse: 70 },
    takenAt: iso(takenAt),
    source: 'manual',
    setting: 'office',
    ...by,
  };
}

const stored = async (id: string) =>
  stack.api.db.selectFrom('readings').select(['id', 'authorId']).where('id', '=', id).execute();

async function staffOf(kiosk: ApiSession): Promise<unknown> {
  const body = (await (await kiosk.send('GET', '/api/auth/session')).json()) as { actor: { staff: unknown } };
  return body.actor.staff;
}

/** Moves the kiosk's shift into the past, as if it had been signed in `startedAgo` and last active `activeAgo`. */
async function backdateShift(deviceId: string, startedAgoMs: number, activeAgoMs: number): Promise<void> {
  const now = Date.now();
  await stack.api.db
    .updateTable('kioskStaffShifts')
    .set({ startedAt: iso(now - startedAgoMs), lastActiveAt: iso(now - activeAgoMs) })
    .where('deviceId', '=', deviceId)
    .execute();
}

describe('a care-home kiosk delivers after the nurse’s shift ended', () => {
  test('taken while signed in, sent after sign-out: stored once, as the nurse’s', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const taken = reading(ZHAO, Date.now(), { staffId: MA_LI });
    assert.equal((await kiosk.send('DELETE', '/api/kiosk/staff-session')).status, 200);
    assert.equal(await staffOf(kiosk), null);
    const sent = await kiosk.send('POST', '/api/readings', taken);
    assert.equal(sent.status, 201);
    assert.deepEqual(await stored(taken.id), [{ id: taken.id, authorId: MA_LI }]);
    // Without the nurse's name it is what it always was: a kiosk without staff, refused.
    const { staffId: _dropped, ...anonymous } = reading(ZHAO, Date.now(), { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', anonymous)).status, 404);
  });

  test('300 concurrent deliveries of the same write after sign-out store it once', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const taken = reading(SUN, Date.now(), { staffId: MA_LI });
    await kiosk.send('DELETE', '/api/kiosk/staff-session');
    const answers = await Promise.all(
      Array.from({ length: 300 }, () => kiosk.send('POST', '/api/readings', taken)),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 201).length, 1, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 200).length, 299);
    assert.equal((await stored(taken.id)).length, 1);
  });

  test('after the idle sign-out: inside the shift accepted, and each accepted write keeps it live', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const deviceId = await deviceIdOf(kiosk);
    // The network went down 40 minutes ago with the nurse at work; the API last saw her then.
    await backdateShift(deviceId, 60 * MINUTE, 40 * MINUTE);
    await stack.api.db
      .updateTable('sessions')
      .set({ staffExpiresAt: iso(Date.now() - 40 * MINUTE + STAFF_IDLE_MS) })
      .where('deviceId', '=', deviceId)
      .where('staffUserId', '=', MA_LI)
      .execute();
    assert.equal(await staffOf(kiosk), null, 'the API has signed her out for idling');
    const now = Date.now();
    // Taken offline 30, 18 and 6 minutes ago: each within the idle time of the one before.
    const round = [30, 18, 6].map((ago) => reading(ZHAO, now - ago * MINUTE, { staffId: MA_LI }));
    // Before the first is in, the last is beyond what the API knows of the shift.
    assert.equal((await kiosk.send('POST', '/api/readings', round[2])).status, 404);
    for (const taken of round) assert.equal((await kiosk.send('POST', '/api/readings', taken)).status, 201);
    // The shift's last activity is now the last write's: the next one is judged from there.
    const stale = await stack.api.db
      .selectFrom('kioskStaffShifts')
      .select('lastActiveAt')
      .where('deviceId', '=', deviceId)
      .executeTakeFirstOrThrow();
    assert.equal(stale.lastActiveAt, round[2]?.takenAt);
  });

  test('a write taken more than the idle time after the last activity is refused', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const deviceId = await deviceIdOf(kiosk);
    await backdateShift(deviceId, 60 * MINUTE, 40 * MINUTE);
    await kiosk.send('DELETE', '/api/kiosk/staff-session');
    const late = reading(ZHAO, Date.now() - 40 * MINUTE + STAFF_IDLE_MS + MINUTE, { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', late)).status, 404);
    assert.deepEqual(await stored(late.id), []);
  });

  test('refused for a resident outside the care home, before the shift, and after a later sign-in', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const signedInAt = Date.now();
    const outsider = reading(WANG, signedInAt, { staffId: MA_LI });
    const before = reading(ZHAO, signedInAt - 10 * MINUTE, { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', outsider)).status, 404);
    await kiosk.send('DELETE', '/api/kiosk/staff-session');
    assert.equal((await kiosk.send('POST', '/api/readings', outsider)).status, 404);
    assert.equal((await kiosk.send('POST', '/api/readings', before)).status, 404);
    // Another nurse signs in: writes stamped after that are not 马丽's.
    const other = await kiosk.send('POST', '/api/kiosk/staff-session', {
      staffId: 'staff-he-jun',
      pin: '135790',
    });
    assert.equal(other.status, 200);
    const afterHer = reading(ZHAO, Date.now() + 1000, { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', afterHer)).status, 404);
    // The live nurse's own write, named, is hers.
    const hers = reading(ZHAO, Date.now(), { staffId: 'staff-he-jun' });
    assert.equal((await kiosk.send('POST', '/api/readings', hers)).status, 201);
    assert.deepEqual(await stored(hers.id), [{ id: hers.id, authorId: 'staff-he-jun' }]);
    for (const r of [outsider, before, afterHer]) assert.deepEqual(await stored(r.id), []);
  });

  test('another kiosk cannot deliver on this kiosk’s shift', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const other = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const taken = reading(ZHAO, Date.now(), { staffId: MA_LI });
    assert.equal((await other.send('POST', '/api/readings', taken)).status, 404);
    await kiosk.send('DELETE', '/api/kiosk/staff-session');
    assert.equal((await other.send('POST', '/api/readings', taken)).status, 404);
    assert.deepEqual(await stored(taken.id), []);
  });

  test('72 hours after it was taken the shift no longer vouches for it', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const deviceId = await deviceIdOf(kiosk);
    await kiosk.send('DELETE', '/api/kiosk/staff-session');
    await stack.api.db
      .updateTable('kioskStaffShifts')
      .set({
        startedAt: iso(Date.now() - 80 * HOUR),
        lastActiveAt: iso(Date.now() - 65 * HOUR),
        endedAt: null,
      })
      .where('deviceId', '=', deviceId)
      .execute();
    const tooLate = reading(ZHAO, Date.now() - DEFERRED_WRITE_MAX_DELAY_MS - MINUTE, { staffId: MA_LI });
    const inTime = reading(ZHAO, Date.now() - DEFERRED_WRITE_MAX_DELAY_MS + 10 * MINUTE, { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', tooLate)).status, 404);
    assert.equal((await kiosk.send('POST', '/api/readings', inTime)).status, 201);
    assert.deepEqual(await stored(tooLate.id), []);
  });
});

describe('a self-service kiosk delivers after the visit ended', () => {
  async function visit(kiosk: ApiSession): Promise<string> {
    const answer = await kiosk.send('POST', '/api/kiosk/visits', {
      idCardSuffix: '3426',
      birthDate: '1946-03-12',
    });
    assert.equal(answer.status, 200);
    return ((await answer.json()) as { id: string }).id;
  }

  test('taken in the visit, sent after Back-to-start: stored as the visit’s', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const visitId = await visit(kiosk);
    const taken = { ...reading(WANG, Date.now(), { visitId }), setting: 'home' };
    assert.equal((await kiosk.send('DELETE', '/api/kiosk/visits')).status, 200);
    assert.equal((await kiosk.send('POST', '/api/readings', taken)).status, 201);
    assert.deepEqual(await stored(taken.id), [{ id: taken.id, authorId: `visit:${visitId}` }]);
  });

  test('refused for another resident, a takenAt outside the visit, and another kiosk', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const other = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    const visitId = await visit(kiosk);
    const now = Date.now();
    const wrongResident = reading(ZHAO, now, { visitId });
    const beforeVisit = reading(WANG, now - 10 * MINUTE, { visitId });
    const elsewhere = reading(WANG, now, { visitId });
    await kiosk.send('DELETE', '/api/kiosk/visits');
    const afterEnd = reading(WANG, Date.now() + 1000, { visitId });
    assert.equal((await kiosk.send('POST', '/api/readings', wrongResident)).status, 404);
    assert.equal((await kiosk.send('POST', '/api/readings', beforeVisit)).status, 404);
    assert.equal((await kiosk.send('POST', '/api/readings', afterEnd)).status, 404);
    assert.equal((await other.send('POST', '/api/readings', elsewhere)).status, 404);
    for (const r of [wrongResident, beforeVisit, afterEnd, elsewhere])
      assert.deepEqual(await stored(r.id), []);
  });
});

describe('takenAt in the future of the server clock', () => {
  test('more than 5 minutes ahead is a 400 and nothing is stored; a second ahead is fine', async () => {
    const kiosk = await kioskWithStaff(stack, admin);
    const ahead = reading(ZHAO, Date.now() + 10 * MINUTE, { staffId: MA_LI });
    const answer = await kiosk.send('POST', '/api/readings', ahead);
    assert.equal(answer.status, 400);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'validation_failed');
    assert.match(body.error.message, /takenAt: .*future/);
    assert.deepEqual(await stored(ahead.id), []);
    const tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: WANG });
    const { staffId: _unused, ...own } = reading(WANG, Date.now() + 10 * HOUR, { staffId: MA_LI });
    assert.equal((await tv.send('POST', '/api/readings', own)).status, 400);
    const nearlyNow = reading(ZHAO, Date.now() + 1000, { staffId: MA_LI });
    assert.equal((await kiosk.send('POST', '/api/readings', nearlyNow)).status, 201);
  });
});
