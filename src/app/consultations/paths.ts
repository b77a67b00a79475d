import { path } from '../router/route.js';

export const tvConsult = path('/tv/consult');
export const tvEmergency = path('/tv/emergency');
export const tvWaiting = path('/tv/waiting');
/** Kiosk: a nurse asks a doctor for one of the care home's residents. */
export const kioskConsult = path('/kiosk/consult/:patientId');
/** Kiosk: the waiting room of the resident the kiosk asked for. */
export const kioskWaiting = path('/kiosk/waiting');
/** Kiosk: a resident's self-service visit asks a doctor (请医生看看) and waits, with no nurse. */
export const kioskVisitConsult = path('/kiosk/visit/consult');
/** What the doctor wrote at the end of a consultation. */
export const tvSummary = path('/tv/summary/:consultationId');
export const kioskSummary = path('/kiosk/summary/:consultationId');

/** The waiting room of a surface that holds a place (a resident's TV, a care-home kiosk). */
export function waitingPath(surface: 'tv' | 'kiosk'): string {
  return (surface === 'kiosk' ? kioskWaiting : tvWaiting).build();
}

export function summaryPath(surface: 'tv' | 'kiosk', consultationId: string): string {
  return (surface === 'kiosk' ? kioskSummary : tvSummary).build({ consultationId });
}
