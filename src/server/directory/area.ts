import { sql } from 'kysely';
import type { Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { Actor } from '../identity/actor.js';

/**
 * A township's area: its health centre, the centre's village clinics and care homes. Written
 * once here; access (a doctor's patients), the waiting room (a patient's area doctors) and the
 * schedule (a township's staff) all build on it.
 */
/**
 * The township centre of an `organisations` row (named `table` in the query): a village clinic's
 * parent, else the organisation itself (doctors work at a centre or a village clinic).
 */
export function centreOfOrganisation(table: 'organisations' | 'o') {
  const o = sql.raw(table);
  return sql<string>`case when ${o}.kind = 'village_clinic' then ${o}.parent_id else ${o}.id end`;
}

function centres(db: Db) {
  return db.selectFrom('organisations').select(centreOfOrganisation('organisations').as('centreId'));
}

function areaOf(db: Db, centre: ReturnType<typeof centres>) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where((eb) => eb.or([eb('id', 'in', centre), eb('parentId', 'in', centre)]));
}

/** The health-centre area a doctor works in: the township centre and its village clinics. */
export function doctorArea(db: Db, doctorOrganisationId: string) {
  return areaOf(db, centres(db).where('id', '=', doctorOrganisationId));
}

/**
 * The doctors of a patient's area (or of several patients' areas, each once): who sees their place
 * in the queue, their urgent calls and their colour.
 */
export function areaDoctorsOf(db: Db, patientId: string | readonly string[]) {
  const familyDoctorOrganisation = db
    .selectFrom('patients')
    .innerJoin('users as familyDoctor', 'familyDoctor.id', 'patients.familyDoctorId')
    .select('familyDoctor.organisationId')
    .where('patients.userId', 'in', typeof patientId === 'string' ? [patientId] : patientId);
  const area = areaOf(db, centres(db).where('id', 'in', familyDoctorOrganisation));
  return db
    .selectFrom('users')
    .select('users.id')
    .where('users.role', '=', 'doctor')
    .where('users.organisationId', 'in', area);
}

/** The township health centre an organisation belongs to: a village clinic's or care home's parent, or itself. */
export async function townshipOf(db: Db, organisationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'kind', 'parentId'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.kind === 'health_centre') return row.id;
  return row.kind === 'village_clinic' || row.kind === 'care_home' ? row.parentId : null;
}

/** The township whose schedule a doctor or nurse keeps; null for everyone else. */
export async function townshipOfActor(db: Db, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'clinician' || (actor.role !== 'doctor' && actor.role !== 'nurse')) return null;
  return townshipOf(db, actor.user.organisationId);
}

/**
 * The township a doctor or nurse keeps the schedule of, or 403: every console action on visits,
 * slots and home visits starts here.
 */
export async function townshipOfStaff(db: Db, actor: Actor): Promise<string> {
  const township = await townshipOfActor(db, actor);
  if (!township) throw new ApiError(403, 'forbidden', 'Only the staff of a township keep its schedule.');
  return township;
}
