import { path } from '../router/route.js';
import type { Surface } from '../state/session.js';

export const tvHome = path('/tv');
export const kioskHome = path('/kiosk');
export const consoleHome = path('/console');

/** Each surface's Home: the top of its screens, one Back from any of them. */
export function homePath(surface: Surface): string {
  return `/${surface}`;
}

/** Whether a path is a surface's Home (`/` is the TV's). */
export function isHomePath(pathname: string): boolean {
  const parts = pathname.split('/').filter(Boolean);
  return (
    parts.length === 0 || (parts.length === 1 && ['tv', 'kiosk', 'console'].includes(parts[0] as string))
  );
}
