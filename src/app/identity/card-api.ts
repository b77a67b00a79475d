import type { IssuedResidentCard, ResidentCardStatus } from '../../shared/identity/card-schemas.js';
import type { KioskVisit } from '../../shared/readings/schemas.js';
import type { ApiClient } from '../api/api-client.js';

/** The family doctor's QR card (issue 14 §9): the console issues and revokes, the kiosk identifies. */

const cardPath = (patientId: string) => `/api/patients/${encodeURIComponent(patientId)}/card`;

/** Who issued the resident's card in use, and when (never its content). */
export function cardStatus(api: ApiClient, patientId: string): Promise<ResidentCardStatus> {
  return api.request('GET', cardPath(patientId));
}

/** A new card (the previous one stops working): the only answer with the QR code's content. */
export function issueCard(api: ApiClient, patientId: string): Promise<IssuedResidentCard> {
  return api.request('POST', cardPath(patientId));
}

/** 作废: kiosks no longer accept the resident's card. */
export function revokeCard(api: ApiClient, patientId: string): Promise<ResidentCardStatus> {
  return api.request('DELETE', cardPath(patientId));
}

/** A self-service kiosk starts a visit with what its scanner read from a card. */
export function startCardVisit(api: ApiClient, card: string): Promise<KioskVisit> {
  return api.request('POST', '/api/kiosk/visits/card', { card });
}
