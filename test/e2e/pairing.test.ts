import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { builtClient, launchChromium } from '../support/browser.js';
import { DEMO_PASSWORD, startStack, type TestStack } from '../support/stack.js';

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

test('a new TV shows a code, the family doctor binds it in the console, the TV lands on Home; revoking it returns it to pairing', async () => {
  const tv = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await tv.goto(`${stack.api.url}/tv`);
  const codeElement = tv.locator('[data-user-code]');
  await codeElement.waitFor({ timeout: 15_000 });
  const userCode = (await codeElement.textContent())?.trim() ?? '';
  assert.match(userCode, /^[A-Z]{4}-[A-Z]{4}$/);
  // Nothing else is reachable before pairing.
  assert.equal(await tv.locator('dah-tv-home').count(), 0);

  // The doctor follows the QR code's address: sign in first, then the pairing form is prefilled.
  const consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await consolePage.goto(`${stack.api.url}/console/pair?code=${userCode}`);
  await consolePage.locator('#username').fill('zhangwei');
  await consolePage.locator('#password').fill(DEMO_PASSWORD);
  await consolePage.locator('button[type=submit]').click();
  await consolePage.locator('#code').waitFor({ timeout: 15_000 });
  assert.equal(await consolePage.locator('#code').inputValue(), userCode);
  await consolePage.locator('#target').selectOption('res-wang-xiuying');
  await consolePage.locator('form button[type=submit]').click();
  await consolePage.locator('[role=status].ok').waitFor({ timeout: 10_000 });

  // The TV polls, receives its credential and shows Home with the resident's name.
  await tv.locator('dah-tv-home h1').filter({ hasText: '王秀英' }).waitFor({ timeout: 20_000 });

  // A reload keeps it paired: the session cookie, or the device credential behind it.
  await tv.reload();
  await tv.locator('dah-tv-home h1').filter({ hasText: '王秀英' }).waitFor({ timeout: 15_000 });

  // 'This TV was lost': the doctor revokes it; on its next start the TV is back to pairing.
  consolePage.on('dialog', (dialog) => void dialog.accept());
  await consolePage.locator('tr[data-device-id] button').click();
  await consolePage.locator('tr[data-device-id]').filter({ hasText: '已停用' }).waitFor({ timeout: 10_000 });
  await tv.reload();
  await tv.locator('[data-user-code]').waitFor({ timeout: 15_000 });
  assert.equal(await tv.locator('dah-tv-home').count(), 0);
});
