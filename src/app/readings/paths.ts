import { path } from '../router/route.js';

/** 健康测量: measure (device or remote) and see the result. */
export const tvReadings = path('/tv/readings');
/** The resident's trends (7/30/90 days per measure). */
export const tvTrends = path('/tv/trends');
/** The console: the doctor's colour view (分色管理). */
export const consoleColourView = path('/console/colour-view');
/** The console: one resident's trends. */
export const consoleResidentTrends = path('/console/colour-view/:patientId');
/** Care-home kiosk: the nurse measures one resident, then the next (issue 14 §8). */
export const kioskMeasure = path('/kiosk/measure/:patientId');
/** Self-service kiosk (health station): identify, rest, three readings, the result (issue 14 §9). */
export const kioskSelfService = path('/kiosk/self-service');
