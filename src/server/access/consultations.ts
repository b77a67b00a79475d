/** Who may read, join or stand by in which consultation. */
import type { Selectable } from 'kysely';
import type { ConsultationTable } from '../consultations/tables.js';
import { OPEN_CONSULTATION_STATUSES } from '../consultations/tables.js';
import { kioskEntryOf, kioskThatAsked } from '../consultations/kiosk-origin.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../identity/actor.js';
import { canSeePatient } from './patients.js';
import { mayDo } from './roles.js';

type Consultation = Selectable<ConsultationTable>;

/**
 * A call's room is open only after admission (self-hosted LiveKit cannot move a waiting
 * participant into a room): to the patient once the consultation is scheduled, admitted or
 * answered (not while it only rings), to its doctor until it ends, and to a specialist whose
 * invitation they accepted. A consultation asked for at a care-home kiosk is that kiosk's call: the
 * kiosk joins it (once admitted, while a nurse is signed in), not another kiosk, and not the
 * resident's own TV (which may still read it: it is in the resident's record).
 */
export async function canJoinConsultationCall(
  db: Db,
  actor: Actor,
  consultation: Consultation,
): Promise<boolean> {
  if (!mayDo(actor, 'calls:join')) return false;
  const joinable = ['scheduled', 'active'].includes(consultation.status);
  if (actor.kind === 'tv') {
    return (
      consultation.patientId === actor.id && joinable && (await kioskThatAsked(db, consultation.id)) === null
    );
  }
  if (actor.kind === 'kiosk') return joinable && askedHere(db, actor, consultation);
  if (actor.kind !== 'clinician' || !OPEN_CONSULTATION_STATUSES.includes(consultation.status)) return false;
  if (actor.role === 'doctor') return consultation.doctorId === actor.id;
  if (actor.role === 'specialist') return hasInvitation(db, actor.id, consultation.id, ['accepted']);
  return false;
}

/**
 * While a doctor rings a resident's TV, that TV may wait in the call's room already, hidden and
 * sending nothing (grants.ts standbyGrantFor), so that answering needs no connection; answering
 * then lets it send and be seen there. Only the TV of the resident being rung, only while it rings.
 */
export function canStandByInCall(actor: Actor, consultation: Consultation): boolean {
  return (
    mayDo(actor, 'consultations:answer') &&
    actor.kind === 'tv' &&
    consultation.patientId === actor.id &&
    consultation.status === 'ringing'
  );
}

/**
 * A kiosk's own consultation: asked for at this kiosk, by its nurse for one of its care home's
 * residents, or, without a nurse, in the very self-service visit live on it now (not an earlier
 * visit: the next resident at the kiosk never reaches the one before's call or summary).
 */
async function askedHere(
  db: Db,
  actor: Extract<Actor, { kind: 'kiosk' }>,
  consultation: Consultation,
): Promise<boolean> {
  const entry = await kioskEntryOf(db, consultation.id);
  if (entry?.kioskId !== actor.deviceId) return false;
  if (actor.staff) return canSeePatient(db, actor, consultation.patientId);
  return actor.visit !== null && entry.visitId === actor.visit.id;
}

async function hasInvitation(
  db: Db,
  specialistId: string,
  consultationId: string,
  statuses: readonly ('pending' | 'accepted')[],
): Promise<boolean> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('specialistId', '=', specialistId)
    .where('consultationId', '=', consultationId)
    .where('status', 'in', statuses)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Who may read a consultation (its summary, its people): its patient, its doctor, an invited
 * specialist, a kiosk with a nurse signed in for its care home's residents, and a self-service
 * visit the consultation its own request led to (askedHere).
 */
export async function canReadConsultation(
  db: Db,
  actor: Actor,
  consultation: Consultation,
): Promise<boolean> {
  if (!mayDo(actor, 'consultations:read')) return false;
  if (actor.kind === 'tv') return consultation.patientId === actor.id;
  if (actor.kind === 'kiosk') {
    return actor.staff
      ? canSeePatient(db, actor, consultation.patientId)
      : askedHere(db, actor, consultation);
  }
  if (actor.kind !== 'clinician') return false;
  if (actor.role === 'doctor') return consultation.doctorId === actor.id;
  return actor.role === 'specialist' && hasInvitation(db, actor.id, consultation.id, ['pending', 'accepted']);
}
