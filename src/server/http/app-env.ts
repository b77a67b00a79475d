import type { Actor } from '../identity/actor.js';

/**
 * Hono's context variables: who is asking (if signed in) and from where. Nothing else: the
 * dependencies reach each route through its factory (`registerXRoutes(app, deps)`), so this
 * type imports no feature's classes and no import cycle runs through it.
 */
export interface AppEnv {
  Variables: {
    actor?: Actor;
    address: string | null;
  };
}
