import type { PatientList, PatientRecord, ResidentDirectory } from '../../shared/directory/schemas.js';
import type { Aged, ApiClient } from '../api/api-client.js';

/** The directory's API calls (residents, patients, the record) over the one API client. */

export function residentDirectory(api: ApiClient): Promise<ResidentDirectory> {
  return api.request('GET', '/api/directory/residents');
}

export function patient(api: ApiClient, id: string): Promise<PatientRecord> {
  return api.request('GET', `/api/patients/${encodeURIComponent(id)}`);
}

/** The record, and its age when the TV shows its kept copy because the API is out of reach. */
export function patientRecord(api: ApiClient, id: string): Promise<Aged<PatientRecord>> {
  return api.read(`/api/patients/${encodeURIComponent(id)}`);
}

export function patients(api: ApiClient): Promise<PatientList> {
  return api.request('GET', '/api/patients');
}
