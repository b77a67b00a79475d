import { msg } from '@lit/localize';
import { path } from '../router/route.js';
import type { RouteDef } from '../router/route.js';

export const tvReadings = path('/tv/readings');

/** Until the readings work brings its screen, 健康测量 says plainly that there is nothing yet. */
export const readingsRoutes: RouteDef[] = [
  {
    screen: 'readings',
    surface: 'tv',
    path: tvReadings,
    tag: 'dah-empty-domain-screen',
    load: () => import('../shell/empty-domain-screen.js'),
    props: { domain: 'readings' },
    tile: { icon: 'readings', label: () => msg('健康测量'), order: 3 },
  },
];
