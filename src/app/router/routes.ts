import type { Surface } from '../state/contexts.js';

/** Every screen has a deep link. Pure, so it is tested without a browser. */
export type Route =
  | { screen: 'home'; surface: Surface }
  | { screen: 'call'; surface: Surface; consultationId: string }
  /** Console: pair a TV or kiosk (the address its QR code opens) and manage devices. */
  | { screen: 'devices'; surface: 'console' };

const SURFACES: readonly Surface[] = ['tv', 'kiosk', 'console'];

export function matchRoute(pathname: string): Route | null {
  const parts = pathname.split('/').filter(Boolean);
  const surface = (parts[0] ?? 'tv') as Surface;
  if (!SURFACES.includes(surface)) return null;
  if (parts.length <= 1) return { screen: 'home', surface };
  if (parts.length === 2 && surface === 'console' && parts[1] === 'pair')
    return { screen: 'devices', surface };
  if (parts.length === 3 && parts[1] === 'call' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(parts[2] ?? '')) {
    return { screen: 'call', surface, consultationId: parts[2] as string };
  }
  return null;
}

export function pathFor(route: Route): string {
  switch (route.screen) {
    case 'home':
      return `/${route.surface}`;
    case 'call':
      return `/${route.surface}/call/${route.consultationId}`;
    case 'devices':
      return '/console/pair';
  }
}
