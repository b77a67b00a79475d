import type {
  Appointment,
  AppointmentKind,
  AppointmentList,
  FamilyDoctorTeam,
  HomeVisit,
  HomeVisitList,
  HomeVisitRequest,
  HomeVisitSchedule,
  MobileVisit,
  MobileVisitInput,
  MobileVisitList,
  RecordSummary,
  SignedResidents,
  SlotBookings,
  SlotInput,
  SlotList,
  TownshipPlaces,
} from '../../shared/schedule/schedule-schemas.js';
import type { Aged, ApiClient } from '../api/api-client.js';

/** The schedule's API calls (issue 16: visits, slots, appointments, home visits, the team, the record summary). */

export function visits(api: ApiClient, patientId?: string): Promise<MobileVisitList> {
  return api.request('GET', `/api/visits${query({ patientId })}`);
}

export function createVisit(api: ApiClient, input: MobileVisitInput): Promise<MobileVisit> {
  return api.request('POST', '/api/visits', input);
}

export function editVisit(api: ApiClient, id: string, input: MobileVisitInput): Promise<MobileVisit> {
  return api.request('PUT', `/api/visits/${encodeURIComponent(id)}`, input);
}

export function cancelVisit(api: ApiClient, id: string): Promise<MobileVisit> {
  return api.request('POST', `/api/visits/${encodeURIComponent(id)}/cancel`);
}

export function slots(
  api: ApiClient,
  filter: { kind?: AppointmentKind; visitId?: string; patientId?: string } = {},
): Promise<SlotList> {
  return api.request('GET', `/api/slots${query(filter)}`);
}

export function slotBookings(api: ApiClient, slotId: string): Promise<SlotBookings> {
  return api.request('GET', `/api/slots/${encodeURIComponent(slotId)}/bookings`);
}

export function book(api: ApiClient, slotId: string, patientId?: string): Promise<Appointment> {
  return api.request('POST', '/api/appointments', patientId ? { slotId, patientId } : { slotId });
}

export function appointments(api: ApiClient, patientId?: string): Promise<AppointmentList> {
  return api.request('GET', `/api/appointments${query({ patientId })}`);
}

export function cancelAppointment(api: ApiClient, id: string): Promise<Appointment> {
  return api.request('POST', `/api/appointments/${encodeURIComponent(id)}/cancel`);
}

export function requestHomeVisit(api: ApiClient, request: HomeVisitRequest): Promise<HomeVisit> {
  return api.request('POST', '/api/home-visits', request);
}

export function homeVisits(
  api: ApiClient,
  filter: { patientId?: string; status?: HomeVisit['status'] } = {},
): Promise<HomeVisitList> {
  return api.request('GET', `/api/home-visits${query(filter)}`);
}

export function scheduleHomeVisit(
  api: ApiClient,
  id: string,
  schedule: HomeVisitSchedule,
): Promise<HomeVisit> {
  return api.request('POST', `/api/home-visits/${encodeURIComponent(id)}/schedule`, schedule);
}

export function completeHomeVisit(api: ApiClient, id: string, visitNote: string): Promise<HomeVisit> {
  return api.request('POST', `/api/home-visits/${encodeURIComponent(id)}/complete`, { visitNote });
}

export function cancelHomeVisit(api: ApiClient, id: string): Promise<HomeVisit> {
  return api.request('POST', `/api/home-visits/${encodeURIComponent(id)}/cancel`);
}

export function team(api: ApiClient, patientId: string): Promise<FamilyDoctorTeam> {
  return api.request('GET', `/api/patients/${encodeURIComponent(patientId)}/team`);
}

export function signedResidents(api: ApiClient): Promise<SignedResidents> {
  return api.request('GET', '/api/team/residents');
}

/** The record's summary, network first; offline the TV's kept copy with its age. */
export function recordSummary(api: ApiClient, patientId: string): Promise<Aged<RecordSummary>> {
  return api.read(`/api/patients/${encodeURIComponent(patientId)}/summary`);
}

/** A query string of the given values, leaving out those not set. */
function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createSlot(api: ApiClient, input: SlotInput): Promise<SlotList> {
  return api.request('POST', '/api/slots', input);
}

/** The console's visit form: the township's villages and staff. */
export function township(api: ApiClient): Promise<TownshipPlaces> {
  return api.request('GET', '/api/township');
}
