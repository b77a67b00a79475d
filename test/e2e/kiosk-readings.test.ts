// The care home's morning round end to end (issue 14 §8): a real Chromium kiosk with a nurse
// signed in, against the real API (and LiveKit, started by the suite): the nurse measures a
// resident by touch, goes on with one press to the next resident and types theirs with the
// keyboard's digits; the API then returns both readings, each the resident's, taken by the nurse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite } from '../support/e2e-suite.js';
import { kioskWithStaff, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const ZHAO = 'res-zhao-guilan';

let stack: TestStack;
let doctor: ApiSession;
let kiosk: ApiSession;

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'lifang');
  kiosk = await kioskWithStaff(stack, await signIn(stack, 'zhoulei'));
});

interface StoredReading {
  id: string;
  values: { systolic: number; diastolic: number };
  authorId: string;
  setting: string;
  colour: string | null;
}

async function readingsOf(patientId: string): Promise<StoredReading[]> {
  const response = await doctor.send('GET', `/api/patients/${patientId}/readings?days=7`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { readings: StoredReading[] }).readings;
}

async function waitForReading(patientId: string, systolic: number): Promise<StoredReading> {
  for (let i = 0; i < 100; i++) {
    const found = (await readingsOf(patientId)).find((r) => r.values.systolic === systolic);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no reading ${systolic} for ${patientId}`);
}

test('the nurse measures a resident, goes on to the next in one press; the API returns both readings as theirs', async () => {
  const page = await pageOf(kiosk, '/kiosk');
  await page.getByRole('button', { name: '量血压' }).click();
  await page.getByRole('button', { name: /^赵桂兰/ }).click();
  await page.waitForURL(`${stack.api.url}/kiosk/measure/${ZHAO}`);
  const pad = page.locator('dah-number-pad');
  for (const key of ['1', '3', '8', '8', '6']) await pad.locator(`button[data-key="${key}"]`).click();
  await pad.locator('button[data-key="submit"]').click();
  await page.getByText(/赵桂兰 138\/86 mmHg/).waitFor();

  // One press from the result to the next resident's pad.
  const next = page.getByRole('button', { name: /^下一位/ });
  const nextName = ((await next.textContent()) ?? '')
    .replace(/^\s*下一位：/, '')
    .replace(/（.*$/s, '')
    .trim();
  await next.click();
  await page.waitForURL(/\/kiosk\/measure\/(?!res-zhao-guilan)/);
  const nextId = new URL(page.url()).pathname.split('/').pop() as string;
  await page.locator('[data-field="systolic"]').waitFor();
  await pad.locator('button[data-key="1"]').focus();
  for (const key of ['1', '2', '4', '7', '8']) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
  await page.getByText(`${nextName} 124/78 mmHg`).waitFor();

  const zhao = await waitForReading(ZHAO, 138);
  assert.deepEqual(
    { values: [zhao.values.systolic, zhao.values.diastolic], author: zhao.authorId, setting: zhao.setting },
    { values: [138, 86], author: 'staff-ma-li', setting: 'office' },
  );
  const second = await waitForReading(nextId, 124);
  assert.equal(second.values.diastolic, 78);
  assert.equal(second.authorId, 'staff-ma-li');
  // Stored once each: the outbox's retries never make a second row.
  assert.equal((await readingsOf(ZHAO)).filter((r) => r.values.systolic === 138).length, 1);
});
