import { Workbox } from 'workbox-window';

/**
 * Registers the Workbox-generated service worker (dist/sw.js) for the offline shell. Packaged
 * Tizen/webOS apps run from file:// where none can register: the app then works without it.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || window.location.protocol === 'file:')
    return;
  new Workbox('/sw.js').register().catch(() => {
    // No offline shell on this device; everything else works.
  });
}
