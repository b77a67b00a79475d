import type { CallToken, ConsultationList } from '../../shared/consultations/schemas.js';
import type {
  DeviceList,
  DeviceSummary,
  PairingStart,
  SessionInfo,
  StaffList,
} from '../../shared/identity/schemas.js';
import type { Health } from '../../shared/api-schemas.js';
import type { PatientList, PatientRecord, ResidentDirectory } from '../../shared/directory/schemas.js';
import type {
  AnsweredCall,
  ConsultationDetail,
  ConsultationSummaryNote,
  FollowUpRequest,
  Invitation,
  InvitationList,
  QueueList,
  QueuePlace,
  QueueRequest,
  SpecialistList,
} from '../../shared/consultations/schemas.js';
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
import type {
  Adherence,
  CareHomeDoses,
  CurrentMedicineList,
  DoseAnswerRequest,
  Medicine,
  MissedDose,
  Order,
  PrescribeRequest,
  Prescription,
  ResubmitRequest,
} from '../../shared/pharmacy/schemas.js';
import type { ColourView, KioskVisit, PatientReadings } from '../../shared/readings/schemas.js';
import { HttpCore, type Aged } from './http.js';

const pharmacyOrder = (id: string, step: string) => `/api/pharmacy/orders/${encodeURIComponent(id)}/${step}`;

export { ApiRequestError, type Aged, type RequestErrorCode } from './http.js';

/**
 * The API's endpoints as typed methods over the HTTP core (http.ts: request, CSRF, error codes).
 * Types come from the shared zod schemas by type-only imports, which keep zod out of the bundle.
 */
export class ApiClient extends HttpCore {
  session(): Promise<SessionInfo> {
    return this.request('GET', '/api/auth/session');
  }

  login(username: string, password: string): Promise<SessionInfo> {
    return this.request('POST', '/api/auth/login', { username, password });
  }

  /** Signs out this browser, or with `everywhere` every session of this clinician. */
  async logout(everywhere = false): Promise<void> {
    await this.request('POST', everywhere ? '/api/auth/logout-everywhere' : '/api/auth/logout');
    this.forgetCsrfToken();
  }

  /** A paired TV or kiosk signs in with its device credential cookie. */
  deviceSession(): Promise<SessionInfo> {
    return this.request('POST', '/api/devices/session');
  }

  startPairing(kind: 'tv' | 'kiosk'): Promise<PairingStart> {
    return this.request('POST', '/api/devices/pairing', { kind });
  }

  pollPairing(deviceCode: string): Promise<SessionInfo> {
    return this.request('POST', '/api/devices/pairing/poll', { deviceCode });
  }

  approvePairing(body: {
    userCode: string;
    kind: 'tv' | 'kiosk';
    residentId?: string;
    careHomeId?: string;
  }): Promise<DeviceSummary> {
    return this.request('POST', '/api/devices/pairing/approve', body);
  }

  devices(): Promise<DeviceList> {
    return this.request('GET', '/api/devices');
  }

  confirmDevice(id: string): Promise<DeviceSummary> {
    return this.request('POST', `/api/devices/${encodeURIComponent(id)}/confirm`);
  }

  /** A resident's TV: every device bound to this resident. */
  myDevices(): Promise<DeviceList> {
    return this.request('GET', '/api/devices/mine');
  }

  revokeDevice(id: string): Promise<DeviceSummary> {
    return this.request('POST', `/api/devices/${encodeURIComponent(id)}/revoke`);
  }

  residentDirectory(): Promise<ResidentDirectory> {
    return this.request('GET', '/api/directory/residents');
  }

  kioskStaff(): Promise<StaffList> {
    return this.request('GET', '/api/kiosk/staff');
  }

  staffSignIn(staffId: string, pin: string): Promise<SessionInfo> {
    return this.request('POST', '/api/kiosk/staff-session', { staffId, pin });
  }

  staffSignOut(): Promise<SessionInfo> {
    return this.request('DELETE', '/api/kiosk/staff-session');
  }

  /** Self-service kiosk: a resident identifies (ID card's last 4 characters, birth date 'YYYY-MM-DD'). */
  startKioskVisit(idCardSuffix: string, birthDate: string): Promise<KioskVisit> {
    return this.request('POST', '/api/kiosk/visits', { idCardSuffix, birthDate });
  }

  /** Ends the visit: the kiosk may no longer act for the resident. */
  endKioskVisit(): Promise<unknown> {
    return this.request('DELETE', '/api/kiosk/visits');
  }

  patient(id: string): Promise<PatientRecord> {
    return this.request('GET', `/api/patients/${encodeURIComponent(id)}`);
  }

  /** The record, and its age when the TV shows its kept copy because the API is out of reach. */
  patientRecord(id: string): Promise<Aged<PatientRecord>> {
    return this.read(`/api/patients/${encodeURIComponent(id)}`);
  }

  patients(): Promise<PatientList> {
    return this.request('GET', '/api/patients');
  }

  myConsultations(): Promise<ConsultationList> {
    return this.request('GET', '/api/consultations/mine');
  }

  callToken(consultationId: string): Promise<CallToken> {
    return this.request('POST', '/api/calls/token', { consultationId });
  }

  // The waiting room (resident).
  joinQueue(request: Partial<QueueRequest> & Pick<QueueRequest, 'doctor'>): Promise<QueuePlace> {
    return this.request('POST', '/api/queue', request);
  }

  /** The resident's place, or a 404 ApiRequestError when they are not waiting. */
  myQueuePlace(): Promise<QueuePlace> {
    return this.request('GET', '/api/queue/mine');
  }

  queueHeartbeat(): Promise<QueuePlace> {
    return this.request('POST', '/api/queue/mine/heartbeat');
  }

  async leaveQueue(): Promise<void> {
    await this.request('DELETE', '/api/queue/mine');
  }

  // Calls (resident, doctor, specialist).
  consultation(id: string): Promise<ConsultationDetail> {
    return this.request('GET', `/api/consultations/${encodeURIComponent(id)}`);
  }

  /** While it rings: a token to wait in the call's room, hidden and sending nothing until answered. */
  standby(consultationId: string): Promise<CallToken> {
    return this.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/standby`);
  }

  /**
   * Answers the ring; the call token comes with the answer. `standingBy`: this TV waits in the room
   * with its standby token, and answering admits it there.
   */
  answer(consultationId: string, standingBy = false): Promise<AnsweredCall> {
    return this.request(
      'POST',
      `/api/consultations/${encodeURIComponent(consultationId)}/answer`,
      standingBy ? { standingBy } : undefined,
    );
  }

  async decline(consultationId: string): Promise<void> {
    await this.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/decline`);
  }

  // The clinician console.
  queue(): Promise<QueueList> {
    return this.request('GET', '/api/queue');
  }

  admit(queueEntryId: string): Promise<ConsultationDetail> {
    return this.request('POST', `/api/queue/${encodeURIComponent(queueEntryId)}/admit`);
  }

  followUp(request: FollowUpRequest): Promise<ConsultationDetail> {
    return this.request('POST', '/api/consultations', request);
  }

  /** Stops ringing a TV before it answers. */
  cancelRing(consultationId: string): Promise<ConsultationDetail> {
    return this.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/cancel`);
  }

  endConsultation(
    consultationId: string,
    note: Partial<ConsultationSummaryNote>,
  ): Promise<ConsultationDetail> {
    return this.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/end`, note);
  }

  specialists(): Promise<SpecialistList> {
    return this.request('GET', '/api/specialists');
  }

  invite(consultationId: string, specialistId: string): Promise<Invitation> {
    return this.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/invitations`, {
      specialistId,
    });
  }

  myInvitations(): Promise<InvitationList> {
    return this.request('GET', '/api/invitations/mine');
  }

  answerInvitation(invitationId: string, accept: boolean): Promise<Invitation> {
    const action = accept ? 'accept' : 'decline';
    return this.request('POST', `/api/invitations/${encodeURIComponent(invitationId)}/${action}`);
  }

  setAutoAnswer(deviceId: string, autoAnswer: boolean): Promise<DeviceSummary> {
    return this.request('PUT', `/api/devices/${encodeURIComponent(deviceId)}/auto-answer`, { autoAnswer });
  }

  // The schedule (issue 16): visits, slots, appointments, home visits, the team, the record summary.
  visits(patientId?: string): Promise<MobileVisitList> {
    return this.request('GET', `/api/visits${query({ patientId })}`);
  }

  createVisit(input: MobileVisitInput): Promise<MobileVisit> {
    return this.request('POST', '/api/visits', input);
  }

  editVisit(id: string, input: MobileVisitInput): Promise<MobileVisit> {
    return this.request('PUT', `/api/visits/${encodeURIComponent(id)}`, input);
  }

  cancelVisit(id: string): Promise<MobileVisit> {
    return this.request('POST', `/api/visits/${encodeURIComponent(id)}/cancel`);
  }

  slots(filter: { kind?: AppointmentKind; visitId?: string; patientId?: string } = {}): Promise<SlotList> {
    return this.request('GET', `/api/slots${query(filter)}`);
  }

  createSlot(input: SlotInput): Promise<SlotList> {
    return this.request('POST', '/api/slots', input);
  }

  /** The console's visit form: the township's villages and staff. */
  township(): Promise<TownshipPlaces> {
    return this.request('GET', '/api/township');
  }

  slotBookings(slotId: string): Promise<SlotBookings> {
    return this.request('GET', `/api/slots/${encodeURIComponent(slotId)}/bookings`);
  }

  book(slotId: string, patientId?: string): Promise<Appointment> {
    return this.request('POST', '/api/appointments', patientId ? { slotId, patientId } : { slotId });
  }

  appointments(patientId?: string): Promise<AppointmentList> {
    return this.request('GET', `/api/appointments${query({ patientId })}`);
  }

  cancelAppointment(id: string): Promise<Appointment> {
    return this.request('POST', `/api/appointments/${encodeURIComponent(id)}/cancel`);
  }

  requestHomeVisit(request: HomeVisitRequest): Promise<HomeVisit> {
    return this.request('POST', '/api/home-visits', request);
  }

  homeVisits(filter: { patientId?: string; status?: HomeVisit['status'] } = {}): Promise<HomeVisitList> {
    return this.request('GET', `/api/home-visits${query(filter)}`);
  }

  scheduleHomeVisit(id: string, schedule: HomeVisitSchedule): Promise<HomeVisit> {
    return this.request('POST', `/api/home-visits/${encodeURIComponent(id)}/schedule`, schedule);
  }

  completeHomeVisit(id: string, visitNote: string): Promise<HomeVisit> {
    return this.request('POST', `/api/home-visits/${encodeURIComponent(id)}/complete`, { visitNote });
  }

  cancelHomeVisit(id: string): Promise<HomeVisit> {
    return this.request('POST', `/api/home-visits/${encodeURIComponent(id)}/cancel`);
  }

  team(patientId: string): Promise<FamilyDoctorTeam> {
    return this.request('GET', `/api/patients/${encodeURIComponent(patientId)}/team`);
  }

  signedResidents(): Promise<SignedResidents> {
    return this.request('GET', '/api/team/residents');
  }

  /** The record's summary, network first; offline the TV's kept copy with its age. */
  recordSummary(patientId: string): Promise<Aged<RecordSummary>> {
    return this.read(`/api/patients/${encodeURIComponent(patientId)}/summary`);
  }

  // The cloud pharmacy (issue 15).
  catalogue(q: string): Promise<{ medicines: Medicine[] }> {
    return this.request('GET', `/api/pharmacy/catalogue?q=${encodeURIComponent(q)}`);
  }

  prescribe(
    consultationId: string,
    request: PrescribeRequest,
  ): Promise<{ prescriptions: Prescription[]; order: Order }> {
    return this.request(
      'POST',
      `/api/consultations/${encodeURIComponent(consultationId)}/prescriptions`,
      request,
    );
  }

  myMedicines(): Promise<CurrentMedicineList> {
    return this.request('GET', '/api/pharmacy/medicines/mine');
  }

  orders(status?: Order['status']): Promise<{ orders: Order[] }> {
    return this.request('GET', `/api/pharmacy/orders${status ? `?status=${status}` : ''}`);
  }

  /** A pharmacist's step on an order (review, approve, return, reject, dispatch, deliver). */
  orderStep(
    id: string,
    step: 'review' | 'approve' | 'return' | 'reject' | 'dispatch' | 'deliver',
    body?: { reason: string } | { courier: string; trackingNumber: string },
  ): Promise<Order> {
    return this.request('POST', pharmacyOrder(id, step), body);
  }

  resubmitOrder(id: string, request: ResubmitRequest): Promise<Order> {
    return this.request('POST', pharmacyOrder(id, 'resubmit'), request);
  }

  answerDose(request: DoseAnswerRequest): Promise<unknown> {
    return this.request('POST', '/api/pharmacy/doses', request);
  }

  adherence(patientId: string): Promise<Adherence> {
    return this.request('GET', `/api/pharmacy/patients/${encodeURIComponent(patientId)}/adherence`);
  }

  missedDoses(): Promise<{ doses: MissedDose[] }> {
    return this.request('GET', '/api/pharmacy/missed-doses');
  }

  /** A care home's kiosk: today's overdue and missed doses of its residents. */
  careHomeDoses(): Promise<CareHomeDoses> {
    return this.request('GET', '/api/pharmacy/care-home/doses');
  }

  /** A patient's readings of the last 7, 30 or 90 days, with the trend numbers and colour. */
  patientReadings(patientId: string, days: 7 | 30 | 90): Promise<PatientReadings> {
    return this.request('GET', `/api/patients/${encodeURIComponent(patientId)}/readings?days=${days}`);
  }

  /** The doctor's colour view (分色管理), red first. */
  colourView(filter: { colour?: string; condition?: string } = {}): Promise<ColourView> {
    const query = new URLSearchParams(filter as Record<string, string>).toString();
    return this.request('GET', `/api/readings/colour-view${query ? `?${query}` : ''}`);
  }

  health(): Promise<Health> {
    return this.request('GET', '/healthz');
  }
}

/** A query string of the given values, leaving out those not set. */
function query(values: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
