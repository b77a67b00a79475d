// Diagnosis for bench/focus-screens.ts: where a focus change's time goes, press by press. For the
// screens named on the command line by their case's id in focus-screens.ts SCREENS (home, settings,
// pad, dialog, call, trends, medicines, appointments; e.g. `node --import tsx bench/focus-trace.ts
// settings call`; none: every screen), opens the screen as the benchmark does and records a DevTools
// trace (timeline, frame, cc, blink; FOCUS_TRACE_CATEGORIES to choose) of FOCUS_TRACE_PRESSES
// presses (30) at FOCUS_TRACE_RATE (6; 1 shows each phase's own cost, free of the throttle). For
// each press it sums the main thread's work from the keydown to the end of the benchmark's measured
// frame by event name, wall time and the thread's CPU time (`tdur`: much steadier than wall time on
// a loaded machine), splits the keydown's CPU into phases at Chromium's focus events
// (keydownPhases), and prints medians beside the benchmark's own measure, with the CPU per press
// of every other thread (the renderer's compositor, the GPU process's VizCompositorThread, the
// browser), which at 6x share the cores with the throttled main thread. Does not build the client:
// run a build into artifacts/bench-client first (`npm run bench -- initial-js` does), or name
// another with FOCUS_TRACE_CLIENT=dir (an A/B of two builds, back to back). FOCUS_TRACE_OUT=dir
// keeps each raw trace as <id>.json (open it in DevTools); FOCUS_TRACE_INVALIDATIONS=1 records
// what made style dirty; FOCUS_TRACE_PROFILE=1 takes a V8 CPU profile of the presses instead,
// mapped to the sources.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { BENCH_CLIENT_DIR } from './client-build.js';
import { endCalls, newTvPage, startCallBench } from './call-support.js';
import { CPU_SLOWDOWN, installRecorder, press, type PressSample } from './focus-latency.js';
import { screensNamed } from './focus-screens.js';
import { median, quantile } from './report.js';

/** FOCUS_TRACE_CLIENT=dir: another build than artifacts/bench-client (an A/B of two builds). */
const CLIENT_DIR = process.env['FOCUS_TRACE_CLIENT'] ?? BENCH_CLIENT_DIR;
const PRESSES = Number(process.env['FOCUS_TRACE_PRESSES'] ?? 30);
/** FOCUS_TRACE_RATE=1: at full speed, where each phase's cost is free of the throttle's pauses. */
const RATE = Number(process.env['FOCUS_TRACE_RATE'] ?? CPU_SLOWDOWN);
const OUT = process.env['FOCUS_TRACE_OUT'];
/** FOCUS_TRACE_PROFILE=1: a V8 CPU profile of the presses instead, its functions by time. */
const PROFILE = process.env['FOCUS_TRACE_PROFILE'] === '1';
/**
 * FOCUS_TRACE_CATEGORIES=a,b: these trace categories instead of the default set. Every enabled
 * event costs the traced thread CPU of its own (a clean getBoundingClientRect emits three), so an
 * A/B of two builds is fairer with a light set: `devtools.timeline,toplevel` still gives the
 * keydown, its listeners, the style recalculations and each task's CPU; `accessibility` shows
 * whether Chromium keeps an accessibility tree for the page (it does only when something asks).
 */
const CATEGORIES = process.env['FOCUS_TRACE_CATEGORIES']?.split(',').filter(Boolean);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/** Profiles the presses at 6x and prints the functions with the most time, mapped to the sources. */
async function profileScreen(page: Page, cdp: CDPSession, keys: readonly string[]): Promise<void> {
  await installRecorder(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  for (let i = 0; i < PRESSES; i += 1) {
    await press(page, keys[i % keys.length] as string);
    await page.waitForTimeout(250);
  }
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const { SourceMapConsumer } = await import('source-map-js');
  const maps = new Map<string, InstanceType<typeof SourceMapConsumer> | null>();
  const where = (frame: ProfileNode['callFrame']): string => {
    const file = frame.url.split('/').pop() ?? '';
    if (!file.endsWith('.js')) return `${frame.functionName || '(anonymous)'} ${file}`;
    if (!maps.has(file)) {
      try {
        maps.set(
          file,
          new SourceMapConsumer(JSON.parse(readFileSync(join(CLIENT_DIR, 'assets', `${file}.map`), 'utf8'))),
        );
      } catch {
        maps.set(file, null);
      }
    }
    const map = maps.get(file);
    const original = map?.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    const source = original?.source
      ? `${original.source.replace(/^.*?(src|node_modules)\//, '$1/')}:${original.line}`
      : file;
    return `${original?.name ?? frame.functionName ?? '(anonymous)'} ${source}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const dt = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    busy += dt;
    const name = where(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const key = where(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log(`  busy ${(busy / PRESSES).toFixed(2)} ms per press (all sampled non-idle time)`);
  console.log('  self time, ms per press:');
  for (const [name, t] of top(self))
    console.log(`  ${(t / PRESSES).toFixed(2).padStart(7)}  ${name.slice(0, 110)}`);
  console.log('  total time, ms per press:');
  for (const [name, t] of top(total))
    console.log(`  ${(t / PRESSES).toFixed(2).padStart(7)}  ${name.slice(0, 110)}`);
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time: steadier than `dur` on a loaded machine. */
  tdur?: number;
  /** The thread's CPU clock at the start (µs). */
  tts?: number;
  pid: number;
  tid: number;
  args?: { name?: string; elementCount?: number; data?: { type?: string } };
}

/** The parts of a keydown task, in the order they run (see keydownPhases). */
const PHASES = [
  'key handlers until focus() blurs the old element',
  'blur, focusout, DOMFocusOut events',
  'focus(): style recalculations',
  'focus(): the rest between blur and focus events',
  'focus, focusin, DOMFocusIn events (their listeners)',
  "after the focus events (Chromium's focus bookkeeping, then the handler's rest)",
] as const;

/**
 * A keydown task's main-thread CPU split at Chromium's own events inside `element.focus()`: the
 * old element's blur events, the style recalculations (UpdateLayoutTree) between them and the
 * new element's focus events, and what follows the last of those (Chromium tells the browser and
 * its observers of the focus change before focus() returns). Needs `tts` (thread clock) on the
 * events; null for a press that moved no focus.
 */
function keydownPhases(keydown: TraceEvent, inside: TraceEvent[]): { cpu: number[]; recalcs: string } | null {
  const dispatch = (type: string) =>
    inside.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === type && e.tts !== undefined);
  const blur = dispatch('blur');
  const focus = dispatch('focus');
  const domFocusIn = dispatch('DOMFocusIn');
  if (!blur || !focus || !domFocusIn || keydown.tts === undefined) return null;
  const end = (e: TraceEvent) => (e.tts ?? 0) + (e.tdur ?? 0);
  const recalcs = inside.filter(
    (e) => e.name === 'UpdateLayoutTree' && e.ts > blur.ts && e.ts < focus.ts && e.tts !== undefined,
  );
  const recalcCpu = recalcs.reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  const between = (focus.tts as number) - end(blur);
  return {
    cpu: [
      (blur.tts as number) - keydown.tts,
      blur.tdur ?? 0,
      recalcCpu,
      between - recalcCpu,
      end(domFocusIn) - (focus.tts as number),
      end(keydown) - end(domFocusIn),
    ].map((us) => us / 1000),
    recalcs: recalcs.map((e) => e.args?.elementCount ?? '?').join('+'),
  };
}

/** Main-thread events whose time is reported on their own (their children are not). */
const OF_INTEREST = new Set([
  'EventDispatch',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'PaintImage',
  'Layerize',
  'UpdateLayer',
  'UpdateLayerTree',
  'CompositeLayers',
  'Commit',
  'HitTest',
  'Document::UpdateStyleAndLayout',
  'ScheduleStyleRecalculation',
  'IntersectionObserverController::computeIntersections',
  'ResizeObserverController::DeliverObservations',
  'MajorGC',
  'MinorGC',
  'V8.GC_SCAVENGER',
  'ParseHTML',
  'XHRReadyStateChange',
  'ProxyMain::BeginMainFrame',
  'ThreadProxy::BeginMainFrame',
  'LocalFrameView::UpdateAllLifecyclePhases',
  'LocalFrameView::RunPaintLifecyclePhase',
  'LocalFrameView::RunCompositingInputsLifecyclePhase',
  'LocalFrameView::RunPrePaintLifecyclePhase',
  'PaintArtifactCompositor::Update',
  'ProxyMain::BeginMainFrame::commit',
  'ThreadedMessageLoop::RunTask',
  'HTMLMediaElement::UpdatePlayState',
  'WebMediaPlayerMS::OnFrameAvailable',
]);

async function traceScreen(page: Page, cdp: CDPSession, keys: readonly string[]) {
  const events: TraceEvent[] = [];
  const collect = (payload: { value: object[] }) => events.push(...(payload.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await installRecorder(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  for (let i = 0; i < 8; i += 1) {
    await press(page, keys[i % keys.length] as string);
    await page.waitForTimeout(250);
  }
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: CATEGORIES ?? [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'blink',
        'cc',
        'toplevel',
        'v8',
        'blink.user_timing',
        // What made style dirty, node by node (heavy: only when asked for).
        ...(process.env['FOCUS_TRACE_INVALIDATIONS'] === '1'
          ? ['disabled-by-default-devtools.timeline.invalidationTracking']
          : []),
      ],
    },
  });
  const samples: PressSample[] = [];
  for (let i = 0; i < PRESSES; i += 1) {
    const sample = await press(page, keys[(i + 8) % keys.length] as string);
    if (sample && sample.painted !== null) samples.push(sample);
    await page.waitForTimeout(250);
  }
  await cdp.send('Tracing.end');
  await complete;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  cdp.off('Tracing.dataCollected', collect);
  return { events, samples };
}

function analyse(events: TraceEvent[], samples: PressSample[]) {
  const keydowns = events.filter(
    (e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'keydown',
  );
  const focusins = events.filter(
    (e) => e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'focusin',
  );
  const main = keydowns[0];
  if (!main) return null;
  const { pid, tid } = main;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  // The page's clock to the trace's: the first focusin of each press as the page and the trace saw it.
  const perPress: Map<string, number>[] = [];
  const cpuPerPress: Map<string, number>[] = [];
  const totals: number[] = [];
  const cpuTotals: number[] = [];
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  // Every other thread's tasks (the renderer's compositor, the GPU process's display compositor,
  // the browser): at 6x they share the cores with the throttled main thread, so their CPU per
  // press counts too (the medicines screen's larger redrawn area showed up only there).
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const otherTasks = events.filter(
    (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && (e.pid !== pid || e.tid !== tid),
  );
  const otherPerPress: Map<string, number>[] = [];
  const measured: number[] = [];
  const phases: number[][] = [];
  const recalcCounts = new Map<string, number>();
  const ordered = [...keydowns].sort((a, b) => a.ts - b.ts);
  for (const [index, sample] of samples.entries()) {
    // The page's performance.now() counts from the page's time origin, the trace from the
    // machine's boot: the press's first focusin, seen by both, gives the offset.
    const keydown = ordered[index];
    if (!keydown) continue;
    const focusin = focusins.filter((e) => e.ts >= keydown.ts).sort((a, b) => a.ts - b.ts)[0];
    if (!focusin) continue;
    const offset = focusin.ts / 1000 - (sample.focusin as number);
    const start = keydown.ts;
    const end = ((sample.painted as number) + offset) * 1000;
    const sums = new Map<string, number>();
    const cpu = new Map<string, number>();
    for (const e of onMain) {
      if (e.ts < start || e.ts > end || !OF_INTEREST.has(e.name)) continue;
      const name =
        e.name === 'EventDispatch' || e.name === 'TimerFire'
          ? `${e.name}:${e.args?.data?.type ?? ''}`
          : e.name;
      sums.set(name, (sums.get(name) ?? 0) + Math.min(e.dur ?? 0, end - e.ts) / 1000);
      cpu.set(name, (cpu.get(name) ?? 0) + (e.tdur ?? 0) / 1000);
    }
    const split = keydownPhases(
      keydown,
      onMain.filter((e) => e.ts >= keydown.ts && e.ts + (e.dur ?? 0) <= keydown.ts + (keydown.dur ?? 0)),
    );
    if (split) {
      phases.push(split.cpu);
      recalcCounts.set(split.recalcs, (recalcCounts.get(split.recalcs) ?? 0) + 1);
    }
    perPress.push(sums);
    cpuPerPress.push(cpu);
    totals.push(end / 1000 - start / 1000);
    // The main thread's CPU time in the tasks that began between the keydown and the end.
    cpuTotals.push(
      tasks
        .filter((e) => e.ts < end - 100 && e.ts + (e.dur ?? 0) > start)
        .reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000,
    );
    // From the keydown to 20 ms after the measured end: the frame's draw and display follow it.
    const others = new Map<string, number>();
    for (const e of otherTasks) {
      if (e.ts < start || e.ts > end + 20_000) continue;
      const thread = threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
      others.set(thread, (others.get(thread) ?? 0) + (e.tdur ?? 0) / 1000);
    }
    otherPerPress.push(others);
    measured.push((sample.painted as number) - sample.keydown);
  }
  const names = new Set<string>();
  for (const sums of perPress) for (const name of sums.keys()) names.add(name);
  const rows = [...names]
    .map((name) => {
      const values = perPress.map((sums) => sums.get(name) ?? 0);
      const cpu = cpuPerPress.map((sums) => sums.get(name) ?? 0);
      return { name, median: median(values), cpu: median(cpu), cpuP95: quantile(cpu, 0.95) };
    })
    .sort((a, b) => b.cpu - a.cpu);
  const threads = new Set<string>();
  for (const others of otherPerPress) for (const thread of others.keys()) threads.add(thread);
  const otherThreads = [...threads]
    .map((thread) => ({ thread, cpu: median(otherPerPress.map((others) => others.get(thread) ?? 0)) }))
    .filter((row) => row.cpu >= 0.05)
    .sort((a, b) => b.cpu - a.cpu);
  const phaseRows = PHASES.map((name, i) => ({
    name,
    cpu: median(phases.map((p) => p[i] as number)),
    cpuP95: quantile(
      phases.map((p) => p[i] as number),
      0.95,
    ),
  }));
  return {
    presses: perPress.length,
    totals,
    cpuTotals,
    measured,
    rows,
    otherThreads,
    phaseRows,
    phased: phases.length,
    recalcCounts,
  };
}

/** Set when analysing a saved trace, whose rate is not known here. */
let filePrinted = false;

function print(what: string, result: ReturnType<typeof analyse>): void {
  if (!result) {
    console.log(`${what}: no keydown in the trace`);
    return;
  }
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `\n${what}: ${result.presses} presses${filePrinted ? '' : ` at ${RATE}x`}; bench measure median ${f(median(result.measured))} p95 ${f(quantile(result.measured, 0.95))}; keydown dispatch → end median ${f(median(result.totals))} p95 ${f(quantile(result.totals, 0.95))}; main thread CPU in it median ${f(median(result.cpuTotals))} p95 ${f(quantile(result.cpuTotals, 0.95))}`,
  );
  console.log(
    `other threads' CPU per press, median (keydown to 20 ms after the end): ${
      result.otherThreads.map((row) => `${row.thread} ${row.cpu.toFixed(2)}`).join(', ') || 'none'
    }`,
  );
  console.log(`${'event (main thread, ms per press)'.padEnd(58)}    wall   cpu med   cpu p95`);
  for (const row of result.rows)
    console.log(`${row.name.slice(0, 58).padEnd(58)} ${f(row.median)}  ${f(row.cpu)}  ${f(row.cpuP95)}`);
  if (result.phased) {
    const counts = [...result.recalcCounts].map(([elements, n]) => `${elements} elements ×${n}`).join(', ');
    console.log(
      `the keydown task by phase (CPU ms, ${result.phased} presses; style recalculations in focus(): ${counts})`,
    );
    for (const row of result.phaseRows)
      console.log(`${row.name.slice(0, 76).padEnd(76)}  ${f(row.cpu)}  ${f(row.cpuP95)}`);
  }
}

async function main(filters: string[]): Promise<void> {
  // `--file trace.json`: analyse a trace written before with FOCUS_TRACE_OUT.
  if (filters[0] === '--file') {
    const { traceEvents, samples } = JSON.parse(readFileSync(filters[1] as string, 'utf8')) as {
      traceEvents: TraceEvent[];
      samples: PressSample[];
    };
    filePrinted = true;
    print(filters[1] as string, analyse(traceEvents, samples));
    return;
  }
  const screens = screensNamed(filters);
  const bench = await startCallBench({
    dir: CLIENT_DIR,
    manifestFile: join(CLIENT_DIR, '.vite', 'manifest.json'),
  });
  try {
    for (const screen of screens) {
      const page = await newTvPage(bench);
      const cdp = await page.context().newCDPSession(page);
      try {
        await screen.open(page, bench);
        if (PROFILE) {
          console.log(`\n${screen.name}: CPU profile of ${PRESSES} presses at ${RATE}x`);
          await profileScreen(page, cdp, screen.keys);
          continue;
        }
        const { events, samples } = await traceScreen(page, cdp, screen.keys);
        if (OUT) {
          mkdirSync(OUT, { recursive: true });
          writeFileSync(join(OUT, `${screen.id}.json`), JSON.stringify({ traceEvents: events, samples }));
        }
        print(screen.name, analyse(events, samples));
      } catch (error) {
        console.log(`${screen.name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await page.context().close();
        await endCalls(bench);
      }
    }
  } finally {
    await bench.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
