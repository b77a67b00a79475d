/**
 * The family doctor's QR card (issue 14 §9): a 256-bit random secret printed as a QR code, of which
 * only the hash is stored (secrets.ts), one card in use per resident. A self-service kiosk that
 * reads it identifies the resident as the ID card's digits and birth date do (readings/visits.ts).
 */
import { randomUUID } from 'node:crypto';
import { cardContent } from '../../shared/identity/card-format.js';
import type { ResidentCardStatus } from '../../shared/identity/card-schemas.js';
import type { Db } from '../db/types.js';
import { hashSecret, newSecret } from './secrets.js';

/** The resident, where they live, their family doctor and the card in use, as the card prints them. */
export async function cardStatusOf(db: Db, patientId: string): Promise<ResidentCardStatus | null> {
  const row = await db
    .selectFrom('patients')
    .innerJoin('users as resident', 'resident.id', 'patients.userId')
    .innerJoin('organisations as home', (join) =>
      // A care home's residents belong to it; everyone else to their village clinic.
      join.on((eb) => eb('home.id', '=', eb.fn.coalesce('patients.careHomeId', 'resident.organisationId'))),
    )
    .innerJoin('users as doctor', 'doctor.id', 'patients.familyDoctorId')
    .leftJoin('careTeamMembers as team', (join) =>
      join
        .onRef('team.patientId', '=', 'patients.userId')
        .onRef('team.memberId', '=', 'patients.familyDoctorId'),
    )
    .select([
      'resident.id as residentId',
      'resident.displayName as residentName',
      'home.name as village',
      'doctor.id as doctorId',
      'doctor.displayName as doctorName',
      'team.phone as phone',
    ])
    .where('patients.userId', '=', patientId)
    .executeTakeFirst();
  if (!row) return null;
  const card = await db
    .selectFrom('residentCards')
    .innerJoin('users as issuer', 'issuer.id', 'residentCards.issuedBy')
    .select(['residentCards.issuedAt', 'issuer.id', 'issuer.displayName'])
    .where('residentCards.patientId', '=', patientId)
    .where('residentCards.revokedAt', 'is', null)
    .executeTakeFirst();
  return {
    resident: { id: row.residentId, displayName: row.residentName, village: row.village },
    familyDoctor: { id: row.doctorId, displayName: row.doctorName, phone: row.phone ?? null },
    card: card ? { issuedAt: card.issuedAt, issuedBy: { id: card.id, displayName: card.displayName } } : null,
  };
}

/** Issues a new card and revokes the one in use, in one transaction. Returns the QR code's content. */
export async function issueCard(db: Db, patientId: string, issuedBy: string): Promise<string> {
  const secret = newSecret();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await revokeCardIn(trx, patientId, issuedBy, now);
    await trx
      .insertInto('residentCards')
      .values({
        id: randomUUID(),
        patientId,
        secretHash: hashSecret(secret),
        issuedAt: now,
        issuedBy,
        revokedAt: null,
        revokedBy: null,
      })
      .execute();
  });
  return cardContent(secret);
}

/** Revokes the resident's card in use, if any; true when there was one. */
export async function revokeCard(db: Db, patientId: string, revokedBy: string): Promise<boolean> {
  return revokeCardIn(db, patientId, revokedBy, new Date().toISOString());
}

async function revokeCardIn(db: Db, patientId: string, revokedBy: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('residentCards')
    .set({ revokedAt: at, revokedBy })
    .where('patientId', '=', patientId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The card a scanned secret belongs to: its resident and whether it is still in use. */
export async function cardBySecret(
  db: Db,
  secret: string,
): Promise<{ patientId: string; displayName: string; revoked: boolean } | null> {
  const row = await db
    .selectFrom('residentCards')
    .innerJoin('users', 'users.id', 'residentCards.patientId')
    .select(['residentCards.patientId', 'users.displayName', 'residentCards.revokedAt'])
    .where('residentCards.secretHash', '=', hashSecret(secret))
    .executeTakeFirst();
  return row
    ? { patientId: row.patientId, displayName: row.displayName, revoked: row.revokedAt !== null }
    : null;
}
