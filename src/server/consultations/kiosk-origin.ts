/** Which kiosk asked for a consultation, in which visit: who joins its call and hears of its end. */
import type { KioskOrigin } from '../../shared/consultations/schemas.js';
import type { Db } from '../db/types.js';

/** The kiosk that asked for a consultation (through the queue), its care home and nurse; null: from home. */
export async function kioskOriginOf(db: Db, consultationId: string): Promise<KioskOrigin | null> {
  const row = await db
    .selectFrom('queueEntries')
    .innerJoin('devices as kiosk', 'kiosk.id', 'queueEntries.kioskId')
    .leftJoin('organisations as careHome', 'careHome.id', 'kiosk.careHomeId')
    .leftJoin('users as staff', 'staff.id', 'queueEntries.staffId')
    .select(['queueEntries.kioskId', 'queueEntries.staffId', 'careHome.name', 'staff.displayName'])
    .where('queueEntries.consultationId', '=', consultationId)
    .executeTakeFirst();
  if (!row?.kioskId) return null;
  return {
    deviceId: row.kioskId,
    careHomeName: row.name ?? '',
    staff: row.staffId ? { id: row.staffId, displayName: row.displayName ?? '' } : null,
  };
}

/**
 * Where the resident's side of a consultation hears of it (its end and summary): the kiosk that
 * asked for it, else the resident's own screens.
 */
export async function residentSideOf(
  db: Db,
  consultation: { id: string; patientId: string },
): Promise<string> {
  const entry = await kioskEntryOf(db, consultation.id);
  // A self-service visit that has ended left nothing at the kiosk: the next resident there must not
  // see this one's summary, which goes to the resident's own screens instead.
  if (!entry || (entry.visitId !== null && !entry.visitLive)) return consultation.patientId;
  return entry.kioskId;
}

/** The kiosk (device id) that asked for a consultation through the waiting room; null: not a kiosk's. */
export async function kioskThatAsked(db: Db, consultationId: string): Promise<string | null> {
  return (await kioskEntryOf(db, consultationId))?.kioskId ?? null;
}

/**
 * The kiosk that asked for a consultation, and the self-service visit it asked in (null: a nurse
 * asked) with whether that visit is still going on; undefined: not a kiosk's consultation.
 */
export async function kioskEntryOf(
  db: Db,
  consultationId: string,
): Promise<{ kioskId: string; visitId: string | null; visitLive: boolean } | undefined> {
  const row = await db
    .selectFrom('queueEntries')
    .leftJoin('kioskVisits', 'kioskVisits.id', 'queueEntries.visitId')
    .select(['queueEntries.kioskId', 'queueEntries.visitId', 'kioskVisits.endedAt', 'kioskVisits.expiresAt'])
    .where('queueEntries.consultationId', '=', consultationId)
    .where('queueEntries.kioskId', 'is not', null)
    .executeTakeFirst();
  if (!row?.kioskId) return undefined;
  const visitLive =
    row.endedAt === null && row.expiresAt !== null && row.expiresAt > new Date().toISOString();
  return { kioskId: row.kioskId, visitId: row.visitId, visitLive };
}
