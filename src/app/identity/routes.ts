import type { RouteDef } from '../router/route.js';
import { consolePair } from './paths.js';

export const identityRoutes: RouteDef[] = [
  {
    screen: 'devices',
    surface: 'console',
    path: consolePair,
    tag: 'dah-devices-screen',
    // Loaded on demand: only clinicians ever open it.
    load: () => import('./devices-screen.js'),
  },
];
