// Profiles one TV start from the service worker's cache with the network off, CPU 6x slower, as the
// cold-start benchmark times it (bench/cold-start.ts measureHomeStartFromCache): CDP Profiler (the
// page's main thread) and a Chromium trace (every thread), written to artifacts/. Prints where the
// main thread's time went by script URL and the page's own milestones. For deciding what to cut, not
// a benchmark: `node --import tsx bench/profile-cold-start.ts [runs]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../scripts/lib/paths.mjs';
import { launchChromium } from '../test/support/browser.js';
import { startStack } from '../test/support/stack.js';
import { buildClientForBench } from './client-build.js';
import { buildWithServiceWorker, interactiveHomeAt, tvOpenedOnce } from './cold-start.js';
import { CPU_SLOWDOWN } from './focus-latency.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const OUT_DIR = join(ROOT, 'artifacts', 'profile-cold-start');

/** Self time (ms, of the throttled main thread) by script file and by function. */
function summarise(profile: Profile): { byUrl: [string, number][]; byFunction: [string, number][] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byUrl = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url ? frame.url.replace(/^.*\//, '') : `(${frame.functionName || 'native'})`;
    byUrl.set(file, (byUrl.get(file) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n) as [string, number][];
  return { byUrl: top(byUrl, 25), byFunction: top(byFunction, 40) };
}

/** The page's own milestones: navigation timing, scripts, the first fetches (wrapped by an init script). */
async function milestones(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (nav) {
      for (const key of [
        'workerStart',
        'fetchStart',
        'responseStart',
        'responseEnd',
        'domInteractive',
        'domContentLoadedEventStart',
        'loadEventStart',
      ] as const)
        out[`nav.${key}`] = Math.round(nav[key]);
    }
    for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      out[`res ${entry.name.replace(/^https?:\/\/[^/]+/, '')}`] = Math.round(entry.responseEnd);
    for (const entry of performance.getEntriesByType('paint')) out[entry.name] = Math.round(entry.startTime);
    for (const entry of performance.getEntriesByType('mark'))
      out[`mark ${entry.name}`] = Math.round(entry.startTime);
    const log = (window as unknown as { __fetchLog?: [string, number, number, string][] }).__fetchLog ?? [];
    for (const [url, start, end, how] of log)
      out[`fetch ${url} (${how}) from ${Math.round(start)}`] = Math.round(end);
    return out;
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { documentLoaderURL?: string } };
}

/**
 * The page's main thread's CPU time (the trace's thread durations of its top-level tasks) from the
 * navigation's start to `untilMs`: the work done, whatever other processes took of the machine.
 */
function mainThreadCpu(file: string, untilMs: number): { total: number; top: [string, number][] } {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const nav = events.find(
    (e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes('/tv'),
  );
  if (!nav) return { total: NaN, top: [] };
  const main = events.find(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === nav.pid && e.args?.name === 'CrRendererMain',
  );
  const tasks = events
    .filter((e) => e.ph === 'X' && e.pid === nav.pid && e.tid === main?.tid && e.ts >= nav.ts)
    .filter((e) => (e.ts - nav.ts) / 1000 <= untilMs)
    .sort((a, b) => a.ts - b.ts);
  let end = 0;
  let total = 0;
  const byName = new Map<string, number>();
  for (const task of tasks) {
    if (task.ts < end) continue; // nested in the task before
    end = task.ts + (task.dur ?? 0);
    const ms = (task.tdur ?? 0) / 1000;
    total += ms;
    byName.set(task.name, (byName.get(task.name) ?? 0) + ms);
  }
  return { total, top: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 6) };
}

async function main(runs: number): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const build = process.env.PROFILE_BUILD_DIR
    ? { dir: process.env.PROFILE_BUILD_DIR, manifestFile: '' }
    : buildClientForBench();
  const stack = await startStack({ staticDir: await buildWithServiceWorker(build) });
  const browser = await launchChromium();
  try {
    const context = await tvOpenedOnce(browser, stack);
    await context.setOffline(true);
    const totals = new Map<string, number[]>();
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      await page.addInitScript(() => {
        localStorage.setItem('dah.settings', JSON.stringify({ voiceGuidance: false }));
        const log: [string, number, number, string][] = [];
        (window as unknown as { __fetchLog: typeof log }).__fetchLog = log;
        const original = window.fetch.bind(window);
        window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
          const start = performance.now();
          const url = String(input instanceof Request ? input.url : input).replace(/^https?:\/\/[^/]+/, '');
          const result = original(input, init);
          result.then(
            () => log.push([url, start, performance.now(), 'ok']),
            () => log.push([url, start, performance.now(), 'failed']),
          );
          return result;
        };
      });
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
      const trace = process.env.PROFILE_TRACE === '1';
      const traceFile = join(OUT_DIR, `trace-${run}.json`);
      if (trace)
        await browser.startTracing(page, {
          path: traceFile,
          categories: ['devtools.timeline', 'v8.execute', 'blink.user_timing', 'loading', 'ServiceWorker'],
        });
      await page.goto(`${stack.api.url}/tv`, { waitUntil: 'commit' });
      const at = await interactiveHomeAt(page);
      if (trace) await browser.stopTracing();
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
      writeFileSync(join(OUT_DIR, `run-${run}.cpuprofile`), JSON.stringify(profile));
      const marks = await milestones(page);
      const { byUrl, byFunction } = summarise(profile);
      console.log(`\n=== run ${run}: interactive Home at ${Math.round(at)} ms`);
      if (trace) {
        const cpu = mainThreadCpu(traceFile, at);
        console.log(
          `  main thread CPU to interactive: ${Math.round(cpu.total)} ms (${cpu.top.map(([n, ms]) => `${n} ${Math.round(ms)}`).join(', ')})`,
        );
      }
      for (const [name, value] of Object.entries(marks).sort((a, b) => a[1] - b[1]))
        console.log(`  ${String(value).padStart(6)} ${name}`);
      console.log('  self time by file (ms):');
      for (const [name, ms] of byUrl) {
        console.log(`    ${ms.toFixed(1).padStart(7)} ${name}`);
        totals.set(name, [...(totals.get(name) ?? []), ms]);
      }
      if (process.env.PROFILE_FUNCTIONS === '1') {
        console.log('  self time by function (ms):');
        for (const [name, ms] of byFunction) console.log(`    ${ms.toFixed(1).padStart(7)} ${name}`);
      }
      await page.close();
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main(Number(process.argv[2] ?? 3)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
