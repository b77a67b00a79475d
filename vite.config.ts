import { defineConfig, type ProxyOptions } from 'vite';

// TV engines lag years behind: Tizen 2021 and webOS 6 ship Chromium 76-79 (shared/design/tv-ui.md).
// Vite's default target (Chrome 107+) would break them; scripts/check-build-target.mjs verifies the output.
export const TV_TARGET = 'chrome76';

const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:8080';

/**
 * The API accepts state-changing requests only from its public origin (PUBLIC_ORIGIN, by default
 * its own address). The dev server's pages are another origin, so their requests are passed on as
 * if from the API's own origin; a page of any other origin keeps its Origin and is refused.
 */
const toApi: ProxyOptions = {
  target: apiOrigin,
  configure: (proxy) => {
    proxy.on('proxyReq', (request, incoming) => {
      if (incoming.headers.origin === `http://${incoming.headers.host}`)
        request.setHeader('origin', apiOrigin);
    });
  },
};

export default defineConfig({
  build: {
    target: TV_TARGET,
    cssTarget: TV_TARGET,
    sourcemap: true,
    // The budget for the Home screen is enforced by bench/, not by a warning here.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // What the first screen needs in one chunk, not seventeen: each is a request through the
        // service worker, a task of a slow TV's main thread before any script runs (issue 18,
        // cold start; bench/profile-cold-start.ts). Lazy screens still share their own chunks.
        codeSplitting: { groups: [{ name: 'shell', tags: ['$initial'] }] },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': toApi, '/healthz': apiOrigin },
  },
  preview: { host: '127.0.0.1' },
});
