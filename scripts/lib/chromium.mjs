// How every suite launches Debian's Chromium: browser unit tests, end-to-end tests, benchmarks.
import { existsSync } from 'node:fs';
import { CHROMIUM } from './paths.mjs';

/** No packet may leave loopback: Chromium's own background traffic is switched off. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', // tests run as root in CI
  '--disable-gpu',
  '--disable-dev-shm-usage', // Debian's wrapper misdetects shared memory (RECIPE.md)
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Test pages open one after another: a page left behind must not slow the next one's timers.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  // Even with the flags above, Chromium (and Debian's wrapper, which exports Google API keys)
  // looks up accounts.google.com, update.googleapis.com and clients2.google.com: seen with
  // tcpdump on eth0. No name resolves except loopback's, so no DNS packet leaves the machine.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** For calls: a synthetic camera and microphone, and ICE over loopback with real addresses. */
export const MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // mDNS host candidates would be resolved by multicast: off the loopback interface.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

export function chromiumPath() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: run \`npm test\` (it installs Debian's chromium) or apt-get install chromium.`,
    );
  }
  return CHROMIUM;
}
