import type { IconName } from '../ui/icons.js';
import type { Surface } from '../state/session.js';

/** Ids in paths, as the API makes them. */
const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;
/** `/kiosk/consult/:patientId` → `{ patientId: string }`. */
export type ParamsOf<P extends string> = { [K in ParamNames<P>]: string };

/**
 * One address pattern (`/tv/summary/:consultationId`) and its typed builder: screens build paths
 * with it instead of by hand, so a renamed screen or a missing id is a compiler error.
 */
export interface PathPattern<P extends string = string> {
  readonly pattern: P;
  build(...params: [ParamNames<P>] extends [never] ? [] : [ParamsOf<P>]): string;
}

export function path<const P extends string>(pattern: P): PathPattern<P> {
  return {
    pattern,
    build: (...args) => {
      const params = (args[0] ?? {}) as Record<string, string>;
      return pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    },
  };
}

/** The parameters of a path that fits the pattern (ids as the API makes them), else null. Pure. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const parts = pathname.split('/').filter(Boolean);
  if (want.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const part = parts[index] as string;
    if (segment.startsWith(':')) {
      if (!ID.test(part)) return null;
      params[segment.slice(1)] = part;
    } else if (segment !== part) return null;
  }
  return params;
}

/** A Home tile of the TV: its registry entry puts the screen on Home. */
export interface HomeTile {
  icon: IconName;
  label: () => string;
  /** Where it sits among the tiles (the design brief's order). */
  order: number;
  tone?: 'emergency';
}

/**
 * One screen in the route registry (router/registry.ts). Every screen sits one level below its
 * surface's Home, so Back reaches Home in one press (tv-ui.md); Home itself has no parent.
 */
export interface RouteDef {
  /** The screen's name; with the surface, what a Route says. */
  screen: string;
  surface: Surface;
  path: PathPattern;
  /** The element drawn for it. None: the call layer draws it (the TV's and the kiosk's call). */
  tag?: keyof HTMLElementTagNameMap;
  /** Loads the element's module on first use, so a screen costs nothing until it is opened. */
  load?: () => Promise<unknown>;
  /** Properties set on the element besides the path's parameters. */
  props?: Record<string, unknown>;
  tile?: HomeTile;
  /**
   * A TV screen that acts when opened (asks for the doctor on duty, holds a place in the queue):
   * kept out of TV_SCREENS, which test/e2e walks against the real API.
   */
  acts?: boolean;
  /**
   * A kiosk screen open without a staff member signed in (the self-service kiosk's visit, which
   * identifies its resident itself); every other kiosk screen waits for the staff sign-in.
   */
  withoutStaff?: boolean;
}

/** Where the app is: a screen of a surface and its path's parameters. */
export interface Route {
  screen: string;
  surface: Surface;
  [param: string]: string;
}
