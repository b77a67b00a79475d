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
import type { ApiClient } from '../api/api-client.js';

const pharmacyOrder = (id: string, step: string) => `/api/pharmacy/orders/${encodeURIComponent(id)}/${step}`;

/** The cloud pharmacy's API calls (issue 15) over the one API client. */

export function catalogue(api: ApiClient, q: string): Promise<{ medicines: Medicine[] }> {
  return api.request('GET', `/api/pharmacy/catalogue?q=${encodeURIComponent(q)}`);
}

export function prescribe(
  api: ApiClient,
  consultationId: string,
  request: PrescribeRequest,
): Promise<{ prescriptions: Prescription[]; order: Order }> {
  return api.request(
    'POST',
    `/api/consultations/${encodeURIComponent(consultationId)}/prescriptions`,
    request,
  );
}

export function myMedicines(api: ApiClient): Promise<CurrentMedicineList> {
  return api.request('GET', '/api/pharmacy/medicines/mine');
}

/**
 * 续药 straight to the API, with the Idempotency-Key the caller keeps for that press: a kiosk
 * visit's reorder does not wait in the kiosk's outbox, which outlives the visit (and its right to
 * order); a press again after a failure sends the same key, so the API makes one order.
 */
export function reorder(api: ApiClient, prescriptionIds: string[], key: string): Promise<Order> {
  return api.request('POST', '/api/pharmacy/orders', { prescriptionIds }, { 'idempotency-key': key });
}

export function orders(api: ApiClient, status?: Order['status']): Promise<{ orders: Order[] }> {
  return api.request('GET', `/api/pharmacy/orders${status ? `?status=${status}` : ''}`);
}

/** A pharmacist's step on an order (review, approve, return, reject, dispatch, deliver). */
export function orderStep(
  api: ApiClient,
  id: string,
  step: 'review' | 'approve' | 'return' | 'reject' | 'dispatch' | 'deliver',
  body?: { reason: string } | { courier: string; trackingNumber: string },
): Promise<Order> {
  return api.request('POST', pharmacyOrder(id, step), body);
}

export function resubmitOrder(api: ApiClient, id: string, request: ResubmitRequest): Promise<Order> {
  return api.request('POST', pharmacyOrder(id, 'resubmit'), request);
}

export function answerDose(api: ApiClient, request: DoseAnswerRequest): Promise<unknown> {
  return api.request('POST', '/api/pharmacy/doses', request);
}

export function adherence(api: ApiClient, patientId: string): Promise<Adherence> {
  return api.request('GET', `/api/pharmacy/patients/${encodeURIComponent(patientId)}/adherence`);
}

export function missedDoses(api: ApiClient): Promise<{ doses: MissedDose[] }> {
  return api.request('GET', '/api/pharmacy/missed-doses');
}

/** A care home's kiosk: today's overdue and missed doses of its residents. */
export function careHomeDoses(api: ApiClient): Promise<CareHomeDoses> {
  return api.request('GET', '/api/pharmacy/care-home/doses');
}
