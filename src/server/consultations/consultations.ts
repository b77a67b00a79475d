import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../db/types.js';
import type { ConsultationSummary } from '../../shared/consultations/schemas.js';
import type { Clinician, ConsultationDetail } from '../../shared/consultations/schemas.js';
import { prescriptionsOfConsultation } from '../pharmacy/prescriptions.js';
import { readingsOfConsultation } from '../readings/readings.js';
import { kioskOriginOf } from './kiosk-origin.js';
import { OPEN_CONSULTATION_STATUSES, type ConsultationTable } from './tables.js';

export type Consultation = Selectable<ConsultationTable>;

export function findConsultation(db: Db, id: string): Promise<Consultation | undefined> {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Consultations not yet ended in which the user is the patient or the doctor, newest first. A
 * consultation a care-home kiosk asked for is the kiosk's call, not one for the resident's TV.
 */
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
      eb.or([
        eb.and([
          eb('consultations.patientId', '=', userId),
          eb(
            'consultations.id',
            'not in',
            eb
              .selectFrom('queueEntries')
              .select('queueEntries.consultationId')
              .where('queueEntries.kioskId', 'is not', null)
              .where('queueEntries.consultationId', 'is not', null)
              .$narrowType<{ consultationId: string }>(),
          ),
        ]),
        eb('consultations.doctorId', '=', userId),
      ]),
    )
    .where('consultations.status', 'in', OPEN_CONSULTATION_STATUSES)
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

/** A clinician as the API shows them: name, role, organisation, department. */
export async function clinicianOf(db: Db, userId: string): Promise<Clinician> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'users.id',
      'users.displayName',
      'users.role',
      'users.department',
      'organisations.name as organisationName',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    displayName: row.displayName,
    role: row.role === 'specialist' ? 'specialist' : 'doctor',
    organisationName: row.organisationName,
    department: row.department,
  };
}

/** Everything a participant sees of a consultation, its summary included. */
export async function consultationDetail(db: Db, consultation: Consultation): Promise<ConsultationDetail> {
  const patient = await db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('id', '=', consultation.patientId)
    .executeTakeFirstOrThrow();
  const specialists = await db
    .selectFrom('invitations')
    .select('specialistId')
    .where('consultationId', '=', consultation.id)
    .where('status', '=', 'accepted')
    .orderBy('answeredAt')
    .execute();
  return {
    id: consultation.id,
    kind: consultation.kind,
    status: consultation.status,
    reason: consultation.reason,
    patient,
    doctor: await clinicianOf(db, consultation.doctorId),
    specialists: await Promise.all(specialists.map((s) => clinicianOf(db, s.specialistId))),
    summary:
      consultation.summaryDiagnosis === null
        ? null
        : { diagnosis: consultation.summaryDiagnosis, advice: consultation.summaryAdvice ?? '' },
    createdAt: consultation.createdAt,
    endedAt: consultation.endedAt,
    kiosk: await kioskOriginOf(db, consultation.id),
    prescriptions: await prescriptionsOfConsultation(db, consultation.id),
    readings: await readingsOfConsultation(db, consultation.id),
  };
}

export async function createConsultation(
  db: Db,
  values: Pick<Consultation, 'patientId' | 'doctorId' | 'kind' | 'status' | 'reason'>,
): Promise<Consultation> {
  const id = `c-${randomUUID()}`;
  const row: Consultation = {
    ...values,
    id,
    roomName: roomNameFor(id),
    standbyDeviceId: null,
    createdAt: new Date().toISOString(),
    answeredAt: values.status === 'active' ? new Date().toISOString() : null,
    endedAt: null,
    summaryDiagnosis: null,
    summaryAdvice: null,
  };
  await db.insertInto('consultations').values(row).execute();
  return row;
}
