import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { CHROMIUM_ARGS, MEDIA_ARGS, chromiumPath } from '../../scripts/lib/chromium.mjs';
import { DIST_DIR } from '../../scripts/lib/paths.mjs';
import type { ApiSession } from './stack.js';

/** Debian's Chromium with a fake camera and microphone and a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [...CHROMIUM_ARGS, ...MEDIA_ARGS],
  });
}

/** The built client; the end-to-end suite runs against what ships. */
export function builtClient(): string {
  if (!existsSync(join(DIST_DIR, 'index.html'))) {
    throw new Error('No built client in dist/: run `npm run build` (npm test builds it first).');
  }
  return DIST_DIR;
}

/**
 * Waits until a <video> is really decoding: it has a size and requestVideoFrameCallback reports
 * at least `frames` new frames. Returns the size seen.
 * In-page functions here use only inline anonymous arrows: tsx compiles with esbuild's keepNames,
 * which wraps named functions in a __name helper that does not exist in the page.
 */
export async function expectVideoDecoding(video: Locator, frames = 5, timeoutMs = 20_000) {
  await video.waitFor({ state: 'attached', timeout: timeoutMs });
  return video.evaluate(
    async (element, { frames, timeoutMs }) => {
      const v = element as HTMLVideoElement;
      const deadline = Date.now() + timeoutMs;
      let seen = 0;
      while (seen < frames || v.videoWidth === 0) {
        if (Date.now() > deadline) {
          throw new Error(`only ${seen} frames decoded, size ${v.videoWidth}x${v.videoHeight}`);
        }
        const decoded = await Promise.race([
          new Promise<boolean>((resolve) => v.requestVideoFrameCallback(() => resolve(true))),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
        ]);
        if (decoded) seen += 1;
      }
      return { width: v.videoWidth, height: v.videoHeight, frames: seen };
    },
    { frames, timeoutMs },
  );
}

/** The `<video>` of a remote participant's camera (the call session marks it with their identity). */
export function remoteVideo(page: Page, identity: string): Locator {
  return page.locator(
    `video[data-remote-identity="${identity}"], video[data-remote-identity^="${identity}#"]`,
  );
}

/** The remote audio element's track is live (subscribed and receiving). */
export function remoteAudioLive(page: Page, identity: string): Promise<boolean> {
  return page
    .locator(
      `audio[data-remote-audio-identity="${identity}"], audio[data-remote-audio-identity^="${identity}#"]`,
    )
    .evaluate((element) => {
      const stream = (element as HTMLAudioElement).srcObject as MediaStream | null;
      return stream?.getAudioTracks()[0]?.readyState === 'live';
    });
}

declare global {
  interface Window {
    /** The document and every open shadow root in it, outer before inner (contextSignedInAs). */
    __openRoots(): (Document | ShadowRoot)[];
    /** The deepest focused element, through open shadow roots (contextSignedInAs). */
    __deepActive(): Element | null;
  }
}

/**
 * In-page helpers shared by the benchmarks and end-to-end tests: functions given to `evaluate` are
 * sent as source and cannot share a closure, so what they share is defined in the page, before
 * the app, by this script. A string, not a function: tsx's keepNames (above) would wrap its
 * named functions in `__name`.
 */
const PAGE_HELPERS = `
window.__openRoots = () => {
  const roots = [document];
  for (let i = 0; i < roots.length; i += 1)
    for (const element of Array.from(roots[i].querySelectorAll('*')))
      if (element.shadowRoot) roots.push(element.shadowRoot);
  return roots;
};
window.__deepActive = () => {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement)
    active = active.shadowRoot.activeElement;
  return active;
};
`;

/**
 * A browser context (one device) already signed in with the cookies of an API session. Every
 * document it loads has the page helpers (`window.__openRoots`, `window.__deepActive`): this is the
 * one place that installs them, for the end-to-end suites (e2e-suite.ts's pageOf) and the benchmarks.
 */
export async function contextSignedInAs(
  browser: Browser,
  session: ApiSession,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
  await context.addInitScript(PAGE_HELPERS);
  await context.addCookies(
    [...session.cookies].map(([name, value]) => ({
      name,
      value,
      domain: '127.0.0.1',
      path: name === 'dah_device' ? '/api/devices' : '/',
      httpOnly: true,
      sameSite: 'Strict' as const,
    })),
  );
  return context;
}
