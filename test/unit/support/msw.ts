import { fixtureCleanup, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, sse, type RequestHandler } from 'msw';
import type { PushEvent } from '../../../src/shared/consultations/schemas.js';
import { setupWorker, type SetupWorker } from 'msw/browser';

let worker: SetupWorker | null = null;

/** Every app polls /healthz for the status bar; tests that care override it. */
const healthy = http.get('/healthz', () =>
  HttpResponse.json({ status: 'ok', checks: { database: 'ok', livekit: 'ok' } }),
);

/** A tenth of a second of silence as a WAV file: 8 kHz, 8-bit mono. */
export function silentWav(): ArrayBuffer {
  const samples = 800;
  const view = new DataView(new ArrayBuffer(44 + samples));
  const text = (offset: number, value: string) =>
    [...value].forEach((char, i) => view.setUint8(offset + i, char.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) view.setUint8(44 + i, 128);
  return view.buffer;
}

/** Voice guidance is on by default on TVs: it asks the API for speech. */
const speech = http.get('/api/speech', () =>
  HttpResponse.arrayBuffer(silentWav(), { headers: { 'content-type': 'audio/wav' } }),
);

/** The push channel's open streams: tests send events to them with pushEvent(). */
type PushClient = { send(message: { id?: string; data: unknown }): void };
const pushClients = new Set<PushClient>();
let pushEventId = 0;
const events = sse('/api/events', ({ client }) => {
  pushClients.add(client as unknown as PushClient);
});

/** Delivers a push event to every open stream (the signed-in app's EventSource). */
export function pushEvent(event: PushEvent): void {
  pushEventId += 1;
  for (const client of pushClients) client.send({ id: String(pushEventId), data: JSON.stringify(event) });
}

/** How many streams are open: a test waits for the app's before pushing. */
export function openPushStreams(): number {
  return pushClients.size;
}

/** Sends a push event once the app's push channel is open. */
export async function pushWhenListening(event: PushEvent): Promise<void> {
  await waitUntil(() => openPushStreams() > 0, 'the push channel is open');
  pushEvent(event);
}

/** Request bodies (or just the calls) a test wants to see, by name. */
export function recorder() {
  const calls: Record<string, unknown[]> = {};
  return {
    calls,
    note(name: string, body: unknown = null) {
      (calls[name] ??= []).push(body);
    },
    count(name: string) {
      return calls[name]?.length ?? 0;
    },
  };
}

/** A doctor's console Home asks for TVs waiting for their confirmation: none, unless a test says. */
const noDevices = http.get('/api/devices', () => HttpResponse.json({ devices: [] }));

/** The test page's own favicon request is not the app's. */
const favicon = http.get('/favicon.ico', () => new HttpResponse(null, { status: 404 }));

/** Starts msw once per test file (the worker script is served by web-test-runner.config.mjs). */
export async function mockApi(...handlers: RequestHandler[]): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker(...handlers, healthy, speech, favicon, noDevices, events);
    await worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      onUnhandledRequest: 'error',
      quiet: true,
    });
  } else {
    // The previous test's app goes first: its EventSource would reconnect into this test.
    fixtureCleanup();
    pushClients.clear();
    worker.resetHandlers(...handlers, healthy, speech, favicon, noDevices, events);
  }
  return worker;
}
