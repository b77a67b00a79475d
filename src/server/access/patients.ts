/** Which patients an actor may see and act for: the object rules the other features build on. */
import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import { doctorArea } from '../directory/area.js';
import type { Actor } from '../identity/actor.js';
import { mayDo } from './roles.js';

/** Ids of the patients whose data this actor may see. */
export function visiblePatients(db: Db, actor: Actor) {
  const patients = db.selectFrom('patients').select('patients.userId');
  switch (actor.kind) {
    case 'tv':
      return patients.where('patients.userId', '=', actor.id);
    case 'kiosk':
      return actor.staff
        ? patients.where('patients.careHomeId', '=', actor.careHomeId)
        : patients.where(sql<boolean>`1 = 0`);
    case 'clinician':
      // A township's nurses care for the same residents as its doctors (home visits).
      if (actor.role === 'doctor' || actor.role === 'nurse') {
        return patients
          .innerJoin('users as familyDoctor', 'familyDoctor.id', 'patients.familyDoctorId')
          .where('familyDoctor.organisationId', 'in', doctorArea(db, actor.user.organisationId));
      }
      // Specialists see a patient only through a consultation they are invited to (the
      // consultation work adds invitations); pharmacists see orders, never records; admins
      // run devices and people, not care.
      return patients.where(sql<boolean>`1 = 0`);
  }
}

export async function canSeePatient(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (!mayDo(actor, 'patients:read')) return false;
  const row = await visiblePatients(db, actor).where('patients.userId', '=', patientId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Whom an actor may put in the waiting room: a TV its own resident, a kiosk with a nurse its care
 * home's residents, a self-service kiosk the resident of its visit.
 */
export async function canQueueFor(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (!mayDo(actor, 'queue:join')) return false;
  if (actor.kind === 'tv') return actor.id === patientId;
  if (actor.kind !== 'kiosk') return false;
  // Without a nurse: only the resident of the kiosk's live self-service visit (roles.ts KIOSK_VISIT).
  if (!actor.staff) return actor.visit?.patientId === patientId;
  return canSeePatient(db, actor, patientId);
}

/**
 * Whom a TV or kiosk may book or ask a home visit for: a TV its own resident, a kiosk with a staff
 * member signed in its care home's residents.
 */
export async function canActFor(
  db: Db,
  actor: Actor,
  permission: 'appointments:book' | 'home-visits:request',
  patientId: string,
): Promise<boolean> {
  if (!mayDo(actor, permission)) return false;
  if (actor.kind === 'tv') return actor.id === patientId;
  return actor.kind === 'kiosk' && canSeePatient(db, actor, patientId);
}
