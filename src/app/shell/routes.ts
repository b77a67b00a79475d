import type { RouteDef } from '../router/route.js';
import { tvSettings } from './paths.js';

export const shellRoutes: RouteDef[] = [
  {
    screen: 'settings',
    surface: 'tv',
    path: tvSettings,
    tag: 'dah-settings-screen',
    load: () => import('./settings-screen.js'),
  },
];
