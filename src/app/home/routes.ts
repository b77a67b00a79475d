import type { RouteDef } from '../router/route.js';
import { consoleHome, kioskHome, tvHome } from './paths.js';

export const homeRoutes: RouteDef[] = [
  { screen: 'home', surface: 'tv', path: tvHome, tag: 'dah-tv-home', load: () => import('./tv-home.js') },
  {
    screen: 'home',
    surface: 'kiosk',
    path: kioskHome,
    tag: 'dah-kiosk-home',
    load: () => import('./kiosk-home.js'),
  },
  {
    screen: 'home',
    surface: 'console',
    path: consoleHome,
    // The clinician's work screen: the queue (doctors), invitations (specialists).
    tag: 'dah-console-home',
    load: () => import('../consultations/console/console-home.js'),
  },
];
