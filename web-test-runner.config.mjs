// Browser unit tests in Debian's Chromium (RECIPE.md), with msw mocking the API.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/lib/chromium.mjs';
import { browserZonePlugin } from './scripts/lib/wtr-browser-zone.mjs';
import { countReporter } from './scripts/lib/wtr-count-reporter.mjs';

/** msw's worker script, served from the package so it never ships in public/. */
const mswWorker = {
  name: 'msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: readFileSync('node_modules/msw/lib/mockServiceWorker.js', 'utf8'), type: 'js' };
    }
    return undefined;
  },
};

export default {
  files: 'test/unit/**/*.test.ts',
  nodeResolve: { browser: true },
  concurrency: 1,
  // The plugin does not follow "extends": give it the file with the decorator settings.
  plugins: [
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
      target: 'es2020',
    }),
    mswWorker,
    browserZonePlugin(),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  reporters: [defaultReporter(), countReporter(process.env.TEST_COUNT_FILE)],
  testFramework: { config: { timeout: 10000 } },
};
