// What the call benchmarks share: the real stack serving the bench build, Chromium with a fake
// camera and microphone for the TV and another for the clinicians' consoles, a paired TV for Wang
// Xiuying and Dr Zhang Wei signed in, pages for the TV and the consoles, and the LiveKit room as
// the server sees it.
import { RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, MEDIA_ARGS, chromiumPath } from '../scripts/lib/chromium.mjs';
import { roomNameFor } from '../src/server/consultations/consultations.js';
import { contextSignedInAs, launchChromium } from '../test/support/browser.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../test/support/stack.js';
import type { BenchBuild } from './client-build.js';

export const WANG = 'res-wang-xiuying';
export const DOCTOR = 'dr-zhang-wei';
export const SPECIALIST = 'sp-chen-jianguo';

export const TV_VIEWPORT = { width: 1280, height: 720 };
const CONSOLE_VIEWPORT = { width: 1440, height: 900 };

export interface CallBench {
  stack: TestStack;
  browser: Browser;
  /** Where the clinicians' consoles open: a browser of their own, or `browser` (CALL_SETUP). */
  consoleBrowser: Browser;
  /** Dr Zhang Wei, Wang Xiuying's family doctor, signed in at the console. */
  doctor: ApiSession;
  /** Wang Xiuying's TV, paired by her doctor. */
  tv: ApiSession;
  rooms: RoomServiceClient;
  stop(): Promise<void>;
}

interface CallBenchOptions {
  /**
   * The clinicians' consoles in a Chromium of their own (its own browser, GPU, network and audio
   * processes), as on the clinician's own computer, rather than beside the TV's pages in one browser.
   */
  consolesApart?: boolean;
  /**
   * With consolesApart: that browser runs under Linux's SCHED_IDLE policy (`chrt --idle 0`, which
   * its every process and thread inherits) and takes only CPU time the TV, LiveKit and the API
   * leave. For comparison (FOCUS_DOCTOR=idle): on a loaded machine it gained nothing clear and
   * slowed the doctor's video; Chromium raises its own compositor and IO threads to nice -8 when
   * it can, which SCHED_IDLE overrides.
   */
  consolesIdle?: boolean;
}

/** Chromium as launchChromium starts it, under SCHED_IDLE (a wrapper script, made once a run). */
function launchIdleChromium(): Promise<Browser> {
  const wrapper = join(mkdtempSync(join(tmpdir(), 'dah-idle-chromium-')), 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec chrt --idle 0 ${chromiumPath()} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return chromium.launch({
    executablePath: wrapper,
    headless: true,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
}

/**
 * How every call benchmark runs the clinicians' consoles: by default (`apart`) in a Chromium of
 * their own, as on the doctor's own computer (in the TV's browser they would share its one fake
 * camera, whose format the first page to open it fixes, and its one GPU process);
 * FOCUS_DOCTOR=idle that Chromium under SCHED_IDLE, FOCUS_DOCTOR=together pages in the TV's
 * browser, as first measured. The variable is named for the focus benchmark, which compared them
 * (its method text in bench/focus-screens.ts says what they gave).
 */
const DOCTOR_SETUP = process.env['FOCUS_DOCTOR'] ?? 'apart';
const CALL_SETUP: CallBenchOptions = {
  consolesApart: DOCTOR_SETUP !== 'together',
  consolesIdle: DOCTOR_SETUP === 'idle',
};

/**
 * A fresh stack and browsers, as the end-to-end suite starts them, serving the bench build: the
 * TV's Chromium, and the consoles' as CALL_SETUP says.
 */
export async function startCallBench(build: BenchBuild): Promise<CallBench> {
  const stack = await startStack({ staticDir: build.dir });
  let browser: Browser;
  let consoleBrowser: Browser;
  try {
    browser = await launchChromium();
    consoleBrowser = CALL_SETUP.consolesApart
      ? await (CALL_SETUP.consolesIdle ? launchIdleChromium() : launchChromium()).catch(
          async (error: unknown) => {
            await browser.close();
            throw error;
          },
        )
      : browser;
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const stop = async () => {
    if (consoleBrowser !== browser) await consoleBrowser.close();
    await browser.close();
    await stack.stop();
  };
  try {
    const doctor = await signIn(stack, 'zhangwei');
    const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
    const rooms = new RoomServiceClient(stack.livekitHttpUrl, stack.apiKey, stack.apiSecret);
    return { stack, browser, consoleBrowser, doctor, tv, rooms, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The paired TV in its own browser context (1280×720), with voice guidance off: with it on, every
 * new screen and focus move makes the API, in this process on the same CPUs, run espeak-ng, work
 * a TV never does and that would disturb the timings. `initScript` runs before the app in every
 * document, as do the page helpers (`__openRoots`, `__deepActive`: contextSignedInAs). Not navigated
 * yet: see openTvHome.
 */
export async function newTvPage(bench: CallBench, initScript?: () => void): Promise<Page> {
  const context = await contextSignedInAs(bench.browser, bench.tv, { viewport: TV_VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(() =>
    localStorage.setItem('dah.settings', JSON.stringify({ voiceGuidance: false })),
  );
  if (initScript) await page.addInitScript(pageSafe(initScript));
  return page;
}

/** Opens Home on the TV and waits for its push channel to be open (a ring sent earlier would not reach it). */
export async function openTvHome(bench: CallBench, page: Page): Promise<void> {
  const eventsOpen = page.waitForResponse(
    (response) => new URL(response.url()).pathname === '/api/events' && response.status() === 200,
    { timeout: 20_000 },
  );
  await page.goto(`${bench.stack.api.url}/tv`);
  await Promise.all([eventsOpen, page.locator('dah-tv-home h1').waitFor({ timeout: 20_000 })]);
}

/** A clinician's console page (its own context, desktop size) at `path`. */
export async function openConsole(bench: CallBench, session: ApiSession, path: string): Promise<Page> {
  const context = await contextSignedInAs(bench.consoleBrowser, session, { viewport: CONSOLE_VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  await page.goto(bench.stack.api.url + path);
  return page;
}

async function expectStatus(response: Response, status: number, what: string): Promise<Response> {
  if (response.status !== status)
    throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response;
}

/** The doctor rings Wang Xiuying's TV (a follow-up, 随访); returns the consultation id. */
export async function ringWang(bench: CallBench, reason = '随访：血压'): Promise<string> {
  const response = await bench.doctor.send('POST', '/api/consultations', { patientId: WANG, reason });
  await expectStatus(response, 201, 'ringing the TV');
  return ((await response.json()) as { id: string }).id;
}

/** Stops a ring nobody answered. */
export async function cancelRing(bench: CallBench, consultationId: string): Promise<void> {
  await expectStatus(
    await bench.doctor.send('POST', `/api/consultations/${consultationId}/cancel`),
    200,
    'cancelling the ring',
  );
}

/** The doctor ends the consultation; LiveKit's room closes for everyone. */
export async function endConsultation(bench: CallBench, consultationId: string): Promise<void> {
  await expectStatus(
    await bench.doctor.send('POST', `/api/consultations/${consultationId}/end`, { diagnosis: 'bench' }),
    200,
    'ending the consultation',
  );
}

/**
 * Waits until LiveKit lists `identity` in the consultation's room with a camera track published
 * (unmuted). With dynacast its layers are paused until someone subscribes.
 */
export async function waitForCamera(
  bench: CallBench,
  consultationId: string,
  identity: string,
  timeoutMs = 20_000,
): Promise<void> {
  const room = roomNameFor(consultationId);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const participants = await bench.rooms.listParticipants(room).catch(() => []);
    const published = participants
      .find((p) => p.identity === identity)
      ?.tracks.some((t) => t.type === TrackType.VIDEO && t.source === TrackSource.CAMERA && !t.muted);
    if (published) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${identity} did not publish a camera in ${room} within ${timeoutMs / 1000} s`);
}

/** Waits until the TV rings with focus on 接听, ready for OK. */
export async function waitForRinging(page: Page, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(
    pageSafe(() => {
      const active = window.__deepActive();
      return active instanceof HTMLElement && active.dataset['focusKey'] === 'answer';
    }),
    null,
    { timeout: timeoutMs },
  );
}

/** Throws, with a clear message, for in-page code that tsx's keepNames wrapped in `__name` (not defined in the page). */
export function pageSafe<T extends (...args: never[]) => unknown>(fn: T): T {
  if (fn.toString().includes('__name(')) {
    throw new Error(
      'in-page code uses a named function (tsx keepNames adds __name): use inline anonymous arrows',
    );
  }
  return fn;
}

/** Records every RTCPeerConnection the page makes (window.__pcs), for getStats. Runs before the app. */
export const recordPeerConnections = pageSafe(() => {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = made;
  // Assigned straight to window: a function stored in a named variable gets tsx's __name.
  (window as unknown as { RTCPeerConnection: unknown }).RTCPeerConnection = function (
    configuration?: RTCConfiguration,
  ) {
    const pc = new Original(configuration);
    made.push(pc);
    return pc;
  };
  window.RTCPeerConnection.prototype = Original.prototype;
  (window.RTCPeerConnection as unknown as { generateCertificate: unknown }).generateCertificate =
    Original.generateCertificate;
});

export interface RtpSummary {
  direction: 'out' | 'in';
  rid: string;
  width: number;
  height: number;
  fps: number;
  frames: number;
  codecTime: number;
  implementation: string;
  limitation: string;
  active: boolean;
}

/** Video RTP streams of the page's open peer connections (see recordPeerConnections). */
export function videoStreams(page: Page): Promise<RtpSummary[]> {
  return page.evaluate(
    pageSafe(async () => {
      const pcs = ((window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? []).filter(
        (pc) => pc.connectionState !== 'closed',
      );
      const out: RtpSummary[] = [];
      for (const pc of pcs) {
        const report = await pc.getStats();
        report.forEach((s: Record<string, unknown>) => {
          if (s['kind'] !== 'video' || (s['type'] !== 'outbound-rtp' && s['type'] !== 'inbound-rtp')) return;
          const outbound = s['type'] === 'outbound-rtp';
          out.push({
            direction: outbound ? 'out' : 'in',
            rid: String(s['rid'] ?? ''),
            width: Number(s['frameWidth'] ?? 0),
            height: Number(s['frameHeight'] ?? 0),
            fps: Number(s['framesPerSecond'] ?? 0),
            frames: Number((outbound ? s['framesEncoded'] : s['framesDecoded']) ?? 0),
            codecTime: Number((outbound ? s['totalEncodeTime'] : s['totalDecodeTime']) ?? 0),
            implementation: String(
              (outbound ? s['encoderImplementation'] : s['decoderImplementation']) ?? '',
            ),
            limitation: String(s['qualityLimitationReason'] ?? ''),
            active: s['active'] !== false,
          });
        });
      }
      return out;
    }),
  );
}

/**
 * Frames the TV's picture of the remote party (the first `video[data-remote-identity]`, through
 * shadow roots) has shown so far: `getVideoPlaybackQuality().totalVideoFrames`; -1 when there is none.
 */
export function shownFrames(page: Page): Promise<number> {
  return page.evaluate(
    pageSafe(() => {
      for (const root of window.__openRoots()) {
        const video = root.querySelector('video[data-remote-identity]');
        if (video instanceof HTMLVideoElement) return video.getVideoPlaybackQuality().totalVideoFrames;
      }
      return -1;
    }),
  );
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Consultations the focus benchmark's call screen started (bench/focus-screens.ts). */
export const callsToEnd: string[] = [];

/**
 * Ends the call screen's consultations and closes the doctor's console pages, once the call's runs
 * are done: a console left on (its camera, its self-view, its own browser's compositor) would share
 * the cores with the screens measured after it. Call with the TV's page already closed.
 */
export async function endCalls(bench: CallBench): Promise<void> {
  for (const id of callsToEnd.splice(0)) await endConsultation(bench, id).catch(() => undefined);
  for (const context of bench.consoleBrowser.contexts()) await context.close();
}
