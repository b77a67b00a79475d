import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { registerDoseRoutes } from './routes-doses.js';
import { registerOrderRoutes } from './routes-orders.js';
import { registerPrescribingRoutes } from './routes-prescribing.js';

/** The cloud pharmacy's HTTP routes (issue 15). */
export function registerPharmacyRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  registerPrescribingRoutes(app, deps);
  registerOrderRoutes(app, deps);
  registerDoseRoutes(app, deps);
}
