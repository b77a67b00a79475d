/** Writes `dir`/sw.js, a Workbox service worker precaching the app's files in `dir`. */
export function writeServiceWorker(dir: string): Promise<{ count: number; size: number }>;
/** Builds the client into dist/: Vite, the service worker, the Chromium 76 syntax check. */
export function buildClient(): Promise<void>;
