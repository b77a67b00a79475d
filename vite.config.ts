import { defineConfig } from 'vite';

// TV engines lag years behind: Tizen 2021 and webOS 6 ship Chromium 76-79 (shared/design/tv-ui.md).
// Vite's default target (Chrome 107+) would break them; scripts/check-build-target.mjs verifies the output.
export const TV_TARGET = 'chrome76';

const apiOrigin = process.env.API_ORIGIN ?? 'http://127.0.0.1:8080';

export default defineConfig({
  build: {
    target: TV_TARGET,
    cssTarget: TV_TARGET,
    sourcemap: true,
    // The budget for the Home screen is enforced by bench/, not by a warning here.
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': apiOrigin, '/healthz': apiOrigin },
  },
  preview: { host: '127.0.0.1' },
});
