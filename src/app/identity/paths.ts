import { path } from '../router/route.js';

/** Console: pair a TV or kiosk (the address its QR code opens) and manage devices. */
export const consolePair = path('/console/pair');
