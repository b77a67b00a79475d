import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import { registerScheduleBookingRoutes } from './routes-bookings.js';
import { registerScheduleCareRoutes } from './routes-care.js';
import { registerScheduleVisitRoutes } from './routes-visits.js';

/** The schedule's HTTP routes: visits, slots and appointments, home visits, the team, the record summary. */
export function registerScheduleRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  registerScheduleVisitRoutes(app, deps);
  registerScheduleBookingRoutes(app, deps);
  registerScheduleCareRoutes(app, deps);
}
