// What the call benchmarks share: the real stack serving the bench build, Chromium with a fake
// camera and microphone, a paired TV for Wang Xiuying and Dr Zhang Wei signed in, pages for the
// TV and the consoles, and the LiveKit room as the server sees it.
import { RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';
import type { Browser, Page } from 'playwright-core';
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
  /** Dr Zhang Wei, Wang Xiuying's family doctor, signed in at the console. */
  doctor: ApiSession;
  /** Wang Xiuying's TV, paired by her doctor. */
  tv: ApiSession;
  rooms: RoomServiceClient;
  stop(): Promise<void>;
}

/** A fresh stack and browser, as the end-to-end suite starts them, serving the bench build. */
export async function startCallBench(build: BenchBuild): Promise<CallBench> {
  const stack = await startStack({ staticDir: build.dir });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  const stop = async () => {
    await browser.close();
    await stack.stop();
  };
  try {
    const doctor = await signIn(stack, 'zhangwei');
    const tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
    const rooms = new RoomServiceClient(stack.livekitHttpUrl, stack.apiKey, stack.apiSecret);
    return { stack, browser, doctor, tv, rooms, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The paired TV in its own browser context (1280×720), with voice guidance off: with it on, every
 * new screen and focus move makes the API, in this process on the same CPUs, run espeak-ng, work
 * a TV never does and that would disturb the timings. `initScript` runs before the app in every
 * document. Not navigated yet: see openTvHome.
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
  const context = await contextSignedInAs(bench.browser, session, { viewport: CONSOLE_VIEWPORT });
  const page = await context.newPage();
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
      let active = document.activeElement;
      while (active && active.shadowRoot && active.shadowRoot.activeElement)
        active = active.shadowRoot.activeElement;
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

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
