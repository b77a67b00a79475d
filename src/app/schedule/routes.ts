import { msg } from '@lit/localize';
import { path } from '../router/route.js';
import type { RouteDef } from '../router/route.js';

export const tvAppointments = path('/tv/appointments');

/** Until the schedule work brings its screen, 预约与巡诊 says plainly that there is nothing yet. */
export const scheduleRoutes: RouteDef[] = [
  {
    screen: 'appointments',
    surface: 'tv',
    path: tvAppointments,
    tag: 'dah-empty-domain-screen',
    load: () => import('../shell/empty-domain-screen.js'),
    props: { domain: 'appointments' },
    tile: { icon: 'calendar', label: () => msg('预约与巡诊'), order: 4 },
  },
];
