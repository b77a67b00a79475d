import { http, HttpResponse } from 'msw';
import { ROUTES } from '../../../src/app/router/registry.js';
import { tvApi, wangConsultation } from './app.js';
import { detail, kioskApiWithCareHome, placeFor, zhao } from './kiosk.js';

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

/** The call stops at its door (no token): the screen says so in words, with the way out. */
const noCallToken = http.post('/api/calls/token', () =>
  HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
);

/**
 * The API a surface's screens are checked against: a paired resident's TV; a kiosk with a nurse
 * signed in and a whole care home (150 residents) in its list, which waits for a doctor for
 * 赵桂兰 when its waiting screen is checked (else the kiosk goes straight to that wait).
 */
export function surfaceApi(surface: RemoteSurface, screen = 'home') {
  if (surface === 'tv')
    return tvApi(
      noCallToken,
      http.get('/api/consultations/c-k1', () =>
        HttpResponse.json({ ...detail, kiosk: null, patient: wangConsultation.patient }),
      ),
    );
  if (screen !== 'waiting') return kioskApiWithCareHome(noCallToken);
  return kioskApiWithCareHome(
    noCallToken,
    http.get('/api/queue/mine', () => HttpResponse.json(placeFor(zhao))),
  );
}
