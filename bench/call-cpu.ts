// Diagnosis for the call screen's focus benchmark (bench/focus-screens.ts, "Call controls"): where
// the machine's CPU goes while the TV is in a call with the doctor. Opens the call as the benchmark
// does (the doctor as FOCUS_DOCTOR says: see CALL_SETUP in bench/call-support.ts), then reads every
// process's and thread's CPU time from /proc over CALL_CPU_WINDOW_S seconds (10; CALL_CPU_RATE=6
// throttles the TV's page meanwhile, as the benchmark does): the TV's renderer, the doctor's, each
// browser's GPU, audio and network processes, LiveKit, and this process (the API runs in it). Prints
// what each side sends and receives (getStats: layers, sizes, frame rates, encoder and decoder) and
// how many frames the TV's picture of the doctor showed in the window. Linux only. Does not build
// the client: `npm run bench -- initial-js` first (or CALL_CPU_CLIENT=dir).
// `node --import tsx bench/call-cpu.ts`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BENCH_CLIENT_DIR } from './client-build.js';
import {
  endCalls,
  newTvPage,
  pageSafe,
  recordPeerConnections,
  shownFrames,
  startCallBench,
  videoStreams,
  type CallBench,
  type RtpSummary,
} from './call-support.js';
import { SCREENS } from './focus-screens.js';

const CLIENT_DIR = process.env['CALL_CPU_CLIENT'] ?? BENCH_CLIENT_DIR;
const WINDOW_S = Number(process.env['CALL_CPU_WINDOW_S'] ?? 10);
/** CALL_CPU_RATE=6: the TV's page throttled as the focus benchmark throttles it, during the window. */
const RATE = Number(process.env['CALL_CPU_RATE'] ?? 1);
/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on every Linux we run on). */
const TICKS = 100;

interface Sample {
  pid: number;
  /** The process below this one (node) that it descends from: one browser's tree, or LiveKit. */
  root: number;
  label: string;
  ticks: number;
  threads: Map<string, number>;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(path: string): { comm: string; rest: string[] } | null {
  try {
    const text = readFileSync(path, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    return { comm: text.slice(open + 1, close), rest: text.slice(close + 2).split(' ') };
  } catch {
    return null;
  }
}

/** rest[11], rest[12]: utime and stime (fields 14 and 15 of stat). */
const cpuTicks = (rest: string[]) => Number(rest[11]) + Number(rest[12]);

function labelOf(pid: number, comm: string): string {
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return comm;
  }
  if (pid === process.pid) return 'node (this process: the API, Playwright)';
  if (cmdline.includes('livekit-server')) return 'livekit-server';
  const type = /--type=(\S+)/.exec(cmdline)?.[1];
  if (!type) return cmdline.includes('chrom') ? 'chromium browser' : `${comm}`;
  const sub = /--utility-sub-type=(\S+)/.exec(cmdline)?.[1];
  return `chromium ${type}${sub ? ` ${sub.replace(/\.mojom\..*$/, '')}` : ''}`;
}

/** This process and every process below it, with their threads' CPU ticks. */
function sampleTree(): Map<number, Sample> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = statFields(`/proc/${entry}/stat`);
    if (stat) parents.set(Number(entry), Number(stat.rest[1]));
  }
  const ours = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents)
      if (!ours.has(pid) && ours.has(parent)) {
        ours.add(pid);
        grew = true;
      }
  }
  const samples = new Map<number, Sample>();
  for (const pid of ours) {
    const stat = statFields(`/proc/${pid}/stat`);
    if (!stat) continue;
    const threads = new Map<string, number>();
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      // gone
    }
    for (const tid of tasks) {
      const t = statFields(`/proc/${pid}/task/${tid}/stat`);
      if (!t) continue;
      // Threads of one name (a pool) are summed.
      const name = t.comm.replace(/\d+$/, '#');
      threads.set(name, (threads.get(name) ?? 0) + cpuTicks(t.rest));
    }
    let root = pid;
    while (parents.get(root) !== undefined && parents.get(root) !== process.pid && root !== process.pid)
      root = parents.get(root) as number;
    samples.set(pid, { pid, root, label: labelOf(pid, stat.comm), ticks: cpuTicks(stat.rest), threads });
  }
  return samples;
}

function printStreams(who: string, before: RtpSummary[], after: RtpSummary[]): void {
  for (const s of after) {
    const was = before.find((b) => b.direction === s.direction && b.rid === s.rid);
    const frames = s.frames - (was?.frames ?? 0);
    const codec = (s.codecTime - (was?.codecTime ?? 0)) * 1000;
    console.log(
      `  ${who} ${s.direction === 'out' ? 'sends' : 'receives'} ${s.rid || '-'}: ${s.width}x${s.height} ${(frames / WINDOW_S).toFixed(1)} fps` +
        ` (${s.implementation}${s.limitation && s.limitation !== 'none' ? `, limited by ${s.limitation}` : ''}${s.active ? '' : ', inactive'})` +
        `, ${frames ? (codec / frames).toFixed(2) : '-'} ms per frame in the codec`,
    );
  }
}

/** Which renderer runs `page`: the one whose CPU rises while the page spins for 400 ms. */
async function rendererOf(page: Page): Promise<number | null> {
  const before = sampleTree();
  await page.evaluate(() => {
    const end = performance.now() + 400;
    while (performance.now() < end) {
      // spin
    }
  });
  const after = sampleTree();
  let best: [number, number] | null = null;
  for (const [pid, s] of after) {
    if (!s.label.includes('renderer')) continue;
    const used = s.ticks - (before.get(pid)?.ticks ?? s.ticks);
    if (!best || used > best[1]) best = [pid, used];
  }
  return best?.[0] ?? null;
}

/** Animations running in the page (through shadow roots): each keeps the compositor drawing. */
function runningAnimations(page: Page): Promise<string[]> {
  return page.evaluate(
    pageSafe(() => {
      const names: string[] = [];
      for (const root of window.__openRoots())
        for (const animation of root.getAnimations())
          if (animation.playState === 'running') {
            const target = (animation.effect as KeyframeEffect | null)?.target;
            names.push(
              `${animation.constructor.name} on ${target ? target.localName + '.' + target.className : '?'}`,
            );
          }
      return names;
    }),
  );
}

export async function accountCall(bench: CallBench, tv: Page, consolePage: Page | undefined): Promise<void> {
  await tv.waitForTimeout(3000);
  const tvRenderer = await rendererOf(tv);
  const consoleRenderer = consolePage ? await rendererOf(consolePage) : null;
  const [tvBefore, consoleBefore, framesBefore] = [
    await videoStreams(tv),
    consolePage ? await videoStreams(consolePage) : [],
    await shownFrames(tv),
  ];
  const cdp = await tv.context().newCDPSession(tv);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const t0 = sampleTree();
  const started = Date.now();
  await tv.waitForTimeout(WINDOW_S * 1000);
  const t1 = sampleTree();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const seconds = (Date.now() - started) / 1000;
  const [tvAfter, consoleAfter, framesAfter] = [
    await videoStreams(tv),
    consolePage ? await videoStreams(consolePage) : [],
    await shownFrames(tv),
  ];
  const rows: { label: string; share: number; threads: [string, number][] }[] = [];
  let total = 0;
  for (const [pid, s] of t1) {
    const was = t0.get(pid);
    if (!was) continue;
    const share = (s.ticks - was.ticks) / TICKS / seconds;
    total += share;
    const threads = [...s.threads]
      .map(([name, ticks]): [string, number] => [
        name,
        (ticks - (was.threads.get(name) ?? 0)) / TICKS / seconds,
      ])
      .filter(([, v]) => v >= 0.005)
      .sort((a, b) => b[1] - a[1]);
    const browser =
      s.root === t1.get(tvRenderer ?? -1)?.root
        ? 'TV’s Chromium: '
        : s.root === t1.get(consoleRenderer ?? -1)?.root
          ? 'console’s Chromium: '
          : '';
    const label =
      pid === tvRenderer ? 'TV renderer' : pid === consoleRenderer ? 'doctor console renderer' : s.label;
    rows.push({ label: `${label.startsWith('chromium') ? browser : ''}${label} (${pid})`, share, threads });
  }
  rows.sort((a, b) => b.share - a.share);
  console.log(
    `\nCPU over ${seconds.toFixed(1)} s in the call, the TV's page at ${RATE}x (share of one core; the machine has 2):`,
  );
  for (const row of rows) {
    if (row.share < 0.005) continue;
    console.log(`${(row.share * 100).toFixed(1).padStart(6)}%  ${row.label}`);
    for (const [name, v] of row.threads.slice(0, 8))
      console.log(`${''.padStart(10)}${(v * 100).toFixed(1).padStart(6)}%  ${name}`);
  }
  console.log(`${(total * 100).toFixed(1).padStart(6)}%  in all`);
  console.log('\nVideo (getStats over the window):');
  printStreams('TV', tvBefore, tvAfter);
  printStreams('console', consoleBefore, consoleAfter);
  console.log(`  animations running on the TV: ${(await runningAnimations(tv)).join(', ') || 'none'}`);
  console.log(
    `  the TV's picture of the doctor showed ${framesAfter - framesBefore} frames (${((framesAfter - framesBefore) / seconds).toFixed(1)} a second)`,
  );
  void bench;
}

async function main(): Promise<void> {
  const bench = await startCallBench({
    dir: CLIENT_DIR,
    manifestFile: join(CLIENT_DIR, '.vite', 'manifest.json'),
  });
  try {
    const call = SCREENS.find((s) => s.name.startsWith('Call'));
    if (!call) throw new Error('no call screen in bench/focus-screens.ts');
    const tv = await newTvPage(bench, recordPeerConnections);
    await call.open(tv, bench);
    const consolePage = bench.consoleBrowser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().includes('/console/'));
    await accountCall(bench, tv, consolePage);
    await tv.context().close();
    await endCalls(bench);
  } finally {
    await bench.stop();
  }
}

if (process.argv[1]?.endsWith('call-cpu.ts'))
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
