import { msg, str } from '@lit/localize';
import type { KioskOrigin, QueuePlace } from '../../shared/consultations/schemas.js';

/** What came of the nurse's request for a resident, for the kiosk's screen to say. */
export type KioskJoinOutcome =
  /** In the queue for this resident: on to the waiting room. */
  | { kind: 'waiting' }
  /** The kiosk already waits (or is in a call) for another resident: one at a time. */
  | { kind: 'kiosk-busy'; waitingFor: string }
  /** The resident already waits elsewhere: on their own TV or at another kiosk. */
  | { kind: 'resident-busy' }
  /** Something else went wrong; `message` says what and what to do. */
  | { kind: 'failed'; message: string };

/**
 * Reads the waiting room after a kiosk's request. The waiting room answers a 409 by fetching the
 * kiosk's own place: a place for someone else means the kiosk is busy; no place at all means the
 * resident waits somewhere else. Pure, so it is tested without a browser.
 */
export function kioskJoinOutcome(
  patientId: string,
  joined: boolean,
  place: QueuePlace | null,
  problem: string | null,
): KioskJoinOutcome {
  if (place?.patient && place.patient.id !== patientId) {
    return { kind: 'kiosk-busy', waitingFor: place.patient.displayName };
  }
  if (joined && place?.status === 'waiting') return { kind: 'waiting' };
  if (problem) return { kind: 'failed', message: problem };
  return { kind: 'resident-busy' };
}

/** Where a resident asking from a care-home kiosk is, and who is with them, in words. */
export function kioskOriginWords(origin: KioskOrigin): string {
  return origin.staff
    ? msg(str`在${origin.careHomeName}，护理员${origin.staff.displayName}陪同`)
    : msg(str`在${origin.careHomeName}的终端上`);
}
