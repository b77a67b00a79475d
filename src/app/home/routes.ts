import type { RouteDef } from '../router/route.js';
import { consoleHome, kioskHome, tvHome } from './paths.js';
// The TV's and the kiosk's Home are in the first bundle: the first screen shows without a wait.
import './kiosk-home.js';
import './tv-home.js';

export const homeRoutes: RouteDef[] = [
  { screen: 'home', surface: 'tv', path: tvHome, tag: 'dah-tv-home' },
  {
    screen: 'home',
    surface: 'kiosk',
    path: kioskHome,
    tag: 'dah-kiosk-home',
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
