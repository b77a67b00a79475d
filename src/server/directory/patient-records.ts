import type { PatientRecord } from '../../shared/directory/schemas.js';
import type { Db } from '../db/types.js';

/**
 * A resident's row with the people and places it names (family doctor and their organisation,
 * care home): written once, for the record, the record summary, the signed residents.
 */
export function patientRecords(db: Db) {
  return db
    .selectFrom('patients')
    .innerJoin('users as person', 'person.id', 'patients.userId')
    .innerJoin('users as doctor', 'doctor.id', 'patients.familyDoctorId')
    .innerJoin('organisations as doctorOrganisation', 'doctorOrganisation.id', 'doctor.organisationId')
    .leftJoin('organisations as careHome', 'careHome.id', 'patients.careHomeId')
    .select([
      'patients.userId as id',
      'person.displayName',
      'patients.birthDate',
      'patients.sex',
      'patients.address',
      'patients.conditions',
      'patients.allergies',
      'careHome.name as careHomeName',
      'patients.idCardSuffix',
      'doctor.id as doctorId',
      'doctor.displayName as doctorName',
      'doctor.title as doctorTitle',
      'doctorOrganisation.name as doctorOrganisationName',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof patientRecords>['execute']>>[number];
export type PatientRecordRow = Row;
export function toRecord(row: Row): PatientRecord {
  return {
    id: row.id,
    displayName: row.displayName,
    birthDate: row.birthDate,
    sex: row.sex,
    address: row.address,
    conditions: JSON.parse(row.conditions) as string[],
    allergies: JSON.parse(row.allergies) as string[],
    careHomeName: row.careHomeName,
    idCardSuffix: row.idCardSuffix,
    familyDoctor: {
      id: row.doctorId,
      displayName: row.doctorName,
      organisationName: row.doctorOrganisationName,
    },
  };
}
