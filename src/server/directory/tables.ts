import type { Generated } from 'kysely';
import type { Role } from '../../shared/roles.js';

/** The county's places: the health commission, the lead hospital, township centres, village clinics, care homes, the cloud pharmacy. */
export type OrganisationKind =
  'county' | 'hospital' | 'health_centre' | 'village_clinic' | 'care_home' | 'pharmacy';

export interface OrganisationTable {
  id: string;
  kind: OrganisationKind;
  name: string;
  parentId: string | null;
}

export interface UserTable {
  id: string;
  role: Role;
  displayName: string;
  organisationId: string;
  /** e.g. 乡村医生, 主治医师 */
  title: string | null;
  /** Specialists' department, e.g. 心内科 */
  department: string | null;
  createdAt: string;
  /** Console sign-in (clinicians); null for residents and care-home staff. */
  username: string | null;
  passwordHash: string | null;
  /** Kiosk sign-in for care-home staff (role kiosk). */
  pinHash: string | null;
}

export interface PatientTable {
  userId: string;
  birthDate: string;
  sex: 'female' | 'male';
  familyDoctorId: string;
  careHomeId: string | null;
  address: string;
  /** JSON array of condition codes, e.g. ["hypertension","type2_diabetes"] */
  conditions: string;
  /** JSON array of allergy groups, e.g. ["sulfonamide"] (migration 0008: the pharmacy's pre-screen). */
  allergies: Generated<string>;
  /** The ID card's last 4 characters (identification at a self-service kiosk, with the birth date). */
  idCardSuffix: string | null;
}

export interface DirectoryTables {
  organisations: OrganisationTable;
  users: UserTable;
  patients: PatientTable;
}
