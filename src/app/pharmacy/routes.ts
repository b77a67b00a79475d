import { msg } from '@lit/localize';
import type { RouteDef } from '../router/route.js';
import {
  consolePharmacy,
  kioskDoses,
  kioskVisitMedicines,
  tvMedicine,
  tvMedicineOrders,
  tvMedicines,
} from './paths.js';

export const pharmacyRoutes: RouteDef[] = [
  {
    screen: 'medicines',
    surface: 'tv',
    path: tvMedicines,
    tag: 'dah-medicines-screen',
    load: () => import('./tv/medicines-screen.js'),
    tile: { icon: 'medicine', label: () => msg('我的药'), order: 2 },
  },
  {
    screen: 'medicine',
    surface: 'tv',
    path: tvMedicine,
    tag: 'dah-medicine-screen',
    load: () => import('./tv/medicine-screen.js'),
  },
  {
    screen: 'medicine-orders',
    surface: 'tv',
    path: tvMedicineOrders,
    tag: 'dah-medicine-orders-screen',
    load: () => import('./tv/orders-screen.js'),
  },
  {
    screen: 'care-home-doses',
    surface: 'kiosk',
    path: kioskDoses,
    tag: 'dah-kiosk-doses',
    load: () => import('./kiosk/kiosk-doses-screen.js'),
  },
  {
    screen: 'pharmacy',
    surface: 'console',
    path: consolePharmacy,
    tag: 'dah-console-pharmacy',
    load: () => import('./console/console-pharmacy.js'),
  },
  {
    screen: 'visit-medicines',
    surface: 'kiosk',
    path: kioskVisitMedicines,
    tag: 'dah-visit-medicines',
    load: () => import('./kiosk/visit-medicines-screen.js'),
    // A health station's self-service visit: the resident reorders on their own.
    withoutStaff: true,
  },
];
