import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import {
  kioskConsult,
  kioskSummary,
  kioskVisitConsult,
  kioskWaiting,
  tvConsult,
  tvEmergency,
  tvSummary,
  tvWaiting,
} from './paths.js';

export const consultationRoutes: RouteDef[] = [
  {
    screen: 'consult',
    surface: 'tv',
    path: tvConsult,
    tag: 'dah-consult-screen',
    load: () => import('./tv/consult-screen.js'),
    tile: { icon: 'video', label: () => msg('视频问诊'), order: 1 },
  },
  {
    screen: 'emergency',
    surface: 'tv',
    path: tvEmergency,
    tag: 'dah-emergency-screen',
    load: () => import('./tv/emergency-screen.js'),
    tile: { icon: 'emergency', label: () => msg('紧急呼叫'), order: 6, tone: 'emergency' },
    acts: true,
  },
  {
    screen: 'waiting',
    surface: 'tv',
    path: tvWaiting,
    tag: 'dah-waiting-screen',
    load: () => import('./tv/waiting-screen.js'),
    acts: true,
  },
  {
    screen: 'summary',
    surface: 'tv',
    path: tvSummary,
    tag: 'dah-summary-screen',
    load: () => import('./summary-screen.js'),
    props: { surface: 'tv' },
  },
  {
    screen: 'consult',
    surface: 'kiosk',
    path: kioskConsult,
    tag: 'dah-kiosk-consult',
    load: () => import('./kiosk/kiosk-consult-screen.js'),
  },
  {
    screen: 'waiting',
    surface: 'kiosk',
    path: kioskWaiting,
    tag: 'dah-kiosk-waiting',
    load: () => import('./kiosk/kiosk-waiting-screen.js'),
  },
  {
    screen: 'visit-consult',
    surface: 'kiosk',
    path: kioskVisitConsult,
    tag: 'dah-visit-consult',
    load: () => import('./kiosk/visit-consult-screen.js'),
    // A health station's self-service visit: the resident asks on their own (readings/kiosk/kiosk-visit.ts).
    withoutStaff: true,
  },
  {
    screen: 'summary',
    surface: 'kiosk',
    path: kioskSummary,
    tag: 'dah-summary-screen',
    load: () => import('./summary-screen.js'),
    props: { surface: 'kiosk' },
  },
];
