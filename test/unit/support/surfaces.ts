import { waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ROUTES } from '../../../src/app/router/registry.js';
import { tvApi, wangConsultation } from './app.js';
import type { FakeCall } from './fake-call.js';
import { detail, kioskApiWithCareHome, kioskToken, placeFor, zhao } from './kiosk.js';

/**
 * The TV's and the kiosk's screens, straight from the route registry (src/app/features.ts and
 * each feature's routes.ts), with the API each is checked against: a screen added to the
 * registry is walked, measured and photographed without a change to the suites.
 */
export type RemoteSurface = 'tv' | 'kiosk';

/** The ids the test APIs know, for screens whose path takes one. */
const PARAMS: Record<string, string> = {
  patientId: zhao.id,
  consultationId: 'c-k1',
  prescriptionId: 'rx-amlo',
};

export interface RemoteScreen {
  surface: RemoteSurface;
  screen: string;
  path: string;
  /** Opening it acts (asks for the doctor on duty, holds a place). */
  acts: boolean;
}

/** Every registered screen of a surface, Home first, with the path it is opened at. */
export function screensOf(surface: RemoteSurface): RemoteScreen[] {
  return ROUTES.filter((def) => def.surface === surface).map((def) => ({
    surface,
    screen: def.screen,
    acts: def.acts === true,
    path: def.path.pattern.replace(/:(\w+)/g, (_, name: string) => {
      const value = PARAMS[name];
      // A new kind of id: give the test APIs one, so the screen is checked with content.
      if (!value) throw new Error(`no test id for :${name} in ${def.path.pattern}`);
      return value;
    }),
  }));
}

/**
 * The call screen is checked in a live call (a token, the consultation on, the doctor joining:
 * `doctorJoins`), with the suites' fake LiveKit sessions (useFakeCalls); every other screen's
 * call stops at its door (no token).
 */
function callApi(surface: RemoteSurface, screen: string) {
  if (screen !== 'call')
    return [
      http.post('/api/calls/token', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    ];
  const patient = surface === 'tv' ? wangConsultation.patient : zhao;
  return [
    http.post('/api/calls/token', () =>
      HttpResponse.json({ ...kioskToken, identity: surface === 'tv' ? patient.id : kioskToken.identity }),
    ),
    http.get('/api/consultations/c-k1', () =>
      HttpResponse.json({
        ...detail,
        status: 'active',
        summary: null,
        endedAt: null,
        patient,
        kiosk: surface === 'kiosk' ? detail.kiosk : null,
      }),
    ),
  ];
}

/** In a live call screen's fake session, the doctor comes in with the camera on. */
export async function doctorJoins(sessions: FakeCall[]): Promise<void> {
  const joined = () => sessions.filter((s) => s.joins.length > 0 && s.leaves === 0).pop();
  await waitUntil(joined, 'the call joined');
  joined()!.joined({
    identity: detail.doctor!.id,
    name: detail.doctor!.displayName,
    role: 'doctor',
    detail: '',
  });
  const callScreen = () => document.querySelector('dah-app')?.shadowRoot?.querySelector('dah-call-screen');
  await waitUntil(() => callScreen()?.dataset['parties'] === '1', 'the doctor on the call screen');
}

/**
 * The API a surface's screens are checked against: a paired resident's TV; a kiosk with a nurse
 * signed in and a whole care home (150 residents) in its list, which waits for a doctor for
 * 赵桂兰 when its waiting screen is checked (else the kiosk goes straight to that wait).
 */
export function surfaceApi(surface: RemoteSurface, screen = 'home') {
  if (surface === 'tv')
    return tvApi(
      ...callApi(surface, screen),
      http.get('/api/consultations/c-k1', () =>
        HttpResponse.json({ ...detail, kiosk: null, patient: wangConsultation.patient }),
      ),
    );
  if (screen !== 'waiting') return kioskApiWithCareHome(...callApi(surface, screen));
  return kioskApiWithCareHome(
    ...callApi(surface, screen),
    http.get('/api/queue/mine', () => HttpResponse.json(placeFor(zhao))),
  );
}
