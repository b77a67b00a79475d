import type { Workbox } from 'workbox-window';
import { askPersistentStorage } from './outbox.js';
import type { QuietUpdate } from './quiet-update.js';

/** How often a TV left on for weeks looks for a new version. */
const CHECK_FOR_UPDATE_MS = 60 * 60_000;

/**
 * Registers the Workbox-generated service worker (dist/sw.js) for the offline shell. A new version
 * installs in the background and waits; `updates` applies it at a quiet moment (skip waiting, then
 * one reload when it takes control). Packaged Tizen/webOS apps run from file:// where none can
 * register: the app then works without it, online. Persistent storage is asked for either way:
 * the outbox holds writes not yet sent.
 */
export function registerServiceWorker(updates: QuietUpdate): void {
  void askPersistentStorage();
  if (!import.meta.env?.PROD || !('serviceWorker' in navigator) || window.location.protocol === 'file:')
    return;
  // Loaded when it is wanted (after the first screen: shell/app-updates.ts), not in the first chunk.
  import('workbox-window').then(
    ({ Workbox }) => register(new Workbox('/sw.js'), updates),
    () => undefined, // its chunk out of reach: no offline shell this time, everything else works
  );
}

function register(workbox: Workbox, updates: QuietUpdate): void {
  workbox.addEventListener('waiting', () => {
    updates.offer(() => {
      workbox.addEventListener('controlling', () => window.location.reload());
      workbox.messageSkipWaiting();
    });
  });
  workbox
    .register()
    .then(() => setInterval(() => void workbox.update(), CHECK_FOR_UPDATE_MS))
    .catch(() => {
      // No offline shell on this device; everything else works.
    });
}
