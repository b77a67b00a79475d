import { path } from '../router/route.js';
import type { Surface } from '../state/session.js';

export const tvCall = path('/tv/call/:consultationId');
export const kioskCall = path('/kiosk/call/:consultationId');
export const consoleCall = path('/console/call/:consultationId');

export function callPath(surface: Surface, consultationId: string): string {
  return { tv: tvCall, kiosk: kioskCall, console: consoleCall }[surface].build({ consultationId });
}
