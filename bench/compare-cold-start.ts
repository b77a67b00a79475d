// A/B of the TV's start from the service worker's cache with the network off, CPU 6x slower, as
// bench/cold-start.ts times it, for two builds side by side: runs alternate between them, so the
// load of a shared machine falls on both alike. For deciding a change, not a benchmark:
// `node --import tsx bench/compare-cold-start.ts <build A> <build B> [runs]` (builds as
// `vite build --outDir`, without a service worker: one is written into a copy of each).
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { startStack, type TestStack } from '../test/support/stack.js';
import { buildWithServiceWorker, interactiveHomeAt, tvOpenedOnce } from './cold-start.js';
import { CPU_SLOWDOWN } from './focus-latency.js';
import { median } from './report.js';

async function main(dirs: string[], runs: number): Promise<void> {
  const stacks: TestStack[] = [];
  const browser = await launchChromium();
  try {
    const tvs: { name: string; url: string; context: BrowserContext; times: number[] }[] = [];
    for (const [index, dir] of dirs.entries()) {
      const stack = await startStack({ staticDir: await buildWithServiceWorker({ dir }, `${dir}-ab-sw`) });
      stacks.push(stack);
      const context = await tvOpenedOnce(browser, stack);
      await context.setOffline(true);
      tvs.push({ name: `${'AB'[index]} ${dir}`, url: stack.api.url, context, times: [] });
    }
    for (let run = 0; run < runs * tvs.length; run++) {
      const tv = tvs[(run + Math.floor(run / tvs.length)) % tvs.length];
      if (!tv) continue;
      const page = await tv.context.newPage();
      try {
        await page.addInitScript(() =>
          localStorage.setItem('dah.settings', JSON.stringify({ voiceGuidance: false })),
        );
        const cdp = await tv.context.newCDPSession(page);
        await cdp.send('ServiceWorker.enable');
        await cdp.send('ServiceWorker.stopAllWorkers');
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        await page.goto(`${tv.url}/tv`, { waitUntil: 'commit' });
        tv.times.push(await interactiveHomeAt(page));
      } finally {
        await page.close();
      }
    }
    for (const tv of tvs)
      console.log(
        `${tv.name}: median ${Math.round(median(tv.times))} ms of ${tv.times.length} (${tv.times.map(Math.round).join(', ')})`,
      );
  } finally {
    await browser.close();
    for (const stack of stacks) await stack.stop();
  }
}

const [a, b, runs] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: compare-cold-start.ts <build A> <build B> [runs]');
main([a, b], Number(runs ?? 9)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
