import { fixture, fixtureCleanup, html } from '@open-wc/testing';
import { http, HttpResponse, type RequestHandler } from 'msw';
import '../../../src/app/app-root.js';
import type { AppRoot } from '../../../src/app/app-root.js';
import type { ConsultationDetail } from '../../../src/shared/consultations/schemas.js';
import { mockApi } from './msw.js';
import { doctor } from './sessions.js';

/** The app at a console path, signed in as whatever the mocked API's session says. */
export async function openConsole(path: string): Promise<AppRoot> {
  fixtureCleanup();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', path);
  return fixture<AppRoot>(html`<dah-app></dah-app>`);
}

/** Walks down through shadow roots: each selector is looked up in the previous match's shadow root. */
export function deep<T extends Element = HTMLElement>(from: Element, ...selectors: string[]): T | null {
  let current: Element | null = from;
  for (const selector of selectors) {
    current = current?.shadowRoot?.querySelector(selector) ?? null;
    if (!current) return null;
  }
  return current as T;
}

/** Dr Zhang's colour-management follow-up with Wang Xiuying, as the API answers it; `change` on top. */
export function followUpDetail(id: string, change: Partial<ConsultationDetail> = {}): ConsultationDetail {
  return {
    id,
    kind: 'follow-up',
    status: 'active',
    reason: '分色管理随访',
    patient: { id: 'res-a', displayName: '王秀英' },
    doctor: {
      id: 'dr-a',
      displayName: '张伟',
      role: 'doctor',
      organisationName: '柳树村卫生室',
      department: null,
    },
    specialists: [],
    summary: null,
    createdAt: new Date().toISOString(),
    endedAt: null,
    readings: [],
    ...change,
  };
}

/**
 * The API as a doctor's console sees it with nothing going on: Dr Zhang signed in, no one waiting, no
 * patients, any consultation a follow-up (followUpDetail), no specialists, no LiveKit. Handlers
 * given first take precedence.
 */
export function consoleApi(...overrides: RequestHandler[]) {
  fixtureCleanup();
  return mockApi(
    ...overrides,
    http.get('/api/auth/session', () => HttpResponse.json(doctor)),
    http.get('/api/queue', () => HttpResponse.json({ entries: [] })),
    http.get('/api/patients', () => HttpResponse.json({ patients: [] })),
    http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })),
    http.get('/api/consultations/:id', ({ params }) =>
      HttpResponse.json(followUpDetail(String(params['id']))),
    ),
    http.get('/api/specialists', () => HttpResponse.json({ specialists: [] })),
    // The resident's page shows the QR card panel (resident-card.test.ts tests it).
    http.get('/api/patients/:id/card', () =>
      HttpResponse.json({ error: { code: 'forbidden', message: '' } }, { status: 403 }),
    ),
    http.get('/api/pharmacy/catalogue', () => HttpResponse.json({ medicines: [] })),
    http.post('/api/calls/token', () =>
      HttpResponse.json({ error: { code: 'livekit_unavailable', message: '' } }, { status: 503 }),
    ),
  );
}
