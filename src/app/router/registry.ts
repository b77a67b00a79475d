import { callRoutes } from '../call/routes.js';
import { consultationRoutes } from '../consultations/routes.js';
import { directoryRoutes } from '../directory/routes.js';
import { homeRoutes } from '../home/routes.js';
import { identityRoutes } from '../identity/routes.js';
import { pharmacyRoutes } from '../pharmacy/routes.js';
import { readingsRoutes } from '../readings/routes.js';
import { scheduleRoutes } from '../schedule/routes.js';
import { shellRoutes } from '../shell/routes.js';
import type { RouteDef } from './route.js';

/**
 * Every screen of the app, one line per feature (pwa-starter's single route array). A feature
 * exports its routes from its own folder; adding a screen is its folder and, for a new feature,
 * one line here. Order: the TV's screens as a resident meets them.
 */
export const ROUTES: readonly RouteDef[] = [
  ...homeRoutes,
  ...consultationRoutes,
  ...pharmacyRoutes,
  ...readingsRoutes,
  ...scheduleRoutes,
  ...directoryRoutes,
  ...shellRoutes,
  ...callRoutes,
  ...identityRoutes,
];
