import { ContextEvent } from '@lit/context';
import { waitUntil } from '@open-wc/testing';
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { AppRoot } from '../../../src/app/app-root.js';
import type { KioskVisitController } from '../../../src/app/readings/kiosk/kiosk-visit.js';
import { NavigateEvent } from '../../../src/app/router/events.js';
import { kioskVisitContext } from '../../../src/app/state/contexts.js';
import type { QueuePlace } from '../../../src/shared/consultations/schemas.js';
import type { CurrentMedicine } from '../../../src/shared/pharmacy/schemas.js';
import type { ReadingValues } from '../../../src/shared/readings/schemas.js';
import { openApp } from './app.js';
import { detail } from './kiosk.js';
import { mockApi, type recorder } from './msw.js';
import { currentAmlodipine } from './pharmacy.js';
import { kioskWithoutStaff } from './sessions.js';

// A health station's self-service visit (issue 14 §9) as the unit suites' msw API answers it, with
// no nurse signed in: the flow (kiosk-visit.test.ts) and the screen checks of the visit's screens
// while it lasts (kiosk-visit-screens.test.ts) share these.

export const WANG = { id: 'res-a', displayName: '王秀英' };
/** The result of 150/95, 142/91, 138/89: the mean of the last two. */
export const WANG_RESULT: ReadingValues = {
  measure: 'blood_pressure',
  systolic: 140,
  diastolic: 90,
  pulse: null,
};
const inThirtyDays = () => new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toISOString();

/** A place in the waiting room for Wang, as POST /api/queue and GET /api/queue/mine answer it. */
export function wangWaiting(body: Partial<QueuePlace> = {}): QueuePlace {
  return {
    id: 'q-1',
    status: 'waiting',
    urgency: 'routine',
    doctor: 'family',
    position: 2,
    estimatedWaitMinutes: 8,
    consultationId: null,
    createdAt: new Date().toISOString(),
    patient: WANG,
    ...body,
  };
}

export interface VisitApiOptions {
  /** Wang already waits for a doctor (the wait screen on opening). */
  waiting?: boolean;
  /** The medicines 续药 lists, instead of her amlodipine alone. */
  medicines?: (ordered: boolean) => CurrentMedicine[];
}

/**
 * A health station's API: the visit, the readings, the waiting room and the resident's medicines;
 * `rec` hears the visit's end, readings, queue joins and leaves, and orders. `overrides` first.
 */
export function visitApi(
  rec: ReturnType<typeof recorder>,
  options: VisitApiOptions = {},
  ...overrides: RequestHandler[]
) {
  let place: QueuePlace | null = options.waiting ? wangWaiting() : null;
  let ordered = false;
  const notWaiting = () => HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 });
  const medicines =
    options.medicines ??
    ((orderedNow: boolean) => [
      currentAmlodipine({
        openOrderId: orderedNow ? 'ord-1' : null,
        prescription: { ...currentAmlodipine().prescription, validUntil: inThirtyDays() },
      }),
    ]);
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(kioskWithoutStaff)),
    http.get('/api/kiosk/staff', () => HttpResponse.json({ staff: [] })),
    http.post('/api/kiosk/visits', () =>
      HttpResponse.json({ id: 'visit-1', patient: WANG, expiresAt: '2030-01-01T00:00:00.000Z' }),
    ),
    http.delete('/api/kiosk/visits', () => {
      rec.note('end');
      place = null;
      return HttpResponse.json({ ended: true });
    }),
    http.post('/api/readings', async ({ request }) => {
      const body = (await request.json()) as { id: string };
      rec.note('reading', body);
      return HttpResponse.json(body, { status: 201 });
    }),
    http.post('/api/queue', async ({ request }) => {
      const body = (await request.json()) as { doctor: 'family' | 'on-duty'; urgency: 'routine' | 'urgent' };
      rec.note('queue', body);
      place = wangWaiting({ urgency: body.urgency, doctor: body.doctor });
      return HttpResponse.json(place, { status: 201 });
    }),
    http.get('/api/queue/mine', () => (place ? HttpResponse.json(place) : notWaiting())),
    http.post('/api/queue/mine/heartbeat', () => (place ? HttpResponse.json(place) : notWaiting())),
    http.delete('/api/queue/mine', () => {
      rec.note('leave');
      place = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get('/api/consultations/c-k1', () =>
      HttpResponse.json({
        ...detail,
        patient: WANG,
        kiosk: { ...detail.kiosk!, staff: null },
        summary: { ...detail.summary!, diagnosis: '血压偏高', advice: '按时服药，一周后复查' },
      }),
    ),
    http.get('/api/pharmacy/medicines/mine', () =>
      HttpResponse.json({ medicines: medicines(ordered), serverTime: new Date().toISOString(), answers: [] }),
    ),
    http.post('/api/pharmacy/orders', async ({ request }) => {
      rec.note('order', { key: request.headers.get('idempotency-key'), body: await request.json() });
      ordered = true;
      return HttpResponse.json({ id: 'ord-1' }, { status: 201 });
    }),
  );
}

/**
 * The kiosk in Wang's visit at `path`: the visit begun and her result set as the self-service
 * screen does once she is identified and measured (kiosk-visit.test.ts goes through those steps),
 * from the visit's doctor screen, then on to `path` in the app.
 */
export async function openVisitAt(path: string): Promise<AppRoot> {
  const app = await openApp('/kiosk/visit/consult');
  // The visit as its screens get it: the context the app root provides.
  let visit: KioskVisitController | undefined;
  const main = app.renderRoot.querySelector('main');
  main?.dispatchEvent(new ContextEvent(kioskVisitContext, main, (value) => (visit = value)));
  if (!visit) throw new Error('the app provides no kiosk visit');
  visit.begin({ id: 'visit-1', patient: WANG });
  visit.setResult(WANG_RESULT);
  if (path !== window.location.pathname) {
    app.dispatchEvent(new NavigateEvent(path));
    await waitUntil(() => window.location.pathname === path, `the visit at ${path}`, { timeout: 10_000 });
  }
  return app;
}
