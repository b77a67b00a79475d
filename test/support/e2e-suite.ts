import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { builtClient, contextSignedInAs, launchChromium } from './browser.js';
import { startStack, type ApiSession, type TestStack } from './stack.js';

/** How a page opens beyond its device and size (pageOf). */
export interface PageOpening {
  /**
   * Done before the first navigation, e.g. `page.clock.install()`: the page's own clock is then
   * the test's from its first script on (a self-service visit's rest and minutes between readings).
   */
  beforeNavigation?: (page: Page) => Promise<void>;
  /**
   * Whether to wait for the page's push channel (default true). A kiosk with no nurse signed in
   * has none until a resident identifies (a self-service visit opens the visit's own).
   */
  pushOpens?: boolean;
}

/**
 * An end-to-end suite's world: the API stack serving the built client and one Chromium, started
 * before the file's tests, then `setup` (sign-ins, devices), and stopped after them. Each test's
 * pages go with it: a TV page left open would ring (and auto-answer) in the next.
 */
export function browserSuite(setup: (stack: TestStack) => Promise<void> = async () => undefined) {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    stack = await startStack({ staticDir: builtClient() });
    browser = await launchChromium();
    await setup(stack);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  return {
    /**
     * A page of its own (one device, closed after the test) signed in as `session`, at `path`,
     * once its push channel is open: a fresh stream starts from its own moment, so an event sent
     * before it opened (a ring, an invitation) would not reach the page. `options`: the device's
     * other traits (a kiosk's touch screen: hasTouch); `opening`: a clock, and whether to wait for
     * the push channel.
     */
    async pageOf(
      session: ApiSession,
      path: string,
      viewport = { width: 1280, height: 720 },
      options: BrowserContextOptions = {},
      opening: PageOpening = {},
    ): Promise<Page> {
      if (!browser || !stack) throw new Error('pages open in tests, once the suite has started');
      const context = await contextSignedInAs(browser, session, { ...options, viewport });
      contexts.push(context);
      const page = await context.newPage();
      await opening.beforeNavigation?.(page);
      const pushOpen =
        opening.pushOpens === false
          ? null
          : page.waitForResponse(
              (response) => new URL(response.url()).pathname === '/api/events' && response.status() === 200,
              { timeout: 20_000 },
            );
      // A dose of the demo county's medicines may fall due during a run: before any action on the
      // page, a reminder covering it is answered 已服药 (test/support/e2e-reminders.ts).
      const reminder = page.locator('dah-medication-reminder');
      await page.addLocatorHandler(reminder, async () => {
        await reminder.getByRole('button', { name: '已服药' }).click();
      });
      await page.goto(stack.api.url + path);
      await pushOpen;
      return page;
    },
  };
}

/**
 * A TV opened once online, for the offline and cache-fault suites: its record read (and kept in the
 * read cache), then Home loaded again under the service worker, which precached the shell once it
 * was active and now controls the page.
 */
export async function tvOpenedOnce(
  pageOf: ReturnType<typeof browserSuite>['pageOf'],
  tv: ApiSession,
): Promise<Page> {
  const page = await pageOf(tv, '/tv/record');
  await page.getByText('慢性病').waitFor({ timeout: 20_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.goto(new URL('/tv', page.url()).toString());
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
  await page.locator('dah-tv-home').waitFor({ timeout: 20_000 });
  return page;
}
