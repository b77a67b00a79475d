// Fault injection end to end (issue 18 §6): LiveKit restarted (SIGTERM, as for an update) during a
// call between the TV and the doctor's console. The TV shows 'reconnecting' in words. A side that
// heard LiveKit's goodbye before it went does not rejoin by itself (livekit-client ends the call on
// SERVER_SHUTDOWN) and says so in words (视频服务暂时停止了) with 再试一次; one press is back in
// the call. A side that did not rejoins by itself into the room the API made again
// (livekit/livekit-watch.ts). Either way both see each other again within 10 s. (Rejoining with no
// press in every case is client work still to do: issue 18.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  builtClient,
  contextSignedInAs,
  expectVideoDecoding,
  launchChromium,
  remoteVideo,
} from '../support/browser.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const RESIDENT = 'res-wang-xiuying';
const DOCTOR = 'dr-zhang-wei';
const CONSULTATION = 'c-demo-wang';
const BACK_WITHIN_MS = 10_000;

let stack: TestStack;
let browser: Browser;
before(async () => {
  stack = await startStack({ staticDir: builtClient() });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function open(session: ApiSession, surface: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await contextSignedInAs(browser, session);
  const page = await context.newPage();
  await page.goto(`${stack.api.url}/${surface}/call/${CONSULTATION}`);
  return { context, page };
}

const callIn = (page: Page, state: string, timeout: number) =>
  page.waitForSelector(`dah-call-screen[data-state="${state}"]`, { state: 'attached', timeout });

test(
  'LiveKit restarted during a call: each side rejoins by itself or says so in words and 再试一次 rejoins; both see each other again within 10 s',
  { timeout: 180_000 },
  async () => {
    const doctor = await signIn(stack, 'zhangwei');
    const tvSession = await pairDevice(stack, doctor, { kind: 'tv', residentId: RESIDENT });
    const [tv, desk] = await Promise.all([open(tvSession, 'tv'), open(doctor, 'console')]);
    try {
      await Promise.all([
        expectVideoDecoding(remoteVideo(tv.page, DOCTOR)),
        expectVideoDecoding(remoteVideo(desk.page, RESIDENT)),
      ]);
      await stack.restartLiveKit(async () => {
        await callIn(tv.page, 'reconnecting', 10_000);
        assert.match(
          (await tv.page.locator('dah-call-screen [data-reconnecting]').textContent()) ?? '',
          /网络不稳定，正在重新连接…/,
        );
      });
      const backAt = Date.now();
      // Each side either rejoined by itself or says in words that the video service stopped,
      // with 再试一次 (which one depends on whether LiveKit's goodbye reached it before it went).
      for (const { page } of [tv, desk]) {
        const settled = page.locator(
          'dah-call-screen[data-state="connected"], dah-call-screen[data-state="ended"]',
        );
        await page
          .locator('dah-call-screen[data-state="reconnecting"], dah-call-screen[data-state="ended"]')
          .first()
          .waitFor({ state: 'attached', timeout: BACK_WITHIN_MS })
          .catch(() => undefined);
        await settled.first().waitFor({ state: 'attached', timeout: BACK_WITHIN_MS });
        if ((await page.locator('dah-call-screen').getAttribute('data-state')) !== 'ended') continue;
        await page
          .getByText('视频服务暂时停止了', { exact: false })
          .or(page.getByText('网络断开了', { exact: false }))
          .first()
          .waitFor({ timeout: 5000 });
        await page.locator('dah-call-screen').getByRole('button', { name: '再试一次' }).click();
      }
      await Promise.all([
        callIn(tv.page, 'connected', BACK_WITHIN_MS),
        callIn(desk.page, 'connected', BACK_WITHIN_MS),
      ]);
      const again = await expectVideoDecoding(remoteVideo(tv.page, DOCTOR));
      assert.ok(again.frames >= 5, 'the TV decodes the doctor’s video again');
      await expectVideoDecoding(remoteVideo(desk.page, RESIDENT));
      const backMs = Date.now() - backAt;
      console.log(`# LiveKit restarted: both back in the call ${backMs} ms after it answered again`);
    } finally {
      await Promise.all([tv.context.close(), desk.context.close()]);
    }
  },
);
