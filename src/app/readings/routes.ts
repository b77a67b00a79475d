import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import { tvReadings, tvTrends } from './paths.js';

export { tvReadings, tvTrends } from './paths.js';

/** 健康测量 and the trends: each screen's code (and the chart) loads only when it opens. */
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
];
