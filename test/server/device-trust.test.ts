// What a paired device is trusted with (issue 12 §2): a superseded credential is reuse outside one
// short grace; a TV an administrator pairs to a resident waits for the family doctor; every audit
// row of a device names the device and who paired it; auto-answer is per device and care team.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallDesk } from '../../src/server/consultations/call-desk.js';
import { WaitingRoom } from '../../src/server/consultations/queue.js';
import { ROTATION_GRACE_MS } from '../../src/server/identity/devices.js';
import { PushHub } from '../../src/server/push/push-hub.js';
import { json } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import { ApiSession, deviceIdOf, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
let zhang: ApiSession;
let admin: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  admin = await signIn(stack, 'zhoulei');
});
after(() => stack?.stop());

const device = (id: string) =>
  stack.api.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const renew = (credential: string) => {
  const session = new ApiSession(stack.api.url);
  session.cookies.set('dah_device', credential);
  return session.send('POST', '/api/devices/session');
};
const reuseAudit = (deviceId: string) =>
  stack.api.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', 'device.credential-reused')
    .where('target', '=', deviceId)
    .execute();

describe('a superseded device credential', () => {
  test('the one just replaced works once within the grace; a second use is reuse: revoked and audited with the device', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const id = await deviceIdOf(tv);
    const first = tv.cookies.get('dah_device') as string;
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    const rotatedAt = (await device(id)).credentialRotatedAt;
    // The answer with the new credential was lost: the old one, once, still works...
    assert.equal((await renew(first)).status, 200);
    // ...without starting a new window.
    assert.equal((await device(id)).credentialRotatedAt, rotatedAt);
    assert.equal((await device(id)).revokedAt, null);
    // Twice is a copy, even within the window.
    assert.equal((await renew(first)).status, 401);
    assert.ok((await device(id)).revokedAt);
    const [row] = await reuseAudit(id);
    assert.equal(row?.deviceId, id);
    assert.equal(row?.patientId, 'res-wang-xiuying');
    assert.equal(row?.devicePairedBy, 'dr-zhang-wei');
  });

  test('an older credential (two rotations back) is reuse at once; one out of the window too', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    const id = await deviceIdOf(tv);
    const first = tv.cookies.get('dah_device') as string;
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    assert.equal((await renew(first)).status, 401);
    assert.ok((await device(id)).revokedAt);
    assert.equal((await reuseAudit(id)).length, 1);

    const other = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    const otherId = await deviceIdOf(other);
    const old = other.cookies.get('dah_device') as string;
    assert.equal((await other.send('POST', '/api/devices/session')).status, 200);
    await stack.api.db
      .updateTable('devices')
      .set({ credentialRotatedAt: new Date(Date.now() - ROTATION_GRACE_MS - 1000).toISOString() })
      .where('id', '=', otherId)
      .execute();
    await stack.api.db
      .updateTable('supersededCredentials')
      .set({ supersededAt: new Date(Date.now() - ROTATION_GRACE_MS - 1000).toISOString() })
      .where('deviceId', '=', otherId)
      .execute();
    assert.equal((await renew(old)).status, 401);
    assert.ok((await device(otherId)).revokedAt);
  });

  test('a few hundred concurrent uses of the replaced credential: at most one gets through, then the device is revoked', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const id = await deviceIdOf(tv);
    const first = tv.cookies.get('dah_device') as string;
    assert.equal((await tv.send('POST', '/api/devices/session')).status, 200);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => renew(first).then((r) => r.status)));
    assert.ok(
      statuses.filter((s) => s === 200).length <= 1,
      String(statuses.filter((s) => s === 200).length),
    );
    assert.ok((await device(id)).revokedAt);
  });
});

describe("pairing a resident's TV", () => {
  test('paired by an administrator: no session until her family doctor confirms; only he may', async () => {
    // Her family doctor's console hears of it at once; another doctor's does not.
    const zhao = await signIn(stack, 'zhaomin');
    const zhangEvents = await openEvents(zhang);
    const zhaoEvents = await openEvents(zhao);
    const tv = new ApiSession(stack.api.url);
    const start = await json<{ deviceCode: string; userCode: string }>(
      await tv.send('POST', '/api/devices/pairing', { kind: 'tv' }),
      200,
    );
    const paired = await json<{ id: string; confirmed: boolean; pairedByName: string }>(
      await admin.send('POST', '/api/devices/pairing/approve', {
        userCode: start.userCode,
        kind: 'tv',
        residentId: 'res-wang-xiuying',
      }),
      200,
    );
    assert.equal(paired.confirmed, false);
    const told = await zhangEvents.next((e) => e.type === 'device-awaits-confirmation');
    assert.ok(told.event.type === 'device-awaits-confirmation');
    assert.deepEqual(
      [told.event.device.id, told.event.device.residentName, told.event.device.pairedByName],
      [paired.id, '王秀英', '周磊'],
    );
    await assert.rejects(
      zhaoEvents.next((e) => e.type === 'device-awaits-confirmation', 500),
      'another doctor is not told',
    );
    zhangEvents.close();
    zhaoEvents.close();
    // The TV is told whom it waits for, so that it can say so.
    const poll = () => tv.send('POST', '/api/devices/pairing/poll', { deviceCode: start.deviceCode });
    const pending = await poll();
    assert.equal(pending.status, 400);
    assert.equal(((await pending.json()) as { error: { code: string } }).error.code, 'confirmation_pending');
    assert.equal((await tv.send('GET', '/api/patients/res-wang-xiuying')).status, 401);
    // The administrator cannot confirm it, nor can another doctor (who does not even see it).
    assert.equal((await admin.send('POST', `/api/devices/${paired.id}/confirm`)).status, 403);
    assert.equal((await zhao.send('POST', `/api/devices/${paired.id}/confirm`)).status, 404);
    // Her family doctor sees it waiting, with who paired it, and confirms it.
    const listed = await json<{ devices: { id: string; confirmed: boolean; pairedByName: string }[] }>(
      await zhang.send('GET', '/api/devices'),
      200,
    );
    assert.deepEqual(
      listed.devices.find((d) => d.id === paired.id),
      { ...listed.devices.find((d) => d.id === paired.id), confirmed: false, pairedByName: '周磊' },
    );
    assert.equal(
      (await json<{ confirmed: boolean }>(await zhang.send('POST', `/api/devices/${paired.id}/confirm`), 200))
        .confirmed,
      true,
    );
    assert.equal((await zhang.send('POST', `/api/devices/${paired.id}/confirm`)).status, 409);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.equal((await poll()).status, 200);
    assert.equal((await tv.send('GET', '/api/patients/res-wang-xiuying')).status, 200);
  });

  test('a kiosk and a family doctor’s own pairing need no confirmation', async () => {
    const kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
    assert.equal((await kiosk.send('GET', '/api/auth/session')).status, 200);
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    assert.equal((await tv.send('GET', '/api/auth/session')).status, 200);
  });

  test('the resident’s TV lists every device bound to her, with who paired it; not others’', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
    const mine = await json<{ devices: { id: string; residentId: string; pairedByName: string }[] }>(
      await tv.send('GET', '/api/devices/mine'),
      200,
    );
    const own = await deviceIdOf(tv);
    assert.ok(mine.devices.some((d) => d.id === own));
    assert.ok(mine.devices.length >= 2);
    assert.ok(mine.devices.every((d) => d.residentId === 'res-wang-xiuying'));
    assert.ok(
      mine.devices.some((d) => d.pairedByName === '周磊'),
      'the one the administrator paired shows',
    );
  });

  test('every audit row a device session makes names the device and who approved its pairing', async () => {
    const tv = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-liu-changshan' });
    const id = await deviceIdOf(tv);
    assert.equal((await tv.send('GET', '/api/patients/res-liu-changshan')).status, 200);
    const rows = await stack.api.db.selectFrom('auditLog').selectAll().where('deviceId', '=', id).execute();
    assert.ok(
      rows.some((r) => r.action === 'patient.read'),
      JSON.stringify(rows.map((r) => r.action)),
    );
    for (const row of rows) {
      assert.equal(row.actorId, 'res-liu-changshan');
      assert.equal(row.devicePairedBy, 'dr-zhang-wei');
    }
  });
});

describe('auto-answer is per device, and only for the care team', () => {
  test('only the screen whose own setting is on answers by itself, and only for a doctor of her area', async () => {
    const lifang = await signIn(stack, 'lifang');
    const trusted = await pairDevice(stack, lifang, { kind: 'tv', residentId: 'res-sun-fugui' });
    const plain = await pairDevice(stack, lifang, { kind: 'tv', residentId: 'res-sun-fugui' });
    await json(
      await lifang.send('PUT', `/api/devices/${await deviceIdOf(trusted)}/auto-answer`, { autoAnswer: true }),
      200,
    );
    const trustedEvents = await openEvents(trusted);
    const plainEvents = await openEvents(plain);
    try {
      // Zhang Wei is not her family doctor but a doctor of her area: her care team.
      const ringing = await json<{ id: string }>(
        await zhang.send('POST', '/api/consultations', { patientId: 'res-sun-fugui', reason: '随访' }),
        201,
      );
      const onTrusted = await trustedEvents.next((e) => e.type === 'ring');
      const onPlain = await plainEvents.next((e) => e.type === 'ring');
      assert.equal(onTrusted.event.type === 'ring' && onTrusted.event.autoAnswerSeconds, 10);
      assert.equal(onPlain.event.type === 'ring' && onPlain.event.autoAnswerSeconds, null);
      await json(await zhang.send('POST', `/api/consultations/${ringing.id}/cancel`), 200);
    } finally {
      trustedEvents.close();
      plainEvents.close();
    }
    // A call from outside her care team (a doctor of another township) never answers by itself.
    const push = new PushHub(stack.api.db);
    const desk = new CallDesk(
      stack.api.db,
      push,
      new WaitingRoom(stack.api.db, push),
      stack.api.livekit,
      stack.api.logger,
    );
    const outside = await desk.ring('dr-zhao-min', 'res-sun-fugui', '随访');
    const fresh = await openEvents(trusted);
    try {
      const ring = await fresh.next((e) => e.type === 'ring' && e.consultationId === outside.id);
      assert.equal(ring.event.type === 'ring' && ring.event.autoAnswerSeconds, null);
    } finally {
      fresh.close();
      await stack.api.db
        .updateTable('consultations')
        .set({ status: 'missed' })
        .where('id', '=', outside.id)
        .execute();
    }
  });
});
