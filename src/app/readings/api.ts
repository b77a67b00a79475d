import type { ColourView, KioskVisit, PatientReadings } from '../../shared/readings/schemas.js';
import type { ApiClient } from '../api/api-client.js';

/** The readings' API calls over the one API client. */

/** A patient's readings of the last 7, 30 or 90 days, with the trend numbers and colour. */
export function patientReadings(
  api: ApiClient,
  patientId: string,
  days: 7 | 30 | 90,
): Promise<PatientReadings> {
  return api.request('GET', `/api/patients/${encodeURIComponent(patientId)}/readings?days=${days}`);
}

/** The doctor's colour view (分色管理), red first. */
export function colourView(
  api: ApiClient,
  filter: { colour?: string; condition?: string } = {},
): Promise<ColourView> {
  const query = new URLSearchParams(filter as Record<string, string>).toString();
  return api.request('GET', `/api/readings/colour-view${query ? `?${query}` : ''}`);
}

/** Self-service kiosk: a resident identifies (ID card's last 4 characters, birth date 'YYYY-MM-DD'). */
export function startKioskVisit(
  api: ApiClient,
  idCardSuffix: string,
  birthDate: string,
): Promise<KioskVisit> {
  return api.request('POST', '/api/kiosk/visits', { idCardSuffix, birthDate });
}

/** Ends the visit: the kiosk may no longer act for the resident. */
export function endKioskVisit(api: ApiClient): Promise<unknown> {
  return api.request('DELETE', '/api/kiosk/visits');
}
