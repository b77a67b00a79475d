// The consultation end to end, three real Chromium pages (the resident's TV, the doctor's and the
// specialist's consoles) against the real API and LiveKit with fake cameras and microphones.
import { personOfIdentity } from '../../src/shared/consultations/participant.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { expectVideoDecoding, remoteVideo } from '../support/browser.js';
import { browserSuite } from '../support/e2e-suite.js';
import { roomNameFor } from '../../src/server/consultations/consultations.js';
import { pairDevice, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const LIU = 'res-liu-changshan';
const DOCTOR = 'dr-zhang-wei';
const SPECIALIST = 'sp-chen-jianguo';

let stack: TestStack;
let doctor: ApiSession;
let tvWang: ApiSession;
let tvLiu: ApiSession;

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
  tvLiu = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
});

/** The resident as LiveKit lists her in a consultation's room, or undefined when she is not there. */
async function residentInRoom(consultationId: string, identity: string) {
  const participants = await stack.api.livekit.rooms
    .listParticipants(roomNameFor(consultationId))
    .catch(() => []);
  // A TV joins as `<personId>#<deviceId>` (shared/consultations/participant.ts).
  return participants.find((p) => personOfIdentity(p.identity) === identity);
}

/** Polls until `check` holds for the resident's presence in the room. */
async function waitForResidentInRoom(
  consultationId: string,
  identity: string,
  check: (participant: Awaited<ReturnType<typeof residentInRoom>>) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check(await residentInRoom(consultationId, identity))) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many remote camera videos a page is showing. */
const remoteVideoCount = (page: Page) => page.locator('video[data-remote-identity]').count();

async function waitForCount(page: Page, expected: number, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let count = -1;
  while (Date.now() < deadline) {
    count = await remoteVideoCount(page);
    if (count === expected) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`${what}: ${count} remote videos, expected ${expected}`);
}

test('the resident asks, the doctor admits, a specialist joins and leaves, the doctor ends with a summary', async () => {
  // The resident: 视频问诊 → 家庭医生 → skip the check → the waiting room.
  const tv = await pageOf(tvWang, '/tv/consult');
  await tv.getByRole('button', { name: /家庭医生/ }).click();
  await tv.getByRole('button', { name: '跳过检查' }).click();
  await tv.waitForURL(`${stack.api.url}/tv/waiting`);
  await tv.getByText('下一位就是您，医生马上就来。').waitFor({ timeout: 15_000 });

  // The doctor's queue lists her; 接诊 opens the call for both.
  const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
  await desk.getByRole('button', { name: '接诊 王秀英' }).click();
  await desk.waitForURL(/\/console\/call\/c-/);
  await tv.waitForURL(/\/tv\/call\/c-/);
  const consultationId = new URL(desk.url()).pathname.split('/').pop() as string;
  const [doctorOnTv, wangOnDesk] = await Promise.all([
    expectVideoDecoding(remoteVideo(tv, DOCTOR)),
    expectVideoDecoding(remoteVideo(desk, WANG)),
  ]);
  assert.ok(doctorOnTv.frames >= 5 && wangOnDesk.frames >= 5);

  // A specialist from the county hospital: invited from the call page, accepts on their console.
  const specialistSession = await signIn(stack, 'chenjianguo');
  const specialist = await pageOf(specialistSession, '/console', { width: 1440, height: 900 });
  await desk.getByRole('button', { name: '邀请 陈建国' }).click();
  await specialist.getByRole('button', { name: /接受并加入/ }).click();
  await specialist.waitForURL(`${stack.api.url}/console/call/${consultationId}`);
  await Promise.all([
    expectVideoDecoding(remoteVideo(tv, SPECIALIST)),
    expectVideoDecoding(remoteVideo(tv, DOCTOR)),
    expectVideoDecoding(remoteVideo(specialist, WANG)),
    expectVideoDecoding(remoteVideo(desk, SPECIALIST)),
  ]);
  await waitForCount(tv, 2, 'three on one screen: the TV shows both clinicians');
  // Names and roles on the TV, in words.
  await tv.getByText('陈建国', { exact: false }).first().waitFor();

  // The specialist leaves: the TV returns to the two-party layout.
  await specialist.context().close();
  await waitForCount(tv, 1, 'after the specialist left');

  // The doctor ends with a summary; the TV shows it in large text, and it stays in the record.
  await desk.locator('#diagnosis').fill('血压偏高，头晕与血压有关');
  await desk.locator('#advice').fill('每天早晚各量一次血压；少吃盐。');
  await desk.getByRole('button', { name: /结束问诊/ }).click();
  await tv.waitForURL(`${stack.api.url}/tv/summary/${consultationId}`, { timeout: 20_000 });
  await tv.getByText('血压偏高，头晕与血压有关').waitFor();
  await tv.getByText('每天早晚各量一次血压；少吃盐。').waitFor();
  const record = await (await tvWang.send('GET', `/api/consultations/${consultationId}`)).json();
  assert.equal((record as { summary: { diagnosis: string } }).summary.diagnosis, '血压偏高，头晕与血压有关');
});

test('a follow-up rings a trusted TV, which answers by itself after the countdown', async () => {
  const devices = (await (await doctor.send('GET', '/api/devices')).json()) as {
    devices: { id: string; residentId: string; revokedAt: string | null }[];
  };
  const device = devices.devices.find((d) => d.residentId === WANG && !d.revokedAt);
  assert.ok(device);
  assert.equal(
    (await doctor.send('PUT', `/api/devices/${device.id}/auto-answer`, { autoAnswer: true })).status,
    200,
  );
  try {
    const tv = await pageOf(tvWang, '/tv');
    await tv.locator('dah-tv-home h1').waitFor();
    // The doctor calls from the console's follow-up form.
    const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
    const form = desk.locator('dah-console-follow-up');
    await form.locator('#patient').selectOption(WANG);
    await form.locator('#reason').fill('降压药吃了一周，看看效果');
    await form.getByRole('button', { name: '呼叫' }).click();
    await desk.waitForURL(/\/console\/call\/c-/);
    // The TV rings with a visible countdown and connects without a key press.
    await tv
      .locator('dah-incoming-call')
      .getByText('张伟', { exact: false })
      .first()
      .waitFor({ timeout: 15_000 });
    await tv.getByText(/秒后自动接通/).waitFor();
    // While it rings the TV stands by in the room: hidden, sending nothing, and the doctor sees no one.
    const consultationId = new URL(desk.url()).pathname.split('/').pop() as string;
    await waitForResidentInRoom(
      consultationId,
      WANG,
      (p) => p?.permission?.hidden === true && p.permission.canPublish === false && p.tracks.length === 0,
      'the ringing TV standing by, hidden and sending nothing',
    );
    assert.equal(await remoteVideoCount(desk), 0, 'the doctor sees nobody before the answer');
    await tv.waitForURL(/\/tv\/call\/c-/, { timeout: 20_000 });
    await Promise.all([
      expectVideoDecoding(remoteVideo(tv, DOCTOR)),
      expectVideoDecoding(remoteVideo(desk, WANG)),
    ]);
    // Answered: the same participant, now seen and sending.
    await waitForResidentInRoom(
      consultationId,
      WANG,
      (p) => p?.permission?.hidden === false && p.permission.canPublish === true && p.tracks.length > 0,
      'the answered TV visible and sending',
    );
    await desk.locator('#diagnosis').fill('血压控制良好');
    await desk.getByRole('button', { name: /结束问诊/ }).click();
    await tv.waitForURL(/\/tv\/summary\//, { timeout: 20_000 });
  } finally {
    await doctor.send('PUT', `/api/devices/${device.id}/auto-answer`, { autoAnswer: false });
  }
});

test('a declined ring: the TV that stood by leaves the room, and the doctor never saw it', async () => {
  const tv = await pageOf(tvWang, '/tv');
  await tv.locator('dah-tv-home h1').waitFor();
  const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
  const form = desk.locator('dah-console-follow-up');
  await form.locator('#patient').selectOption(WANG);
  await form.locator('#reason').fill('复查血糖');
  await form.getByRole('button', { name: '呼叫' }).click();
  await desk.waitForURL(/\/console\/call\/c-/);
  const consultationId = new URL(desk.url()).pathname.split('/').pop() as string;
  await tv.locator('dah-incoming-call').waitFor({ timeout: 15_000 });
  await waitForResidentInRoom(consultationId, WANG, (p) => p?.permission?.hidden === true, 'standing by');
  await tv.keyboard.press('Escape');
  await waitForResidentInRoom(consultationId, WANG, (p) => p === undefined, 'the standby gone');
  // Home again, as it was; the doctor's page never showed her.
  await tv.locator('dah-tv-home h1').waitFor();
  assert.equal(await tv.locator('dah-call-screen').count(), 0);
  assert.equal(await remoteVideoCount(desk), 0);
});

test('the red key puts an urgent request at the top of the doctor’s queue, with an alert', async () => {
  // Someone is already waiting for the family doctor.
  assert.equal((await tvLiu.send('POST', '/api/queue', { doctor: 'family', reason: '复诊' })).status, 201);
  const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
  await desk.getByRole('button', { name: '接诊 刘长山' }).waitFor();
  const tv = await pageOf(tvWang, '/tv');
  await tv.locator('dah-tv-home h1').waitFor();
  await tv.keyboard.press('F1');
  await tv.waitForURL(`${stack.api.url}/tv/emergency`);
  await tv.getByText('情况危急时，请马上拨打 120 急救电话。').waitFor();
  // The console: a 紧急 banner, and Wang first in the list, marked in words.
  await desk.getByText('紧急：王秀英需要马上接诊').waitFor({ timeout: 15_000 });
  const rows = desk.locator('dah-console-queue tr[data-entry-id]');
  await assert.doesNotReject(rows.first().getByText('王秀英').waitFor());
  assert.match((await rows.first().innerText()).replace(/\s+/g, ''), /紧急.*王秀英/);
  assert.match((await rows.nth(1).innerText()).replace(/\s+/g, ''), /刘长山/);
  // The doctor takes her at once; the TV goes into the call.
  await desk.getByRole('button', { name: '立即接诊' }).click();
  await tv.waitForURL(/\/tv\/call\/c-/, { timeout: 20_000 });
  await expectVideoDecoding(remoteVideo(tv, DOCTOR));
});
