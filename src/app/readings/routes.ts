import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import {
  consoleColourView,
  consoleResidentTrends,
  kioskMeasure,
  kioskSelfService,
  tvReadings,
  tvTrends,
} from './paths.js';

export { kioskMeasure, kioskSelfService, tvReadings, tvTrends } from './paths.js';

/** 健康测量 and the trends on the TV; the doctor's colour view (分色管理) in the console: each screen's code (and the chart) loads only when it opens. */
export const readingsRoutes: RouteDef[] = [
  {
    screen: 'readings',
    surface: 'tv',
    path: tvReadings,
    tag: 'dah-readings-screen',
    load: () => import('./tv/readings-screen.js'),
    tile: { icon: 'readings', label: () => msg('健康测量'), order: 3 },
  },
  {
    screen: 'trends',
    surface: 'tv',
    path: tvTrends,
    tag: 'dah-trends-screen',
    load: () => import('./tv/trends-screen.js'),
  },
  {
    screen: 'measure',
    surface: 'kiosk',
    path: kioskMeasure,
    tag: 'dah-kiosk-measure',
    load: () => import('./kiosk/care-home-measure-screen.js'),
  },
  {
    screen: 'self-service',
    surface: 'kiosk',
    path: kioskSelfService,
    tag: 'dah-self-service',
    load: () => import('./kiosk/self-service-screen.js'),
    // A health station's kiosk has no staff: residents identify themselves on this screen.
    withoutStaff: true,
  },
  {
    screen: 'colour-view',
    surface: 'console',
    path: consoleColourView,
    tag: 'dah-console-colour-view',
    // Loaded on demand: only doctors open it.
    load: () => import('./console/colour-view-screen.js'),
  },
  {
    screen: 'resident-trends',
    surface: 'console',
    path: consoleResidentTrends,
    tag: 'dah-console-resident-readings',
    load: () => import('./console/resident-readings-screen.js'),
  },
];
