import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import { tvRecord } from './paths.js';

export const directoryRoutes: RouteDef[] = [
  {
    screen: 'record',
    surface: 'tv',
    path: tvRecord,
    tag: 'dah-record-screen',
    load: () => import('./record-screen.js'),
    tile: { icon: 'record', label: () => msg('我的健康档案'), order: 5 },
  },
];
