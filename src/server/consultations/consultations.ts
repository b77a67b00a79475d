import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ConsultationSummary } from '../../shared/api-schemas.js';
import type { ConsultationTable } from './tables.js';

export type Consultation = Selectable<ConsultationTable>;

export function findConsultation(db: Db, id: string): Promise<Consultation | undefined> {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Consultations not yet ended in which the user is the patient or the doctor, newest first. */
export async function listOpenConsultationsOf(db: Db, userId: string): Promise<ConsultationSummary[]> {
  const rows = await db
    .selectFrom('consultations')
    .innerJoin('users as patient', 'patient.id', 'consultations.patientId')
    .innerJoin('users as doctor', 'doctor.id', 'consultations.doctorId')
    .innerJoin('organisations as doctorOrganisation', 'doctorOrganisation.id', 'doctor.organisationId')
    .select([
      'consultations.id',
      'consultations.status',
      'consultations.reason',
      'patient.id as patientId',
      'patient.displayName as patientName',
      'doctor.id as doctorId',
      'doctor.displayName as doctorName',
      'doctorOrganisation.name as doctorOrganisationName',
    ])
    .where((eb) =>
      eb.or([eb('consultations.patientId', '=', userId), eb('consultations.doctorId', '=', userId)]),
    )
    .where('consultations.status', '!=', 'ended')
    .orderBy('consultations.createdAt', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    reason: r.reason,
    patient: { id: r.patientId, displayName: r.patientName },
    doctor: { id: r.doctorId, displayName: r.doctorName, organisationName: r.doctorOrganisationName },
  }));
}

/** Room names are derived from the consultation id so a room can always be traced back. */
export function roomNameFor(consultationId: string): string {
  return `consultation-${consultationId}`;
}
