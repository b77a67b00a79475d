/** Which patients an actor may see and act for: the object rules the other features build on. */
import { sql } from 'kysely';
import { precompiledQuery } from '../db/precompiled.js';
import type { Db } from '../db/types.js';
import { doctorArea } from '../directory/area.js';
import type { Actor } from '../identity/actor.js';
import { mayDo } from './roles.js';

/**
 * What an actor's view of patients depends on (one definition, used by the query built each time
 * and by the precompiled checks below): a TV its resident, a kiosk with staff signed in its care
 * home, a doctor or nurse their health-centre area, anyone else nobody.
 */
type PatientScope =
  | { kind: 'resident'; residentId: string }
  | { kind: 'care-home'; careHomeId: string }
  | { kind: 'area'; organisationId: string }
  | { kind: 'none' };

function scopeOf(actor: Actor): PatientScope {
  switch (actor.kind) {
    case 'tv':
      return { kind: 'resident', residentId: actor.id };
    case 'kiosk':
      return actor.staff ? { kind: 'care-home', careHomeId: actor.careHomeId } : { kind: 'none' };
    case 'clinician':
      // A township's nurses care for the same residents as its doctors (home visits).
      // Specialists see a patient only through a consultation they are invited to (the
      // consultation work adds invitations); pharmacists see orders, never records; admins
      // run devices and people, not care.
      return actor.role === 'doctor' || actor.role === 'nurse'
        ? { kind: 'area', organisationId: actor.user.organisationId }
        : { kind: 'none' };
  }
}

function patientsIn(db: Db, scope: PatientScope) {
  const patients = db.selectFrom('patients').select('patients.userId');
  switch (scope.kind) {
    case 'resident':
      return patients.where('patients.userId', '=', scope.residentId);
    case 'care-home':
      return patients.where('patients.careHomeId', '=', scope.careHomeId);
    case 'area':
      return patients
        .innerJoin('users as familyDoctor', 'familyDoctor.id', 'patients.familyDoctorId')
        .where('familyDoctor.organisationId', 'in', doctorArea(db, scope.organisationId));
    case 'none':
      return patients.where(sql<boolean>`1 = 0`);
  }
}

/** Ids of the patients whose data this actor may see. */
export function visiblePatients(db: Db, actor: Actor) {
  return patientsIn(db, scopeOf(actor));
}

// Whether one patient is among them: every write of a reading asks, so compiled once per scope
// (db/precompiled.ts), and still asked of the database each time (a moved resident, a changed
// family doctor count at once).
type One<S> = S & { patientId: string };
const oneIn =
  <S extends PatientScope>(scope: (parameters: One<S>) => S) =>
  (db: Db, parameters: One<S>) =>
    patientsIn(db, scope(parameters)).where('patients.userId', '=', parameters.patientId);
type ResidentScope = Extract<PatientScope, { kind: 'resident' }>;
type CareHomeScope = Extract<PatientScope, { kind: 'care-home' }>;
type AreaScope = Extract<PatientScope, { kind: 'area' }>;
const visibleOne = {
  resident: precompiledQuery<One<ResidentScope>, unknown>(
    ['residentId', 'patientId'],
    oneIn<ResidentScope>((p) => ({ kind: 'resident', residentId: p.residentId })),
  ),
  careHome: precompiledQuery<One<CareHomeScope>, unknown>(
    ['careHomeId', 'patientId'],
    oneIn<CareHomeScope>((p) => ({ kind: 'care-home', careHomeId: p.careHomeId })),
  ),
  area: precompiledQuery<One<AreaScope>, unknown>(
    ['organisationId', 'patientId'],
    oneIn<AreaScope>((p) => ({ kind: 'area', organisationId: p.organisationId })),
  ),
};

/** Whether this patient is among those the actor may see (visiblePatients), asked of the database. */
export async function isVisiblePatient(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  const scope = scopeOf(actor);
  switch (scope.kind) {
    case 'resident':
      return (await visibleOne.resident(db, { ...scope, patientId })).rows.length > 0;
    case 'care-home':
      return (await visibleOne.careHome(db, { ...scope, patientId })).rows.length > 0;
    case 'area':
      return (await visibleOne.area(db, { ...scope, patientId })).rows.length > 0;
    case 'none':
      return false;
  }
}

export async function canSeePatient(db: Db, actor: Actor, patientId: string): Promise<boolean> {
  if (!mayDo(actor, 'patients:read')) return false;
  return isVisiblePatient(db, actor, patientId);
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
