// A consultation asked for at a care-home kiosk, end to end: two real Chromium pages (the kiosk with
// a nurse signed in, the family doctor's console) against the real API and LiveKit with fake
// cameras and microphones. The nurse does everything by touch (the kiosk's touch screen), and the
// live call and the summary get the checks every screen gets (issue 17): focus with a ring, 10-foot
// text, axe-core with 7:1 contrast, screenshots, at 720p and 1080p.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Page } from 'playwright-core';
import { expectVideoDecoding, remoteVideo } from '../support/browser.js';
import { browserSuite } from '../support/e2e-suite.js';
import { checkShown, injectAxe } from '../support/screen-checks.js';
import { deviceIdOf, kioskWithStaff, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const ZHAO = 'res-zhao-guilan';
const DOCTOR = 'dr-li-fang';

let stack: TestStack;
let doctor: ApiSession;
let kiosk: ApiSession;
let kioskId = '';

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'lifang');
  kiosk = await kioskWithStaff(stack, await signIn(stack, 'zhoulei'));
  kioskId = await deviceIdOf(kiosk);
});

/** The kiosk's screen as it is now, at 720p and at 1080p: every check, and its picture. */
async function checkKioskScreen(t: TestContext, page: Page, name: string): Promise<void> {
  await injectAxe(page);
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(size);
    await checkShown(t, page, 'screen', size, `kiosk-${name}`);
  }
}

test('the nurse asks a doctor for a resident at the kiosk by touch; the doctor admits, sees who and where, ends with a summary', async (t) => {
  // The kiosk: the resident list → 赵桂兰 → the family doctor → skip the check → the waiting room.
  const kioskPage = await pageOf(kiosk, '/kiosk', undefined, { hasTouch: true });
  await kioskPage.getByRole('button', { name: /^赵桂兰/ }).tap();
  await kioskPage.waitForURL(`${stack.api.url}/kiosk/consult/${ZHAO}`);
  await kioskPage.locator('#reason').tap();
  await kioskPage.locator('#reason').fill('血糖偏高，头晕');
  await kioskPage.getByRole('button', { name: /家庭医生/ }).tap();
  await kioskPage.getByRole('button', { name: '跳过检查' }).tap();
  await kioskPage.waitForURL(`${stack.api.url}/kiosk/waiting`);
  await kioskPage.getByText('正在为赵桂兰请医生视频问诊。').waitFor({ timeout: 15_000 });
  await kioskPage.getByText('下一位就是您，医生马上就来。').waitFor();

  // A reload keeps the place.
  await kioskPage.reload();
  await kioskPage.getByText('下一位就是您，医生马上就来。').waitFor({ timeout: 15_000 });

  // The doctor's queue says where she is and who is with her; 接诊 opens the call for both.
  const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
  const row = desk.locator('dah-console-queue tr[data-entry-id]').filter({ hasText: '赵桂兰' });
  await row.getByText('在东河镇敬老院，护理员马丽陪同').waitFor({ timeout: 15_000 });
  await row.getByText('血糖偏高，头晕').waitFor();
  await desk.getByRole('button', { name: '接诊 赵桂兰' }).click();
  await desk.waitForURL(/\/console\/call\/c-/);
  await kioskPage.waitForURL(/\/kiosk\/call\/c-/, { timeout: 20_000 });
  const consultationId = new URL(desk.url()).pathname.split('/').pop() as string;
  assert.equal(new URL(kioskPage.url()).pathname, `/kiosk/call/${consultationId}`);
  const [doctorOnKiosk, kioskOnDesk] = await Promise.all([
    expectVideoDecoding(remoteVideo(kioskPage, DOCTOR)),
    expectVideoDecoding(remoteVideo(desk, kioskId)),
  ]);
  assert.ok(doctorOnKiosk.frames >= 5 && kioskOnDesk.frames >= 5);
  // The doctor recognises the participant: the resident's name, where, with which nurse.
  const tile = desk.locator(`figure[data-identity="${kioskId}"]`);
  await tile.getByText('赵桂兰', { exact: true }).waitFor();
  await tile.getByText('在东河镇敬老院，护理员马丽陪同').waitFor();
  await checkKioskScreen(t, kioskPage, 'call-live');

  // The doctor ends with a summary; the kiosk shows it, then goes back to the resident list.
  await desk.locator('#diagnosis').fill('血糖偏高');
  await desk.locator('#advice').fill('晚饭少吃主食，明早空腹再测一次。');
  await desk.getByRole('button', { name: /结束问诊/ }).click();
  await kioskPage.waitForURL(`${stack.api.url}/kiosk/summary/${consultationId}`, { timeout: 20_000 });
  await kioskPage.getByText('晚饭少吃主食，明早空腹再测一次。').waitFor();
  await kioskPage.getByText('血糖偏高', { exact: true }).waitFor();
  await checkKioskScreen(t, kioskPage, 'summary-live');
  await kioskPage.getByRole('button', { name: '回到居民名单' }).tap();
  await kioskPage.waitForURL(`${stack.api.url}/kiosk`);
  await kioskPage.getByRole('button', { name: /^孙富贵/ }).waitFor();
  // The summary stays in her record.
  const record = (await (await doctor.send('GET', `/api/consultations/${consultationId}`)).json()) as {
    summary: { diagnosis: string };
  };
  assert.equal(record.summary.diagnosis, '血糖偏高');
});
