import type { Surface } from '../state/contexts.js';

/**
 * The resident's screens on the TV, one level below Home, that show what is there whenever they
 * are opened: the unit and end-to-end suites walk every one of them. (The kiosk's screens are in
 * the Route type below: a resident's consultation asked for by the nurse.)
 */
export const TV_SCREENS = ['consult', 'medicines', 'readings', 'appointments', 'record', 'settings'] as const;
/**
 * TV screens that act when opened or need a place in the queue: the emergency screen asks for the
 * doctor on duty at once, the waiting room shows the resident's place. Also one level below Home,
 * but kept out of TV_SCREENS, which test/e2e walks against the real API (a visit would join the
 * queue); test/unit/tv-consultation.test.ts covers them.
 */
export const TV_QUEUE_SCREENS = ['emergency', 'waiting'] as const;
export type TvScreen = (typeof TV_SCREENS)[number] | (typeof TV_QUEUE_SCREENS)[number];

/** Every screen has a deep link. Pure, so it is tested without a browser. */
export type Route =
  | { screen: 'home'; surface: Surface }
  | { screen: TvScreen; surface: 'tv' }
  | { screen: 'call'; surface: Surface; consultationId: string }
  /** The TV or the kiosk: what the doctor wrote at the end of a consultation. */
  | { screen: 'summary'; surface: 'tv' | 'kiosk'; consultationId: string }
  /** Kiosk: a nurse asks a doctor for one of the care home's residents. */
  | { screen: 'consult'; surface: 'kiosk'; patientId: string }
  /** Kiosk: the waiting room of the resident the kiosk asked for. */
  | { screen: 'waiting'; surface: 'kiosk' }
  /** Console: pair a TV or kiosk (the address its QR code opens) and manage devices. */
  | { screen: 'devices'; surface: 'console' };

const SURFACES: readonly Surface[] = ['tv', 'kiosk', 'console'];
/** Ids in paths, as the API makes them. */
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function matchRoute(pathname: string): Route | null {
  const parts = pathname.split('/').filter(Boolean);
  const surface = (parts[0] ?? 'tv') as Surface;
  if (!SURFACES.includes(surface)) return null;
  if (parts.length <= 1) return { screen: 'home', surface };
  const screen = parts[1] as string;
  if (parts.length === 2 && surface === 'console' && screen === 'pair') return { screen: 'devices', surface };
  const tvScreens: readonly string[] = [...TV_SCREENS, ...TV_QUEUE_SCREENS];
  if (parts.length === 2 && surface === 'tv' && tvScreens.includes(screen)) {
    return { screen: screen as TvScreen, surface };
  }
  if (parts.length === 3 && screen === 'call' && ID.test(parts[2] ?? '')) {
    return { screen: 'call', surface, consultationId: parts[2] as string };
  }
  if (parts.length === 2 && surface === 'kiosk' && screen === 'waiting') return { screen, surface };
  if (parts.length === 3 && surface === 'kiosk' && screen === 'consult' && ID.test(parts[2] ?? '')) {
    return { screen, surface, patientId: parts[2] as string };
  }
  if (
    parts.length === 3 &&
    (surface === 'tv' || surface === 'kiosk') &&
    screen === 'summary' &&
    ID.test(parts[2] ?? '')
  ) {
    return { screen: 'summary', surface, consultationId: parts[2] as string };
  }
  return null;
}

export function pathFor(route: Route): string {
  switch (route.screen) {
    case 'home':
      return `/${route.surface}`;
    case 'call':
      return `/${route.surface}/call/${route.consultationId}`;
    case 'summary':
      return `/${route.surface}/summary/${route.consultationId}`;
    case 'devices':
      return '/console/pair';
    case 'consult':
      return 'patientId' in route ? `/kiosk/consult/${route.patientId}` : '/tv/consult';
    default:
      return `/${route.surface}/${route.screen}`;
  }
}

/** One level up. Every screen sits directly under its surface's Home: Home is one Back away. */
export function parentOf(route: Route): string | null {
  return route.screen === 'home' ? null : `/${route.surface}`;
}
