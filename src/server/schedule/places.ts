import { townshipOf } from '../directory/area.js';
import type { Db } from '../db/types.js';

/** Where a resident's schedule happens: their village (or care home), their township, their doctors. */
export interface ResidentPlaces {
  /** The village clinic or care home the resident belongs to: where the mobile clinic comes. */
  villageId: string;
  townshipId: string | null;
  /** Whom they may book a video consultation with: the contracted family doctor and the team's doctors. */
  doctorIds: string[];
}

export async function residentPlaces(db: Db, patientId: string): Promise<ResidentPlaces | null> {
  const row = await db
    .selectFrom('patients')
    .innerJoin('users as resident', 'resident.id', 'patients.userId')
    .innerJoin('users as doctor', 'doctor.id', 'patients.familyDoctorId')
    .select([
      'resident.organisationId',
      'patients.careHomeId',
      'patients.familyDoctorId',
      'doctor.organisationId as doctorOrganisationId',
    ])
    .where('patients.userId', '=', patientId)
    .executeTakeFirst();
  if (!row) return null;
  const team = await db
    .selectFrom('careTeamMembers')
    .select('memberId')
    .where('patientId', '=', patientId)
    .where('teamRole', 'in', ['doctor', 'village-doctor'])
    .execute();
  return {
    villageId: row.careHomeId ?? row.organisationId,
    townshipId: await townshipOf(db, row.doctorOrganisationId),
    doctorIds: [...new Set([row.familyDoctorId, ...team.map((t) => t.memberId)])],
  };
}
