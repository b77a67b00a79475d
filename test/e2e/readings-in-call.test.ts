// Live in the call (issue 14 item 7), end to end: the resident's TV and the doctor's console in
// real Chromium against the real API and LiveKit. During a follow-up call the TV measures a blood
// pressure by remote (测量给医生看, the digits, OK); the doctor's call page shows it within a second
// of the API storing it, attached to that consultation, and it stays with the summary.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectVideoDecoding, remoteVideo } from '../support/browser.js';
import { browserSuite } from '../support/e2e-suite.js';
import { pairDevice, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';
const DOCTOR = 'dr-zhang-wei';

let stack: TestStack;
let doctor: ApiSession;
let tvWang: ApiSession;

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
});

test('a blood pressure entered by remote during a call shows on the doctor’s call page and in the summary', async (t) => {
  const tv = await pageOf(tvWang, '/tv');
  await tv.locator('dah-tv-home h1').waitFor();
  const desk = await pageOf(doctor, '/console', { width: 1440, height: 900 });
  const form = desk.locator('dah-console-follow-up');
  await form.locator('#patient').selectOption(WANG);
  await form.locator('#reason').fill('血压随访');
  await form.getByRole('button', { name: '呼叫' }).click();
  await desk.waitForURL(/\/console\/call\/c-/);
  const consultationId = new URL(desk.url()).pathname.split('/').pop() as string;
  // The TV rings; OK answers.
  await tv.locator('dah-incoming-call').getByRole('button', { name: '接听' }).waitFor({ timeout: 15_000 });
  await tv.keyboard.press('Enter');
  await tv.waitForURL(`${stack.api.url}/tv/call/${consultationId}`, { timeout: 20_000 });
  await expectVideoDecoding(remoteVideo(tv, DOCTOR));
  const readings = desk.locator('dah-console-call [data-call-readings]');
  await readings.getByText('还没有', { exact: false }).waitFor();

  // By remote: to 测量给医生看 with the arrows, OK, then 1 4 2, 8 8, OK.
  const measure = tv.getByRole('button', { name: '测量给医生看' });
  await measure.waitFor();
  for (let i = 0; i < 6 && !(await measure.evaluate((b) => b.matches(':focus'))); i++) {
    await tv.keyboard.press('ArrowRight');
  }
  assert.ok(await measure.evaluate((b) => b.matches(':focus')), '测量给医生看 reached by the arrows');
  await tv.keyboard.press('Enter');
  const panel = tv.locator('dah-call-screen [data-measure-panel] dah-readings-screen');
  await panel.locator('[data-field="systolic"]').waitFor();
  for (const key of '142') await tv.keyboard.press(key);
  await panel.locator('[data-field="diastolic"]').waitFor();
  for (const key of '88') await tv.keyboard.press(key);
  const stored = tv.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/readings' && r.request().method() === 'POST',
  );
  await tv.keyboard.press('Enter');
  const response = await stored;
  assert.equal(response.status(), 201);
  const body = (await response.json()) as { consultationId: string; id: string; receivedAt: string };
  assert.equal(body.consultationId, consultationId);

  // The doctor's call page, within a second of the API storing it: the page notes the moment it
  // draws it (polled each frame, through the shadow roots), against the time the API stored it.
  const drawnAt = await desk.waitForFunction(
    (id) =>
      window.__openRoots().some((root) => root.querySelector(`[data-reading="${id}"]`)) ? Date.now() : false,
    body.id,
    { polling: 'raf', timeout: 5_000 },
  );
  const elapsed = ((await drawnAt.jsonValue()) as number) - Date.parse(body.receivedAt);
  t.diagnostic(`shown on the doctor's call page ${elapsed} ms after the API stored it`);
  assert.ok(elapsed < 1000, `shown on the doctor's call page ${elapsed} ms after the API stored it`);
  const shown = readings.locator(`[data-reading="${body.id}"]`);
  assert.match((await shown.innerText()).replace(/\s+/g, ' '), /血压 142\/88 mmHg/);
  // The call is still on for the resident.
  assert.equal(new URL(tv.url()).pathname, `/tv/call/${consultationId}`);

  // The doctor ends with a summary: the readings stay beside it, and in the consultation's record.
  await desk.locator('#diagnosis').fill('家庭血压偏高');
  await desk.getByRole('button', { name: /结束问诊/ }).click();
  const ended = desk.locator('dah-console-call .ended');
  await ended.getByText('家庭血压偏高').waitFor({ timeout: 20_000 });
  await ended.locator(`[data-reading="${body.id}"]`).getByText('142/88', { exact: false }).waitFor();
  const detail = (await (await doctor.send('GET', `/api/consultations/${consultationId}`)).json()) as {
    readings: { id: string; consultationId: string }[];
  };
  assert.deepEqual(
    detail.readings.map((r) => [r.id, r.consultationId]),
    [[body.id, consultationId]],
  );
});
