import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';

let worker: SetupWorker | null = null;

/** Starts msw once per test file (the worker script is served by web-test-runner.config.mjs). */
export async function mockApi(...handlers: RequestHandler[]): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker(...handlers);
    await worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      onUnhandledRequest: 'error',
      quiet: true,
    });
  } else {
    worker.resetHandlers(...handlers);
  }
  return worker;
}
