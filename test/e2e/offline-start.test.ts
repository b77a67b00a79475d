// Issue 18: a paired TV opened once online, then started with no network at all, shows an
// interactive Home (focus on a tile, the remote moves it), and its record from the TV's kept copy
// with its age. The service worker serves the app shell; the read cache the API's answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, tvOpenedOnce } from '../support/e2e-suite.js';
import { pairDevice, signIn, type ApiSession } from '../support/stack.js';

let tv: ApiSession;
const suite = browserSuite(async (stack) => {
  tv = await pairDevice(stack, await signIn(stack, 'zhangwei'), {
    kind: 'tv',
    residentId: 'res-wang-xiuying',
  });
});

/** The focused element through the shadow roots, as the remote sees it. */
function focused(page: Page): Promise<{ tag: string; key: string | null; text: string }> {
  return page.evaluate(() => {
    const active = window.__deepActive();
    return {
      tag: active?.tagName.toLowerCase() ?? '',
      key: active?.getAttribute('data-focus-key') ?? null,
      text: (active?.textContent ?? '').trim(),
    };
  });
}

test(
  'a TV started with no network shows an interactive Home and its kept record with its age',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    await page.context().setOffline(true);
    await page.reload();
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    await page.locator('dah-tv-home').waitFor({ timeout: 20_000 });
    await page.getByText('没有连上网络', { exact: false }).first().waitFor();
    // Interactive: focus sits inside Home and the remote moves it.
    await page.waitForFunction(() => {
      const active = window.__deepActive();
      return active !== null && active !== document.body && active.tagName !== 'DAH-APP';
    });
    const first = await focused(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((before) => {
      const active = window.__deepActive();
      return (active?.textContent ?? '').trim() !== before;
    }, first.text);
    // The record opens from the kept copy and says how old it is.
    await page.getByText('我的健康档案').first().click();
    await page.getByText('慢性病').waitFor({ timeout: 10_000 });
    const notice = page.locator('dah-record-screen p.kept');
    await notice.waitFor();
    assert.match(await notice.innerText(), /保存的档案/);
    assert.match(await notice.innerText(), /(秒钟|分钟|小时)前/);
  },
);
