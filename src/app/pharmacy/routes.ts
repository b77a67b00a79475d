import { msg } from '@lit/localize';
import { path } from '../router/route.js';
import type { RouteDef } from '../router/route.js';

export const tvMedicines = path('/tv/medicines');

/** Until the pharmacy work brings its screen, 我的药 says plainly that there is nothing yet. */
export const pharmacyRoutes: RouteDef[] = [
  {
    screen: 'medicines',
    surface: 'tv',
    path: tvMedicines,
    tag: 'dah-empty-domain-screen',
    load: () => import('../shell/empty-domain-screen.js'),
    props: { domain: 'medicines' },
    tile: { icon: 'medicine', label: () => msg('我的药'), order: 2 },
  },
];
