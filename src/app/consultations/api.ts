import type {
  AnsweredCall,
  CallToken,
  ConsultationDetail,
  ConsultationList,
  ConsultationSummaryNote,
  FollowUpRequest,
  Invitation,
  InvitationList,
  QueueList,
  QueuePlace,
  QueueRequest,
  SpecialistList,
} from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';

/**
 * The consultations' API calls over the one API client: the waiting room, a ring (standby, answer,
 * decline), the call token, the console's queue, invitations and follow-ups.
 */

export function myConsultations(api: ApiClient): Promise<ConsultationList> {
  return api.request('GET', '/api/consultations/mine');
}

export function callToken(api: ApiClient, consultationId: string): Promise<CallToken> {
  return api.request('POST', '/api/calls/token', { consultationId });
}

export function joinQueue(
  api: ApiClient,
  request: Partial<QueueRequest> & Pick<QueueRequest, 'doctor'>,
): Promise<QueuePlace> {
  return api.request('POST', '/api/queue', request);
}

/** The resident's place, or a 404 ApiRequestError when they are not waiting. */
export function myQueuePlace(api: ApiClient): Promise<QueuePlace> {
  return api.request('GET', '/api/queue/mine');
}

export function queueHeartbeat(api: ApiClient): Promise<QueuePlace> {
  return api.request('POST', '/api/queue/mine/heartbeat');
}

export async function leaveQueue(api: ApiClient): Promise<void> {
  await api.request('DELETE', '/api/queue/mine');
}

export function consultation(api: ApiClient, id: string): Promise<ConsultationDetail> {
  return api.request('GET', `/api/consultations/${encodeURIComponent(id)}`);
}

/** While it rings: a token to wait in the call's room, hidden and sending nothing until answered. */
export function standby(api: ApiClient, consultationId: string): Promise<CallToken> {
  return api.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/standby`);
}

/**
 * Answers the ring; the call token comes with the answer. `standingBy`: this TV waits in the room
 * with its standby token, and answering admits it there.
 */
export function answer(api: ApiClient, consultationId: string, standingBy = false): Promise<AnsweredCall> {
  return api.request(
    'POST',
    `/api/consultations/${encodeURIComponent(consultationId)}/answer`,
    standingBy ? { standingBy } : undefined,
  );
}

export async function decline(api: ApiClient, consultationId: string): Promise<void> {
  await api.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/decline`);
}

export function queue(api: ApiClient): Promise<QueueList> {
  return api.request('GET', '/api/queue');
}

export function admit(api: ApiClient, queueEntryId: string): Promise<ConsultationDetail> {
  return api.request('POST', `/api/queue/${encodeURIComponent(queueEntryId)}/admit`);
}

export function followUp(api: ApiClient, request: FollowUpRequest): Promise<ConsultationDetail> {
  return api.request('POST', '/api/consultations', request);
}

/** Stops ringing a TV before it answers. */
export function cancelRing(api: ApiClient, consultationId: string): Promise<ConsultationDetail> {
  return api.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/cancel`);
}

export function endConsultation(
  api: ApiClient,
  consultationId: string,
  note: Partial<ConsultationSummaryNote>,
): Promise<ConsultationDetail> {
  return api.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/end`, note);
}

export function specialists(api: ApiClient): Promise<SpecialistList> {
  return api.request('GET', '/api/specialists');
}

export function invite(api: ApiClient, consultationId: string, specialistId: string): Promise<Invitation> {
  return api.request('POST', `/api/consultations/${encodeURIComponent(consultationId)}/invitations`, {
    specialistId,
  });
}

export function myInvitations(api: ApiClient): Promise<InvitationList> {
  return api.request('GET', '/api/invitations/mine');
}

export function answerInvitation(api: ApiClient, invitationId: string, accept: boolean): Promise<Invitation> {
  const action = accept ? 'accept' : 'decline';
  return api.request('POST', `/api/invitations/${encodeURIComponent(invitationId)}/${action}`);
}
