// Issue 18 item 2 and the fault suite of item 6: a TV whose storage is full. The origin's quota is
// forced down to what it already uses (CDP Storage.overrideQuotaForOrigin, as DevTools' 'simulate
// custom storage quota'), so IndexedDB refuses every new byte, while the TV is offline. A reading
// entered then is not lost: the TV says in words that storage is full and what to do, the reading
// already waiting in the outbox stays on disk, and both are delivered exactly once when the
// network returns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite } from '../support/e2e-suite.js';
import { pairDevice, signIn, type ApiSession } from '../support/stack.js';

const RESIDENT = 'res-wang-xiuying';
let tv: ApiSession;
let doctor: ApiSession;
const suite = browserSuite(async (stack) => {
  doctor = await signIn(stack, 'zhangwei');
  tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
});

/** Types a blood pressure with the remote's digits, as a resident does, and waits for the result. */
async function enterBloodPressure(page: Page, systolic: string, diastolic: string): Promise<void> {
  const screen = page.locator('dah-readings-screen');
  await screen.locator('[data-field="systolic"]').waitFor();
  for (const key of systolic) await page.keyboard.press(key);
  await screen.locator('[data-field="diastolic"]').waitFor();
  for (const key of diastolic) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
}

/** The ids of the outbox's writes on disk (IndexedDB), read in the page. */
function outboxOnDisk(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('dah-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('writes').objectStore('writes').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(String));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

async function storedReadings(): Promise<{ id: string; values: { systolic?: number } }[]> {
  const response = await doctor.send('GET', `/api/patients/${RESIDENT}/readings?days=7`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { readings: { id: string; values: { systolic?: number } }[] }).readings;
}

test(
  'storage full while offline: the reading is kept, the TV says so, nothing is evicted, both arrive once',
  { timeout: 180_000 },
  async () => {
    const page = await suite.pageOf(tv, '/tv/readings');
    const before = new Set((await storedReadings()).map((r) => r.id));
    await page.context().setOffline(true);
    await page.locator('[data-connection="offline"]').waitFor({ timeout: 20_000 });

    // One reading while offline, with room: on disk in the outbox.
    await enterBloodPressure(page, '131', '81');
    await page.locator('dah-readings-screen [data-focus-key="result"]').waitFor();
    const [waitingFirst] = await outboxOnDisk(page);
    assert.ok(waitingFirst, 'the first reading waits on disk');

    // The origin's quota forced to what it uses now: IndexedDB refuses any new byte. Chromium's
    // IndexedDB trusts the space it last looked up for up to 30 s, so wait until a small write of
    // our own is refused, as the outbox's will be.
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(page.url()).origin;
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
    const fillUntilRefused = () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('dah-test-filler', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('blobs');
        open.onerror = () => resolve(open.error?.name ?? 'error');
        open.onsuccess = () => {
          const tx = open.result.transaction('blobs', 'readwrite');
          tx.objectStore('blobs').put(new Uint8Array(1024), 'filler');
          tx.oncomplete = () => {
            open.result.close();
            resolve('stored');
          };
          tx.onabort = () => {
            open.result.close();
            resolve(tx.error?.name ?? 'aborted');
          };
        };
      });
    const deadline = Date.now() + 60_000;
    let refusal = await page.evaluate(fillUntilRefused);
    while (refusal === 'stored' && Date.now() < deadline) {
      await page.waitForTimeout(1000);
      refusal = await page.evaluate(fillUntilRefused);
    }
    assert.equal(refusal, 'QuotaExceededError', 'the forced quota refuses a new write');

    // A second reading: not refused, the TV says in words that storage is full and what to do.
    await page.locator('dah-readings-screen [data-focus-key="again"]').click();
    await enterBloodPressure(page, '126', '79');
    await page.locator('dah-readings-screen [data-focus-key="result"]').waitFor();
    const notice = page.locator('[data-storage-full]');
    await notice.waitFor({ timeout: 10_000 });
    const words = await notice.innerText();
    assert.match(words, /存储空间满了/);
    assert.match(words, /不要关电视/);
    assert.match(words, /连上网络后会自动发送/);
    // What was kept before is still on disk: nothing is evicted to make room.
    assert.deepEqual(await outboxOnDisk(page), [waitingFirst]);

    // The network returns: both are delivered, each exactly once, and the notice goes.
    await page.context().setOffline(false);
    const sent = Date.now() + 30_000;
    let readings = await storedReadings();
    const fresh = () => readings.filter((r) => !before.has(r.id));
    while (fresh().length < 2 && Date.now() < sent) {
      await page.waitForTimeout(250);
      readings = await storedReadings();
    }
    assert.deepEqual(
      fresh()
        .map((r) => r.values.systolic)
        .sort(),
      [126, 131],
      'both readings stored, each once',
    );
    assert.equal(readings.filter((r) => r.id === waitingFirst).length, 1);
    assert.equal(new Set(readings.map((r) => r.id)).size, readings.length);
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  },
);
