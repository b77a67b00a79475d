import type {
  CallToken,
  ConsultationList,
  DeviceList,
  DeviceSummary,
  Health,
  PairingStart,
  PatientList,
  PatientRecord,
  ResidentDirectory,
  SessionInfo,
  StaffList,
} from '../../shared/api-schemas.js';
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
} from '../../shared/consultation-schemas.js';
import { HttpCore, type Aged } from './http.js';

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

  health(): Promise<Health> {
    return this.request('GET', '/healthz');
  }
}
