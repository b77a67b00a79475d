import { ROUTES } from './registry.js';
import { matchPath, type HomeTile, type Route, type RouteDef } from './route.js';

export type { Route } from './route.js';

/** The route registry's entry for a route. */
export function routeDef(route: Route): RouteDef | undefined {
  return ROUTES.find((def) => def.screen === route.screen && def.surface === route.surface);
}

/** The screen a path shows (`/` is the TV's Home), or null. Pure, so it is tested without a browser. */
export function matchRoute(pathname: string): Route | null {
  const path = pathname.split('/').filter(Boolean).length === 0 ? '/tv' : pathname;
  for (const def of ROUTES) {
    const params = matchPath(def.path.pattern, path);
    if (params) return { ...params, screen: def.screen, surface: def.surface };
  }
  return null;
}

export function pathFor(route: Route): string {
  const def = routeDef(route);
  if (!def) throw new Error(`no screen ${route.surface}/${route.screen}`);
  return def.path.pattern.replace(/:(\w+)/g, (_, name: string) => route[name] ?? '');
}

/** One level up. Every screen sits directly under its surface's Home: Home is one Back away. */
export function parentOf(route: Route): string | null {
  return route.screen === 'home' ? null : `/${route.surface}`;
}

const tvScreensBelowHome = ROUTES.filter(
  (def) => def.surface === 'tv' && def.screen !== 'home' && !def.path.pattern.includes(':'),
);
/**
 * The resident's screens on the TV, one level below Home, that show what is there whenever they
 * are opened: the unit and end-to-end suites walk every one of them.
 */
export const TV_SCREENS: readonly string[] = tvScreensBelowHome
  .filter((def) => !def.acts)
  .map((d) => d.screen);
/**
 * TV screens that act when opened or need a place in the queue: the emergency screen asks for the
 * doctor on duty at once, the waiting room shows the resident's place. Also one level below Home,
 * but kept out of TV_SCREENS, which test/e2e walks against the real API (a visit would join the
 * queue); test/unit/tv-consultation.test.ts covers them.
 */
export const TV_QUEUE_SCREENS: readonly string[] = tvScreensBelowHome
  .filter((def) => def.acts)
  .map((d) => d.screen);

/** The TV's Home tiles, from the registry, in the design brief's order. */
export function homeTiles(): (HomeTile & { screen: string; path: string })[] {
  return ROUTES.filter((def) => def.surface === 'tv' && def.tile)
    .map((def) => ({ ...(def.tile as HomeTile), screen: def.screen, path: def.path.build() }))
    .sort((a, b) => a.order - b.order);
}
