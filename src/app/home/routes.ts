import type { RouteDef } from '../router/route.js';
import { consoleHome, kioskHome, tvHome } from './paths.js';
// The TV's Home is in the first bundle: its first screen shows without a wait (issue 18, cold start
// from the cache at CPU 6x). The kiosk's loads with its first screen, a chunk of its precache.
import './tv-home.js';

export const homeRoutes: RouteDef[] = [
  { screen: 'home', surface: 'tv', path: tvHome, tag: 'dah-tv-home' },
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
