import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.js';
import { registerScheduleBookingRoutes } from './routes-bookings.js';
import { registerScheduleCareRoutes } from './routes-care.js';
import { registerScheduleVisitRoutes } from './routes-visits.js';

/** The schedule's HTTP routes: visits, slots and appointments, home visits, the team, the record summary. */
export function registerScheduleRoutes(app: OpenAPIHono<AppEnv>): void {
  registerScheduleVisitRoutes(app);
  registerScheduleBookingRoutes(app);
  registerScheduleCareRoutes(app);
}
