import type { ApiClient } from '../api/api-client.js';

/**
 * A moment on this device's clock, as the API's clock reads it (ISO 8601): every reading's takenAt.
 * A TV's or kiosk's clock may be minutes or days off; the API refuses a takenAt more than 5 minutes
 * in its future (shared/readings/schemas.ts) and judges a kiosk's write against the nurse's shift
 * or the visit in its own time (server/access/readings.ts).
 */
export function serverTimeOf(api: Pick<ApiClient, 'serverNow'>, localMs: number = Date.now()): string {
  return new Date(localMs + (api.serverNow().getTime() - Date.now())).toISOString();
}
