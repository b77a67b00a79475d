// Issue 18 item 2 and the fault suite of item 6: a TV whose local cache is damaged or cleared.
// The damage is done from a page of the same origin without the app (/healthz), as a crash mid-
// write, a half-applied update or a storage cleaner would leave it, and then the TV restarts: it
// recovers by fetching again, never a blank screen; with the network off it shows Home and says
// in words what it cannot show.
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

/** Leaves the app for a page of the same origin where nothing holds the databases open. */
async function leaveApp(page: Page): Promise<void> {
  await page.goto(new URL('/healthz', page.url()).toString());
}

/** Focus rests on one of Home's tiles: Home is interactive. */
async function homeInteractive(page: Page): Promise<void> {
  await page.locator('dah-tv-home').waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => {
      const active = window.__deepActive();
      return active instanceof HTMLElement && Boolean(active.closest('dah-tile'))
        ? true
        : Boolean(
            active instanceof HTMLElement && (active.getRootNode() as ShadowRoot).host?.closest('dah-tile'),
          );
    },
    undefined,
    { timeout: 20_000 },
  );
}

test(
  'the read cache with its store deleted is made again: after an online restart the next offline start shows the kept record',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    await leaveApp(page);
    const version = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('dah-read-cache', 2);
          open.onupgradeneeded = () => open.result.deleteObjectStore('answers');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            open.result.close();
            resolve(open.result.version);
          };
        }),
    );
    assert.equal(version, 2, 'the store is gone, at a version the app never wrote');

    // Restart online: the record is fetched again, and kept again.
    await page.goto(new URL('/tv/record', page.url()).toString());
    await page.getByText('慢性病').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('dah-record-screen p.kept').count(), 0, 'fresh from the network');

    // Then a start with the network off shows the record from the remade cache, with its age.
    await page.context().setOffline(true);
    await page.reload();
    await page.getByText('慢性病').waitFor({ timeout: 20_000 });
    const notice = page.locator('dah-record-screen p.kept');
    await notice.waitFor();
    assert.match(await notice.innerText(), /保存的档案/);
  },
);

test(
  'network off and the read cache full of garbage: Home shows, interactive, and the record says plainly it cannot load',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    await leaveApp(page);
    const damaged = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('dah-read-cache');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('answers', 'readwrite');
            const store = tx.objectStore('answers');
            const keys = store.getAllKeys();
            keys.onsuccess = () => {
              // Every kept answer overwritten: a time that is no time, a body missing.
              keys.result.forEach((path, i) =>
                store.put(i % 2 ? { path, storedAt: 'garbage', body: '\u0000' } : { path, junk: true }),
              );
            };
            tx.oncomplete = () => {
              open.result.close();
              resolve(keys.result.length);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    assert.ok(damaged >= 2, `the session and the record were kept, then damaged (${damaged})`);

    await page.context().setOffline(true);
    await page.goto(new URL('/tv', page.url()).toString());
    await homeInteractive(page);
    await page.getByText('没有连上网络', { exact: false }).first().waitFor();

    // The record has no good copy: it says so in words, what to do included, never a blank screen.
    await page.getByText('我的健康档案').first().click();
    const record = page.locator('dah-record-screen');
    await record.getByText('连接不上服务器。请检查网络后再试一次。').waitFor({ timeout: 20_000 });

    // The network returns: the record loads again by fetching.
    await page.context().setOffline(false);
    await page.reload();
    await page.getByText('慢性病').waitFor({ timeout: 20_000 });
  },
);

test(
  'the app entry in the service worker cache with a broken body: the restarted TV fetches again and shows Home',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    const url = page.url();
    await leaveApp(page);
    const broken = await page.evaluate(async () => {
      const damaged: string[] = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (!/\/assets\/index-[^/]*\.js/.test(request.url)) continue;
          await cache.put(
            request,
            new Response('this is no script {{{', { headers: { 'content-type': 'text/javascript' } }),
          );
          damaged.push(request.url);
        }
      }
      return damaged;
    });
    assert.equal(broken.length, 1, 'the entry script is precached, and now broken');

    // Switched off and on: a new page of the same TV (a reload may reuse the page's memory copy).
    await page.close();
    const restarted = await page.context().newPage();
    await restarted.goto(url);
    await homeInteractive(restarted);
    // The worker is back, with a whole copy: the next start works offline again.
    await restarted.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await restarted.goto(url);
    await restarted.context().setOffline(true);
    await restarted.reload();
    await homeInteractive(restarted);
  },
);

/** How many entries the service worker's precache holds now (0 when it is gone). */
function precacheSize(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let size = 0;
    for (const name of await caches.keys())
      if (name.startsWith('workbox-precache')) size += (await (await caches.open(name)).keys()).length;
    return size;
  });
}

test(
  'the precache cleared: the next start with the network fills it again, and the start after that works with the network off',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    const url = page.url();
    await leaveApp(page);
    const before = await precacheSize(page);
    assert.ok(before > 10, `the shell is precached (${before} entries)`);
    await page.evaluate(async () => {
      for (const name of await caches.keys())
        if (name.startsWith('workbox-precache')) await caches.delete(name);
    });
    assert.equal(await precacheSize(page), 0, 'the precache is gone');

    // Switched off and on with the network there: the worker serves from the network and refills.
    const context = page.context();
    await page.close();
    const restarted = await context.newPage();
    await restarted.goto(url);
    await homeInteractive(restarted);
    const deadline = Date.now() + 30_000;
    while ((await precacheSize(restarted)) < before) {
      assert.ok(Date.now() < deadline, 'the precache is refilled within 30 s');
      await restarted.waitForTimeout(250);
    }

    // The next start has no network: the refilled precache serves the whole shell.
    await context.setOffline(true);
    await restarted.close();
    const offline = await context.newPage();
    await offline.goto(url);
    await homeInteractive(offline);
    await offline.getByText('没有连上网络', { exact: false }).first().waitFor();
  },
);

test(
  'the app entry broken and the network off: the TV says in words what happened and what to do, and opens by itself once the network is back',
  { timeout: 120_000 },
  async () => {
    const page = await tvOpenedOnce(suite.pageOf, tv);
    const url = page.url();
    await leaveApp(page);
    const broken = await page.evaluate(async () => {
      let damaged = 0;
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          if (!/\/assets\/index-[^/]*\.js/.test(request.url)) continue;
          await cache.put(
            request,
            new Response('this is no script {{{', { headers: { 'content-type': 'text/javascript' } }),
          );
          damaged += 1;
        }
      }
      return damaged;
    });
    assert.equal(broken, 1, 'the entry script is precached, and now broken');

    const context = page.context();
    await context.setOffline(true);
    await page.close();
    const restarted = await context.newPage();
    await restarted.goto(url);
    const problem = restarted.locator('[data-boot-problem="offline"]');
    await problem.waitFor({ timeout: 20_000 });
    assert.match(await problem.innerText(), /临医在家暂时打不开/);
    assert.match(await problem.innerText(), /网络连上后会自动重新打开/);
    // The remote's OK key has something to press: the focus is on Retry.
    assert.equal(await restarted.evaluate(() => document.activeElement?.textContent), '重试');

    // The network comes back: nobody presses anything, and Home opens from a fresh copy.
    await context.setOffline(false);
    await homeInteractive(restarted);
  },
);
