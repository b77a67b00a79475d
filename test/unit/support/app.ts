import { ReadCache } from '../../../src/app/offline/read-cache.js';
import { getLocale } from '../../../src/app/localization.js';
import { SettingsChangeEvent, type TextSize } from '../../../src/app/state/settings.js';
import { fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, type RequestHandler } from 'msw';
import '../../../src/app/app-root.js';
import type { AppRoot } from '../../../src/app/app-root.js';
import { deepActiveElement, focusableElements } from '../../../src/app/input/spatial-navigation.js';
import { spokenLabel } from '../../../src/app/voice/voice-guide.js';
import { mockApi } from './msw.js';
import { scheduleHandlers } from './schedule.js';
import { pharmacyTvHandlers } from './pharmacy.js';
import { residentTv } from './sessions.js';

export const wangRecord = {
  id: 'res-a',
  displayName: '王秀英',
  birthDate: '1946-03-12',
  sex: 'female',
  address: '东河镇柳树村三组12号',
  conditions: ['hypertension'],
  allergies: [],
  careHomeName: null,
  familyDoctor: { id: 'dr-a', displayName: '张伟', organisationName: '柳树村卫生室' },
};

export const wangConsultation = {
  id: 'c-demo-wang',
  status: 'scheduled',
  reason: '高血压随访',
  patient: { id: 'res-a', displayName: '王秀英' },
  doctor: { id: 'dr-a', displayName: '张伟', organisationName: '柳树村卫生室' },
};

/** A week of Wang's home blood pressures, as GET /api/patients/res-a/readings answers. */
export function wangReadings(now = Date.now()) {
  const readings = [142, 128, 131, 186, 133, 126, 138].map((systolic, i) => ({
    id: `r-wang-${i}`,
    patientId: 'res-a',
    values: { measure: 'blood_pressure', systolic, diastolic: systolic > 180 ? 112 : 84, pulse: 72 },
    takenAt: new Date(now - (6 - i) * 86_400_000).toISOString(),
    receivedAt: new Date(now - (6 - i) * 86_400_000).toISOString(),
    source: 'manual',
    setting: 'home',
    device: null,
    consultationId: null,
    colour: systolic > 180 ? 'red' : systolic >= 135 ? 'yellow' : 'green',
    messageKey: null,
    adviceKey: null,
    status: 'active',
    replacesId: null,
    authorId: 'res-a',
  }));
  return {
    readings,
    summaries: [{ measure: 'blood_pressure', days: 7, daysWithReadings: 7, daysInRange: 5, readings: 7 }],
    colour: { colour: 'red', reasons: ['red_reading'], homeMean: { systolic: 140, diastolic: 88, count: 7 } },
  };
}

/** A place in the waiting room, as the API answers POST /api/queue. */
export const waitingPlace = {
  id: 'q-1',
  status: 'waiting',
  urgency: 'routine',
  doctor: 'family',
  position: 3,
  estimatedWaitMinutes: 10,
  consultationId: null,
  createdAt: '2025-01-01T08:00:00.000Z',
} as const;

/**
 * The API as a paired TV sees it, with any handlers given first taking precedence. The resident
 * is not waiting for a doctor; asking for one puts them in the queue.
 */
export function tvApi(...overrides: RequestHandler[]) {
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(residentTv)),
    http.get('/healthz', () =>
      HttpResponse.json({ status: 'ok', checks: { database: 'ok', livekit: 'ok' } }),
    ),
    http.get('/api/patients/res-a', () => HttpResponse.json(wangRecord)),
    http.get('/api/patients/res-a/readings', () => HttpResponse.json(wangReadings())),
    http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [wangConsultation] })),
    http.get('/api/devices/mine', () => HttpResponse.json({ devices: [] })),
    http.get('/api/queue/mine', () =>
      HttpResponse.json({ error: { code: 'not_found', message: 'not waiting' } }, { status: 404 }),
    ),
    http.post('/api/queue', async ({ request }) => {
      const body = (await request.json()) as { doctor: 'family' | 'on-duty'; urgency?: 'routine' | 'urgent' };
      const urgent = body.urgency === 'urgent';
      return HttpResponse.json(
        {
          ...waitingPlace,
          doctor: body.doctor,
          urgency: body.urgency ?? 'routine',
          position: urgent ? 1 : 3,
        },
        { status: 201 },
      );
    }),
    http.post('/api/queue/mine/heartbeat', () => HttpResponse.json(waitingPlace)),
    http.delete('/api/queue/mine', () => new HttpResponse(null, { status: 204 })),
    ...scheduleHandlers,
    ...pharmacyTvHandlers(),
  );
}

/**
 * The app at a path, once its screen has arrived and taken focus. One app at a time: every app
 * listens for keys on the window.
 */
export async function openApp(path: string): Promise<AppRoot> {
  fixtureCleanup();
  // Each app starts as a TV that has kept nothing: an earlier test's kept reads would answer for
  // an unreachable API (offline/read-cache.ts).
  await new ReadCache().clear();
  window.history.replaceState(null, '', path);
  const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
  await waitUntil(
    () => {
      const main = app.shadowRoot!.querySelector('main');
      const focused = focusedElement();
      return main && focused && focusableElements(main).includes(focused);
    },
    `focus in the screen at ${path}`,
    { timeout: 5000 },
  );
  return app;
}

export function focusedElement(): HTMLElement | null {
  return deepActiveElement() as HTMLElement | null;
}

/** What the focused element says (as voice guidance reads it), for readable assertions. */
export function focusedText(): string {
  const element = focusedElement();
  return (element ? spokenLabel(element) : '').replace(/\s+/g, ' ').trim();
}

/** Waits until the app is at `path`. */
export async function waitForPath(path: string, timeout = 3000): Promise<void> {
  await waitUntil(() => window.location.pathname === path, `at ${path} (now ${window.location.pathname})`, {
    timeout,
  });
}

/** The app's screen (or overlay) with this tag, if it is shown. */
export function screen<K extends keyof HTMLElementTagNameMap>(
  app: AppRoot,
  tag: K,
): HTMLElementTagNameMap[K] | null {
  return app.shadowRoot!.querySelector(tag);
}

/** The visible words of an element and its shadow tree. */
export function textOf(element: Element | null | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return parts.join('').replace(/\s+/g, ' ');
}

/** A frame drawn and the tasks it queued run. */
export const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * A text size and language applied to the open app as the Settings screen applies them: a screen
 * is measured as it redraws, without opening it again for each.
 */
export async function applySettings(app: AppRoot, textSize: TextSize, locale: 'zh-CN' | 'en'): Promise<void> {
  app.dispatchEvent(new SettingsChangeEvent({ textSize, locale }));
  await waitUntil(
    () => getLocale() === locale && app.getAttribute('text-size') === textSize,
    'settings applied',
  );
  await app.updateComplete;
  await nextFrame();
  await nextFrame();
}
