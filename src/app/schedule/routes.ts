import { msg } from '@lit/localize';
import { path } from '../router/route.js';
import type { RouteDef } from '../router/route.js';

export const tvAppointments = path('/tv/appointments');

/** 预约与巡诊: book, cancel, home visits, the mobile clinic's visits (issue 16). */
export const scheduleRoutes: RouteDef[] = [
  {
    screen: 'appointments',
    surface: 'tv',
    path: tvAppointments,
    tag: 'dah-appointments-screen',
    load: () => import('./appointments-screen.js'),
    tile: { icon: 'calendar', label: () => msg('预约与巡诊'), order: 4 },
  },
];
