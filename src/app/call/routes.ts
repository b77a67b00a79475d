import type { RouteDef } from '../router/route.js';
import { consoleCall, kioskCall, tvCall } from './paths.js';

export const callRoutes: RouteDef[] = [
  // The TV's and the kiosk's call screen is drawn by the call layer of the app root, beside the
  // routed screen, so that one ringing can be drawn under the incoming call (no tag here).
  { screen: 'call', surface: 'tv', path: tvCall },
  { screen: 'call', surface: 'kiosk', path: kioskCall },
  {
    screen: 'call',
    surface: 'console',
    path: consoleCall,
    // The call with the clinician's panel beside it (invite, summary, end).
    tag: 'dah-console-call',
    load: () => import('../consultations/console/console-call.js'),
  },
];
