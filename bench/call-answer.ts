// Call benchmark 2: from OK on the ringing TV to the first decoded frame of the doctor's video,
// next to a bare page that only does livekit-client's Room.connect and subscribes.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Manifest } from 'vite';
import type { BenchBuild } from './client-build.js';
import {
  DOCTOR,
  TV_VIEWPORT,
  endConsultation,
  newTvPage,
  openConsole,
  openTvHome,
  pageSafe,
  pause,
  ringWang,
  startCallBench,
  waitForCamera,
  waitForRinging,
  type CallBench,
} from './call-support.js';
import {
  inMilliseconds,
  median,
  quantile,
  rowsOf,
  runContext,
  type BenchResult,
  type Machine,
  type ResultRow,
} from './report.js';

/** The first round is left out: nothing is in the HTTP cache yet (reported for comparison). */
export const ANSWER_WARM_UP = 1;
/** Rounds of three: an answer on the TV, a bare connect, a bare connect that publishes. */
export const ANSWER_RUNS = 20;
/** The goal: our answer → first frame under 1.2 times the bare connect's (medians). */
export const RATIO_GOAL = 1.2;
/** How long a run may take from the key press (or the connect) to the first frame. */
const FRAME_TIMEOUT_MS = 20_000;
/** Before each measurement: the pages settle after the doctor's camera is up. */
const SETTLE_MS = 500;
/** After the TV loads Home, before the doctor rings. */
const TV_IDLE_MS = 1000;

/** A signal WebSocket the page opened (LiveKit's, `/rtc`), on the performance.now() clock. */
interface SocketMark {
  url: string;
  created: number;
}

interface ResourceMark {
  name: string;
  start: number;
  end: number;
}

/** What the TV page recorded for one answer; times are performance.now(). */
interface AnswerRun {
  found: boolean;
  keydown: number;
  /**
   * dah-call-screen upgraded (it has a shadow root), or already there when the page was armed
   * (drawn under the ringing, as the app does).
   */
  callScreen: number | null;
  /** `video[data-remote-identity=dr-zhang-wei]` entered the page: LiveKit subscribed to the doctor's camera. */
  video: number | null;
  /** The first requestVideoFrameCallback of that video. */
  frame: number | null;
  presentedFrames: number | null;
  frameWidth: number;
  frameHeight: number;
  shownWidth: number;
  shownHeight: number;
  resources: ResourceMark[];
  /** WebSockets the page opened after it was armed: none when the TV stood by while it rang. */
  sockets: SocketMark[];
}

/** What the bare page recorded for one connect; times are performance.now(). */
interface BareRun {
  found: boolean;
  start: number;
  socket: number | null;
  connected: number | null;
  subscribed: number | null;
  frame: number | null;
  presentedFrames: number | null;
  frameWidth: number;
  frameHeight: number;
  error: string | null;
}

interface AnswerRecorder {
  keydown: number | null;
  callScreen: number | null;
  video: number | null;
  frame: number | null;
  presentedFrames: number | null;
  frameWidth: number;
  frameHeight: number;
  shownWidth: number;
  shownHeight: number;
  socketsBefore: number;
  done: Promise<void>;
  scan: (nodes: Node[]) => void;
}

type BenchWindow = Window & {
  __answerBench?: AnswerRecorder;
  __benchSockets: SocketMark[];
  __livekit?: typeof import('livekit-client');
};

/**
 * Before the app (and in the bare page): notes when each WebSocket is created, and, once armed,
 * the Enter keydown. Registered first on window in the capture phase, so it runs before the app's
 * key router.
 */
const recorderInit = () => {
  const w = window as unknown as BenchWindow;
  w.__benchSockets = [];
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const created = performance.now();
      super(url, protocols);
      w.__benchSockets.push({ url: String(url), created });
    }
  };
  window.addEventListener(
    'keydown',
    (event) => {
      const bench = w.__answerBench;
      if (bench && bench.keydown === null && event.key === 'Enter') bench.keydown = performance.now();
    },
    true,
  );
};

/**
 * Arms the TV page: a MutationObserver on the document and on every shadow root, present and
 * future, notes when the call screen and the doctor's video arrive, and asks that video for its
 * first frame (requestVideoFrameCallback, registered as it enters the page, before any frame).
 */
async function armTv(page: Page): Promise<void> {
  await page.evaluate(
    pageSafe((doctor: string) => {
      const w = window as unknown as BenchWindow;
      const bench = {
        keydown: null,
        callScreen: null,
        video: null,
        frame: null,
        presentedFrames: null,
        frameWidth: 0,
        frameHeight: 0,
        shownWidth: 0,
        shownHeight: 0,
        socketsBefore: w.__benchSockets.length,
      } as unknown as AnswerRecorder;
      const observed = new Set<Node>([document]);
      bench.done = new Promise<void>((resolve) => {
        const observer = new MutationObserver((records) => {
          const added: Node[] = [];
          for (const record of records) added.push(...Array.from(record.addedNodes));
          bench.scan(added);
        });
        bench.scan = (nodes) => {
          const queue = [...nodes];
          for (let i = 0; i < queue.length; i += 1) {
            const node = queue[i];
            const elements =
              node instanceof Element
                ? [node, ...Array.from(node.querySelectorAll('*'))]
                : node instanceof ShadowRoot || node instanceof Document
                  ? Array.from(node.querySelectorAll('*'))
                  : [];
            for (const element of elements) {
              const name = element.localName;
              if (element.shadowRoot && !observed.has(element.shadowRoot)) {
                observed.add(element.shadowRoot);
                observer.observe(element.shadowRoot, { childList: true, subtree: true });
                queue.push(element.shadowRoot);
                if (name === 'dah-call-screen' && bench.callScreen === null)
                  bench.callScreen = performance.now();
              } else if (!element.shadowRoot && name.includes('-') && !customElements.get(name)) {
                // Rendered before its lazily loaded chunk defined it: its shadow root comes with the upgrade.
                void customElements.whenDefined(name).then(() => bench.scan([element]));
              }
              if (
                element instanceof HTMLVideoElement &&
                element.getAttribute('data-remote-identity') === doctor &&
                bench.video === null
              ) {
                bench.video = performance.now();
                element.requestVideoFrameCallback((_now, metadata) => {
                  bench.frame = performance.now();
                  bench.presentedFrames = metadata.presentedFrames;
                  bench.frameWidth = metadata.width;
                  bench.frameHeight = metadata.height;
                  bench.shownWidth = element.clientWidth;
                  bench.shownHeight = element.clientHeight;
                  observer.disconnect();
                  resolve();
                });
              }
            }
          }
        };
        observer.observe(document, { childList: true, subtree: true });
        bench.scan([document]);
      });
      w.__answerBench = bench;
    }),
    DOCTOR,
  );
}

/** Waits for the first frame (or the timeout) and returns what the TV page recorded. */
function collectTv(page: Page): Promise<AnswerRun> {
  return page.evaluate(
    pageSafe(async (timeoutMs: number) => {
      const w = window as unknown as BenchWindow;
      const bench = w.__answerBench as AnswerRecorder;
      const found = await Promise.race([
        bench.done.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs)),
      ]);
      const keydown = bench.keydown ?? Number.NaN;
      return {
        found,
        keydown,
        callScreen: bench.callScreen,
        video: bench.video,
        frame: bench.frame,
        presentedFrames: bench.presentedFrames,
        frameWidth: bench.frameWidth,
        frameHeight: bench.frameHeight,
        shownWidth: bench.shownWidth,
        shownHeight: bench.shownHeight,
        resources: performance
          .getEntriesByType('resource')
          .filter((entry) => entry.startTime >= keydown)
          .map((entry) => ({
            name: entry.name,
            start: entry.startTime,
            end: (entry as PerformanceResourceTiming).responseEnd,
          })),
        sockets: w.__benchSockets.slice(bench.socketsBefore),
      };
    }),
    FRAME_TIMEOUT_MS,
  );
}

/**
 * One answer as the resident gives it: the doctor rings, opens the call page (which connects and
 * publishes while the TV rings), the TV rings with focus on 接听, Enter. Then the doctor ends it.
 */
async function answerOnce(bench: CallBench, tv: Page, doctorPage: { page: Page | null }): Promise<AnswerRun> {
  const consultationId = await ringWang(bench);
  try {
    await waitForRinging(tv);
    const callPath = `/console/call/${consultationId}`;
    if (doctorPage.page) await doctorPage.page.goto(bench.stack.api.url + callPath);
    else doctorPage.page = await openConsole(bench, bench.doctor, callPath);
    await waitForCamera(bench, consultationId, DOCTOR);
    await pause(SETTLE_MS);
    await armTv(tv);
    await tv.keyboard.press('Enter');
    const run = await collectTv(tv);
    if (isNaN(run.keydown)) throw new Error('the page did not see the Enter keydown');
    if (!run.found) throw new Error(`no frame of the doctor's video within ${FRAME_TIMEOUT_MS / 1000} s`);
    return run;
  } finally {
    await endConsultation(bench, consultationId);
  }
}

/** The livekit-client chunk of the build the stack serves (the one the app imports). */
function liveKitChunk(build: BenchBuild): string {
  const manifest = JSON.parse(readFileSync(build.manifestFile, 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([key]) =>
    key.endsWith('node_modules/livekit-client/dist/livekit-client.esm.mjs'),
  );
  if (!entry) throw new Error('no livekit-client chunk in the manifest');
  return `/${entry[1].file}`;
}

/**
 * A same-origin page that is not the app (the OpenAPI document, under the same CSP), loaded
 * fresh for each run like the TV's, with livekit-client imported before the clock starts.
 */
async function openBarePage(bench: CallBench, page: Page, chunk: string): Promise<void> {
  await page.goto(`${bench.stack.api.url}/api/openapi.json`);
  await page.evaluate(
    pageSafe(async (url: string) => {
      (window as unknown as BenchWindow).__livekit = (await import(url)) as typeof import('livekit-client');
    }),
    chunk,
  );
}

interface BareArgs {
  url: string;
  token: string;
  doctor: string;
  width: number;
  height: number;
  timeoutMs: number;
  /** Also publish a camera and microphone once connected, with the TV's settings (call-session.ts). */
  publish: boolean;
}

/**
 * The bare measurement, all in the page: from just before `new Room` to the first frame of the
 * doctor's camera, attached to a <video muted autoplay> the size the TV showed it.
 */
function connectBare(page: Page, args: BareArgs): Promise<BareRun> {
  return page.evaluate(
    pageSafe(async (args: BareArgs) => {
      const w = window as unknown as BenchWindow;
      const lk = w.__livekit as typeof import('livekit-client');
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      video.style.cssText = `position:fixed;left:0;top:0;width:${args.width}px;height:${args.height}px;background:#000`;
      document.body.appendChild(video);
      const socketsBefore = w.__benchSockets.length;
      const run = {
        found: false,
        start: performance.now(),
        socket: null as number | null,
        connected: null as number | null,
        subscribed: null as number | null,
        frame: null as number | null,
        presentedFrames: null as number | null,
        frameWidth: 0,
        frameHeight: 0,
        error: null as string | null,
      };
      const capture = { width: 1280, height: 720, frameRate: 30 };
      const room = new lk.Room(
        args.publish
          ? {
              adaptiveStream: true,
              dynacast: true,
              videoCaptureDefaults: { resolution: capture },
              publishDefaults: {
                simulcast: true,
                videoSimulcastLayers: [lk.VideoPresets.h180, lk.VideoPresets.h360],
                red: true,
                dtx: true,
              },
            }
          : { adaptiveStream: true, dynacast: true },
      );
      const firstFrame = new Promise<boolean>((resolve) => {
        room.on(lk.RoomEvent.TrackSubscribed, (track, _publication, participant) => {
          if (track.kind !== lk.Track.Kind.Video || participant.identity !== args.doctor) return;
          run.subscribed = performance.now();
          track.attach(video);
          video.requestVideoFrameCallback((_now, metadata) => {
            run.frame = performance.now();
            run.presentedFrames = metadata.presentedFrames;
            run.frameWidth = metadata.width;
            run.frameHeight = metadata.height;
            resolve(true);
          });
        });
        setTimeout(() => resolve(false), args.timeoutMs);
      });
      try {
        await room.connect(args.url, args.token);
        run.connected = performance.now();
        if (args.publish) {
          // As the TV does once connected: list the cameras, then microphone and camera together.
          void navigator.mediaDevices
            .enumerateDevices()
            .then(() =>
              Promise.all([
                room.localParticipant.setMicrophoneEnabled(true),
                room.localParticipant.setCameraEnabled(true, { resolution: capture }),
              ]),
            )
            .catch(() => undefined);
        }
        run.found = await firstFrame;
      } catch (error) {
        run.error = String(error);
      }
      run.socket = w.__benchSockets[socketsBefore]?.created ?? null;
      await room.disconnect();
      video.remove();
      return run;
    }),
    args,
  );
}

/** The same call, answered through the API, with the bare page in the TV's place. */
async function bareOnce(
  bench: CallBench,
  page: Page,
  chunk: string,
  doctorPage: { page: Page | null },
  size: { width: number; height: number },
  publish: boolean,
): Promise<BareRun> {
  const consultationId = await ringWang(bench);
  try {
    const answered = await bench.tv.send('POST', `/api/consultations/${consultationId}/answer`);
    if (answered.status !== 200) throw new Error(`answering through the API: HTTP ${answered.status}`);
    const callPath = `/console/call/${consultationId}`;
    if (doctorPage.page) await doctorPage.page.goto(bench.stack.api.url + callPath);
    else doctorPage.page = await openConsole(bench, bench.doctor, callPath);
    await waitForCamera(bench, consultationId, DOCTOR);
    const { url, token } = ((await answered.json()) as { call: { url: string; token: string } }).call;
    await openBarePage(bench, page, chunk);
    await pause(SETTLE_MS);
    const run = await connectBare(page, {
      url,
      token,
      doctor: DOCTOR,
      ...size,
      timeoutMs: FRAME_TIMEOUT_MS,
      publish,
    });
    if (run.error) throw new Error(`Room.connect failed: ${run.error}`);
    if (!run.found) throw new Error(`no frame of the doctor's video within ${FRAME_TIMEOUT_MS / 1000} s`);
    return run;
  } finally {
    await endConsultation(bench, consultationId);
  }
}

const ms = inMilliseconds(0);
const row = rowsOf(ms);
const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

const ANSWER_URL = /\/api\/consultations\/[^/]+\/answer$/;

/** When the first resource whose URL matches `pattern` finished loading, from the key press. */
function resourceEnd(run: AnswerRun, pattern: RegExp): number | null {
  const entry = run.resources.find((resource) => pattern.test(new URL(resource.name).pathname));
  return entry ? entry.end - run.keydown : null;
}

const signalSocket = (sockets: SocketMark[]) => sockets.find((socket) => /\/rtc/.test(socket.url));

/** Where each side's time goes, in words, from the medians (undefined without data). */
function explainAnswer(ours: AnswerRun[], bare: BareRun[]): string | undefined {
  const answered = ours.map((run) => resourceEnd(run, ANSWER_URL) ?? Number.NaN);
  const series = {
    ours: ours.map((run) => (run.frame as number) - run.keydown),
    answered,
    video: ours.map((run) => (run.video ?? Number.NaN) - run.keydown),
    bare: bare.map((run) => (run.frame as number) - run.start),
    bareSocket: bare.map((run) => (run.socket ?? Number.NaN) - run.start),
    bareSubscribed: bare.map((run) => (run.subscribed ?? Number.NaN) - run.start),
  };
  if (Object.values(series).some((values) => values.length === 0 || values.some((v) => isNaN(v))))
    return undefined;
  const whole = (value: number) => `${Math.round(value)} ms`;
  const m = (values: number[]) => whole(median(values));
  return [
    `**Where the time goes** (medians). Ours connects nothing after the key press: ${m(series.answered)} for the`,
    'answer (the API has LiveKit make the waiting TV visible and let it send before it replies), then the call',
    `screen drawn while it rang puts the doctor’s video, received but paused, into the page (${m(series.video)} from`,
    `the key press); adaptive stream asks for it, the doctor’s encoder resumes the layer dynacast had paused, and the`,
    `first frame is decoded: ${m(series.ours)} in all. The bare page spends ${m(series.bareSocket)} before its signal`,
    `WebSocket opens and ${m(series.bareSubscribed)} until LiveKit has subscribed it (joining, ICE, DTLS, negotiation),`,
    `${m(series.bare)} to the first frame: the connecting ours did while the TV rang.`,
  ].join('\n');
}

export async function measureAnswerLatency(build: BenchBuild, machine: Machine): Promise<BenchResult> {
  const started = await runContext();
  const chunk = liveKitChunk(build);
  const bench = await startCallBench(build);
  const errors: string[] = [];
  const ours: AnswerRun[] = [];
  const bare: BareRun[] = [];
  const publishing: BareRun[] = [];
  let coldRun: AnswerRun | null = null;
  let coldBare: BareRun | null = null;
  const doctorPage: { page: Page | null } = { page: null };
  let bareSize: { width: number; height: number } | null = null;
  try {
    const tv = await newTvPage(bench, recorderInit);
    const barePage = await (await bench.browser.newContext({ viewport: TV_VIEWPORT })).newPage();
    await barePage.addInitScript(pageSafe(recorderInit));
    console.log(
      `[bench] ${ANSWER_WARM_UP} warm-up and ${ANSWER_RUNS} measured rounds: an answer on the TV, a bare connect, a bare connect that publishes…`,
    );
    for (let i = 0; i < ANSWER_WARM_UP + ANSWER_RUNS && errors.length < 10; i += 1) {
      const warmUp = i < ANSWER_WARM_UP;
      try {
        await openTvHome(bench, tv);
        await pause(TV_IDLE_MS);
        const run = await answerOnce(bench, tv, doctorPage);
        // The bare page shows the doctor at the size the TV did (the first answer's: the layout is fixed).
        if (!bareSize && run.shownWidth > 0) bareSize = { width: run.shownWidth, height: run.shownHeight };
        if (warmUp) coldRun ??= run;
        else ours.push(run);
      } catch (error) {
        errors.push(`round ${i + 1}, answer on the TV: ${message(error)}`);
      }
      // The TV leaves Home, or it would ring too while the bare page takes its place in the next calls. It
      // waits on a page of the same origin that is not the app: that keeps its renderer process, as
      // loading /tv again would (about:blank would start a new one, with V8's caches empty).
      await tv.goto(`${bench.stack.api.url}/healthz`);
      for (const publish of [false, true]) {
        try {
          const run = await bareOnce(bench, barePage, chunk, doctorPage, bareSize ?? TV_VIEWPORT, publish);
          if (warmUp) {
            if (!publish) coldBare ??= run;
          } else (publish ? publishing : bare).push(run);
        } catch (error) {
          errors.push(`round ${i + 1}, bare connect${publish ? ' that publishes' : ''}: ${message(error)}`);
        }
      }
    }
  } finally {
    await bench.stop();
  }
  if (ours.length < ANSWER_RUNS) errors.push(`${ours.length} of ${ANSWER_RUNS} answers measured`);
  if (bare.length < ANSWER_RUNS) errors.push(`${bare.length} of ${ANSWER_RUNS} bare connects measured`);
  if (publishing.length < ANSWER_RUNS)
    errors.push(`${publishing.length} of ${ANSWER_RUNS} bare connects that publish measured`);

  const defined = (values: (number | null)[]) => values.filter((v): v is number => v !== null && !isNaN(v));
  const oursTotal = ours.map((run) => (run.frame as number) - run.keydown);
  const bareTotal = bare.map((run) => (run.frame as number) - run.start);
  const fromSocket = (runs: BareRun[]) =>
    defined(runs.map((run) => (run.socket === null ? null : (run.frame as number) - run.socket)));
  const bareFromSocket = fromSocket(bare);
  const publishingTotal = publishing.map((run) => (run.frame as number) - run.start);
  const ratio = (a: number[], b: number[], q: (v: number[]) => number) =>
    a.length && b.length ? q(a) / q(b) : Number.NaN;
  const p95 = (values: number[]) => quantile(values, 0.95);
  const medianRatio = ratio(oursTotal, bareTotal, median);
  const times = (value: number) => (isNaN(value) ? '—' : `${value.toFixed(2)}×`);
  const goal = `< ${RATIO_GOAL}× (medians)`;
  const ratioRow = (measured: string, a: number[], b: number[]): ResultRow => ({
    measured,
    runs: Math.min(a.length, b.length),
    median: times(ratio(a, b, median)),
    p95: times(ratio(a, b, p95)),
    goal: '—',
    pass: null,
  });

  const milestone = (of: (run: AnswerRun) => number | null) => defined(ours.map(of));
  const rows: ResultRow[] = [
    row(
      'Ours: OK on the ringing TV → first decoded frame of the doctor’s video (capturing keydown → first `requestVideoFrameCallback`)',
      oursTotal,
    ),
    row(
      'Bare page: `new Room({adaptiveStream, dynacast})` + `connect` → first decoded frame of the doctor’s video',
      bareTotal,
    ),
    {
      measured: 'Ratio ours / bare (Median column: of the medians; p95 column: of the p95s)',
      runs: Math.min(oursTotal.length, bareTotal.length),
      median: times(medianRatio),
      p95: times(ratio(oursTotal, bareTotal, p95)),
      goal,
      pass: errors.length === 0 && medianRatio < RATIO_GOAL,
    },
    row(
      'For comparison, a bare page that also publishes its camera and microphone once connected, as the TV does: `new Room` → first frame',
      publishingTotal,
    ),
    ratioRow('Ratio ours / bare that publishes (medians; p95s)', oursTotal, publishingTotal),
    row(
      'Ours, from the key press: the API’s answer to `POST …/answer` received (the standby admitted)',
      milestone((run) => resourceEnd(run, ANSWER_URL)),
    ),
    row(
      'Ours, from the key press: the doctor’s `<video>` in the page',
      milestone((run) => (run.video === null ? null : run.video - run.keydown)),
    ),
    row(
      'Bare, from `new Room`: signal WebSocket created',
      defined(bare.map((run) => (run.socket === null ? null : run.socket - run.start))),
    ),
    row(
      'Bare, from `new Room`: `connect` resolved',
      defined(bare.map((run) => (run.connected === null ? null : run.connected - run.start))),
    ),
    row(
      'Bare, from `new Room`: the doctor’s video track subscribed (`TrackSubscribed`)',
      defined(bare.map((run) => (run.subscribed === null ? null : run.subscribed - run.start))),
    ),
    row('Bare, from the signal WebSocket → first frame', bareFromSocket),
    row('Bare that publishes, from the signal WebSocket → first frame', fromSocket(publishing)),
  ];
  if (coldRun?.frame != null) {
    rows.push(
      row('For comparison, ours, first answer after the browser started (nothing cached)', [
        coldRun.frame - coldRun.keydown,
      ]),
    );
  }
  if (coldBare?.frame != null) {
    rows.push(
      row('For comparison, bare, first connect (warm-up, left out)', [coldBare.frame - coldBare.start]),
    );
  }
  // The size of the first frame, the most frequent over the runs (simulcast layers differ in size).
  const firstFrameSize = (runs: { frameWidth: number; frameHeight: number }[]) => {
    const counts = new Map<string, number>();
    for (const run of runs) {
      const key = `${run.frameWidth}×${run.frameHeight}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const sizes = [...counts].sort((a, b) => b[1] - a[1]);
    return sizes.length ? sizes.map(([key, count]) => `${key} (${count} of ${runs.length})`).join(', ') : '—';
  };
  const size = bareSize ? `${bareSize.width}×${bareSize.height}` : '1280×720';
  const measured = [...ours, ...bare, ...publishing];
  const late = measured.filter((run) => (run.presentedFrames ?? 1) > 1).length;
  const lateNote = late
    ? `In ${late} of the ${measured.length} measured runs the first callback already counted two or more presented frames: the main thread was busy when the first frame came, and its callback ran a frame or more later.`
    : 'Every first callback counted exactly one presented frame.';
  // Stood by: no LiveKit connection opened after the key press, and the call screen was there before it.
  const stoodBy = ours.filter(
    (run) => !signalSocket(run.sockets) && run.callScreen !== null && run.callScreen < run.keydown,
  ).length;

  return {
    title: 'Calls: answer to the first frame of the doctor’s video, ours against a bare LiveKit connect',
    method: [
      'A fresh stack and browsers set up as above; rounds of three calls, each answered in a different way, so',
      'that the three series see the same machine. In every call the doctor rings Wang Xiuying’s TV through the',
      'API and opens the console’s call page (`/console/call/<id>`), which connects to LiveKit and publishes its',
      'fake camera (LiveKit’s room service must list it before the clock starts); at the end the doctor ends the',
      'consultation through the API (`POST …/end`), which closes the room. The console runs in a Chromium of its',
      'own, as on the doctor’s own computer, not as a page of the TV’s browser (as it did until 2026-12-05), whose',
      'one fake camera and one GPU process it would share with the TV.',
      '',
      '**Ours**: the TV (1280×720, voice guidance off) loads `/tv` afresh and rings. While it rings it stands by in',
      'the call’s room (`POST …/standby`: hidden, sending nothing; it receives, and plays nothing), with the call screen',
      'drawn under the incoming call; then, with focus on 接听, Playwright presses Enter. In the page a capturing keydown',
      'listener, registered on `window` before the app’s, reads `performance.now()`, and `MutationObserver`s on the',
      'document and on every shadow root, present and future, see `video[data-remote-identity="dr-zhang-wei"]` arrive;',
      '`requestVideoFrameCallback` is requested on the video as it enters the page, and its first callback’s',
      '`performance.now()` ends the run. Between the two: the answer request (`standingBy`: the API has LiveKit make',
      'the TV visible and let it send before it replies), the call screen taking the standby’s call over and putting',
      'the doctor’s video into the page, adaptive stream asking for it, the doctor’s encoder resuming the layer',
      `dynacast had paused, and decoding. In ${stoodBy} of the ${ours.length} measured answers the TV stood by (no LiveKit`,
      'connection opened after the key press, the call screen already drawn); an answer without a standby connects',
      'at once with the token that comes with the answer. As the TV loads `/tv` before each answer, every answer is',
      'the first call since the app started (livekit-client loads while it rings), with the chunks in the HTTP cache;',
      'after it, the TV waits on `/healthz`, a page of the same origin that is not the app, or it would ring for the',
      'next two calls too (the same origin keeps its renderer process and V8’s in-memory caches, as loading `/tv` again',
      'would; the warm-up row at the end is a first answer without them).',
      '',
      '**Bare**: the call is answered through the API (`POST /api/consultations/<id>/answer` as the TV), whose',
      'response carries the TV’s call token. A page of the same origin that is not the app',
      '(`/api/openapi.json`, under the same CSP), loaded fresh for each call, imports the build’s own livekit-client',
      'chunk before the clock starts; then, in the page, from just before `new Room({adaptiveStream: true,',
      'dynacast: true})` and `connect(url, token)` to the first `requestVideoFrameCallback` of the doctor’s camera',
      `track, attached to a \`<video muted autoplay>\` of the size the TV showed it (${size}). The third call is the`,
      'same, except that the page also publishes a camera and microphone once connected, with the TV’s settings',
      '(720p capture, 180p and 360p simulcast layers, RED, DTX), as the TV does: what publishing costs the first',
      'frame.',
      '',
      `The first round is a warm-up (nothing in the HTTP cache), in the last rows of the table; then ${ANSWER_RUNS} rounds.`,
      `The first frame of the doctor’s camera measured ${firstFrameSize(ours)} on the TV, ${firstFrameSize(bare)} in the bare`,
      `page and ${firstFrameSize(publishing)} in the bare page that publishes. ${lateNote} The TV, the clinician’s page,`,
      'the API and LiveKit all share this machine’s CPUs. Loopback only: a real line adds its round trips to the',
      'bare page’s connecting (several, ICE and DTLS included), while ours makes one request, the answer, after the',
      'key press. The milestone rows are medians of each milestone over the runs, on the same clock as the run.',
    ].join('\n'),
    details: explainAnswer(ours, bare),
    rows,
    errors,
    machine,
    ...started,
  };
}
