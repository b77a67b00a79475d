import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import { consoleSchedule, kioskHomeVisit, tvAppointments } from './paths.js';

export { tvAppointments } from './paths.js';

/** 预约与巡诊 (issue 16): the TV's screen and the console's 巡诊与上门. */
export const scheduleRoutes: RouteDef[] = [
  {
    screen: 'appointments',
    surface: 'tv',
    path: tvAppointments,
    tag: 'dah-appointments-screen',
    load: () => import('./appointments-screen.js'),
    tile: { icon: 'calendar', label: () => msg('预约与巡诊'), order: 4 },
  },
  {
    screen: 'home-visit',
    surface: 'kiosk',
    path: kioskHomeVisit,
    tag: 'dah-kiosk-home-visit',
    load: () => import('./kiosk/kiosk-home-visit-screen.js'),
  },
  {
    screen: 'schedule',
    surface: 'console',
    path: consoleSchedule,
    tag: 'dah-console-schedule',
    // Loaded on demand: only clinicians open it.
    load: () => import('./console/console-schedule-screen.js'),
  },
];
