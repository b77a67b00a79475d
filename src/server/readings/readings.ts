/**
 * Storing and reading health readings: once whatever the number of retries (idempotent by the
 * device-made id, and by the natural key for device records), corrections and withdrawals by the
 * author within a short window, kept in the history.
 */
import { hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { DEFAULT_THRESHOLDS, type ClinicalThresholds } from '../../shared/readings/clinical.js';
import { checkPlausibility } from '../../shared/readings/plausibility.js';
import { classifyReading } from '../../shared/readings/rolling.js';
import { SERIES_READINGS, seriesResult } from '../../shared/readings/series.js';
import type { Reading, ReadingDevice, ReadingInput, ReadingValues } from '../../shared/readings/schemas.js';
import { commitGroupOf } from '../db/group-commit.js';
import { precompiledQuery } from '../db/precompiled.js';
import type { Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { ReadingTable } from './tables.js';

export type ReadingRow = Selectable<ReadingTable>;

/** How long the author may still correct or withdraw a reading (a typo noticed at once). */
export const EDIT_WINDOW_MS = 10 * 60 * 1000;

/**
 * JSON with keys sorted, so that the same content always hashes the same. Stored readings keep
 * the hash of their body (bodyHash): this text must never change for the same input, or a retry of
 * a stored reading would be refused as a conflict (test/server/readings-ingest-rules.test.ts
 * pins it). Written as a loop: it runs twice per post.
 */
export function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  // sort() without a comparer orders by UTF-16 code units, as `a < b` does.
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonical(item)}`;
  }
  return `${text}}`;
}
export const hashOf = (value: unknown) => hash('sha256', canonical(value), 'base64url');

/**
 * The record's identity on its device: device, meter user, then the meter's sequence number or,
 * without one, its clock. A meter replaying its memory (RACP) under new ids maps to the same key.
 */
export function naturalKeyOf(measure: string, device: ReadingDevice | null): string | null {
  if (!device) return null;
  const record =
    device.sequenceNumber !== null
      ? `seq:${device.sequenceNumber}`
      : device.deviceTime
        ? `time:${device.deviceTime}`
        : null;
  return record ? `${device.id}|${measure}|user:${device.userId ?? '-'}|${record}` : null;
}

export function toReading(row: ReadingRow): Reading {
  return {
    id: row.id,
    patientId: row.patientId,
    values: JSON.parse(row.valuesJson) as ReadingValues,
    takenAt: row.takenAt,
    receivedAt: row.receivedAt,
    source: row.source,
    setting: row.setting,
    device: row.deviceJson ? (JSON.parse(row.deviceJson) as ReadingDevice) : null,
    consultationId: row.consultationId,
    colour: row.colour,
    messageKey: row.messageKey,
    adviceKey: row.adviceKey,
    status: row.status,
    replacesId: row.replacesId,
    authorId: row.authorId,
    series: seriesOf(row),
  };
}

function seriesOf(row: ReadingRow): Reading['series'] {
  if (row.seriesId === null) return null;
  return row.seriesRole === 'part'
    ? { id: row.seriesId, role: 'part', index: row.seriesIndex ?? 0 }
    : { id: row.seriesId, role: 'result' };
}

/**
 * A series' result must be the mean of its parts 2 and 3, already stored for the same resident
 * (the outbox sends in order): the API never keeps a 'mean' that its readings do not give.
 */
async function checkSeriesResult(db: Db, input: ReadingInput): Promise<void> {
  const series = input.series;
  if (series?.role !== 'result') return;
  const parts = await db
    .selectFrom('readings')
    .select(['valuesJson', 'seriesIndex'])
    .where('seriesId', '=', series.id)
    .where('seriesRole', '=', 'part')
    .where('patientId', '=', input.patientId)
    .orderBy('seriesIndex')
    .execute();
  const expected = seriesResult(parts.map((p) => JSON.parse(p.valuesJson) as ReadingValues));
  if (parts.length !== SERIES_READINGS || !expected || canonical(expected) !== canonical(input.values)) {
    throw new ApiError(
      400,
      'reading_series_mismatch',
      'A series result must be the mean of its stored readings 2 and 3 (three readings stored first).',
    );
  }
}

/** Refuses a typo (400 reading_implausible) and asks for confirmation of the unusual (400 reading_needs_confirmation). */
export function checkValues(values: ReadingValues, confirmed: boolean): void {
  const plausibility = checkPlausibility(values);
  if (plausibility.outcome === 'refused') {
    throw new ApiError(
      400,
      'reading_implausible',
      `${plausibility.field} is outside what can be measured (${plausibility.reason}): a typo or a bad frame.`,
    );
  }
  if (plausibility.outcome === 'confirm' && !confirmed) {
    throw new ApiError(
      400,
      'reading_needs_confirmation',
      `${plausibility.field} is unusual: send again with confirmed: true once the author has checked it.`,
    );
  }
}

export interface StoreResult {
  reading: Reading;
  /** False: this id (or this device record) was stored before; nothing changed. */
  created: boolean;
}

/**
 * A reading names a consultation only while it is in progress, and only one of its own patient's
 * (issue 14 item 7: live in the call). Another patient's answers like a missing one (404); a
 * consultation not in progress (booked, ringing, ended) is refused (409) and nothing is stored.
 */
/**
 * A reading attached to a consultation was taken during its call: the call is on, or it was on when
 * the reading was taken (a TV's or kiosk's outbox may deliver it after the end; it still belongs to
 * that call, and dropping it would lose a measurement).
 */
async function checkTakenInCall(db: Db, input: ReadingInput & { consultationId: string }): Promise<void> {
  const row = await db
    .selectFrom('consultations')
    .select(['status', 'answeredAt', 'endedAt'])
    .where('id', '=', input.consultationId)
    .where('patientId', '=', input.patientId)
    .executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found', 'No such consultation for this patient.');
  if (row.status === 'active') return;
  const takenAt = Date.parse(input.takenAt);
  const inCall =
    row.status === 'ended' &&
    row.answeredAt !== null &&
    row.endedAt !== null &&
    takenAt >= Date.parse(row.answeredAt) &&
    takenAt < Date.parse(row.endedAt);
  if (!inCall) {
    throw new ApiError(
      409,
      'conflict',
      `Consultation ${input.consultationId} was not in progress when the reading was taken (${row.status}).`,
    );
  }
}

const conflict = (what: string) =>
  new ApiError(
    409,
    'reading_conflict',
    `${what} was stored before with different content; it is not a retry.`,
  );

/**
 * Stores a reading once. The same id with the same body answers the stored reading again (a
 * retry); with another body 409 reading_conflict. A device record already stored under another id
 * (same natural key) answers the stored one when its values match, else 409.
 */
export async function storeReading(
  db: Db,
  input: ReadingInput,
  authorId: string,
  thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Promise<StoreResult> {
  checkValues(input.values, input.confirmed);
  await checkSeriesResult(db, input);
  const bodyHash = hashOf(input);
  if (input.consultationId) {
    // A retry of a reading stored while the call was on answers as any retry, even after the end.
    const known = await findReading(db, input.id);
    if (known && known.bodyHash === bodyHash) return { reading: toReading(known), created: false };
    await checkTakenInCall(db, { ...input, consultationId: input.consultationId });
  }
  const naturalKey = naturalKeyOf(input.values.measure, input.device);
  const classification = classifyReading(input, thresholds);
  const valuesJson = canonical(input.values);
  const row: ReadingRow = {
    id: input.id,
    patientId: input.patientId,
    measure: input.values.measure,
    valuesJson,
    takenAt: new Date(input.takenAt).toISOString(),
    receivedAt: new Date().toISOString(),
    source: input.source,
    setting: input.setting,
    deviceJson: input.device ? JSON.stringify(input.device) : null,
    naturalKey,
    consultationId: input.consultationId,
    dangerSymptoms: input.dangerSymptoms ? 1 : 0,
    colour: classification?.colour ?? null,
    messageKey: classification?.messageKey ?? null,
    adviceKey: classification?.adviceKey ?? null,
    status: 'active',
    replacesId: null,
    authorId,
    bodyHash,
    changedAt: null,
    seriesId: input.series?.id ?? null,
    seriesRole: input.series?.role ?? null,
    seriesIndex: input.series ? (input.series.role === 'part' ? input.series.index : 0) : null,
  };
  // Group commit (db/group-commit.ts): settles only after the batch's transaction has committed,
  // so the 201 follows a durable write; the insert and the idempotency look-ups run in one
  // savepoint, serialised with every other reading's.
  return commitGroupOf(db).run(async (trx): Promise<StoreResult> => {
    const inserted = await insertReading(db, row, trx);
    // Every column is given above (no defaults, no triggers): the stored row is `row`.
    if (Number(inserted.numAffectedRows ?? 0) === 1) return { reading: toReading(row), created: true };
    const byId = await findReading(trx, input.id);
    if (byId) {
      if (byId.bodyHash !== bodyHash) throw conflict(`Reading ${input.id}`);
      return { reading: toReading(byId), created: false };
    }
    const byKey = naturalKey
      ? await trx.selectFrom('readings').selectAll().where('naturalKey', '=', naturalKey).executeTakeFirst()
      : undefined;
    if (byKey && byKey.patientId === input.patientId && byKey.valuesJson === valuesJson) {
      return { reading: toReading(byKey), created: false };
    }
    throw conflict(`Device record ${naturalKey ?? '?'}`);
  });
}

/** Every column of a reading: the compiler checks that none is missing (the insert gives them all). */
const READING_COLUMNS = Object.keys({
  id: true,
  patientId: true,
  measure: true,
  valuesJson: true,
  takenAt: true,
  receivedAt: true,
  source: true,
  setting: true,
  deviceJson: true,
  naturalKey: true,
  consultationId: true,
  dangerSymptoms: true,
  colour: true,
  messageKey: true,
  adviceKey: true,
  status: true,
  replacesId: true,
  authorId: true,
  bodyHash: true,
  changedAt: true,
  seriesId: true,
  seriesRole: true,
  seriesIndex: true,
} satisfies Record<keyof ReadingRow, true>) as (keyof ReadingRow)[];

/** The ingest's insert, compiled once (db/precompiled.ts): building it each time showed in the profile. */
const insertReading = precompiledQuery<ReadingRow, never>(READING_COLUMNS, (db, row) =>
  db
    .insertInto('readings')
    .values(row)
    .onConflict((oc) => oc.doNothing()),
);

export function findReading(db: Db, id: string): Promise<ReadingRow | undefined> {
  return db.selectFrom('readings').selectAll().where('id', '=', id).executeTakeFirst();
}
async function findReadingOrThrow(db: Db, id: string): Promise<ReadingRow> {
  return db.selectFrom('readings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Only the author, only an active reading, only within the window. */
function checkEditable(row: ReadingRow, authorId: string, now: number): void {
  if (row.authorId !== authorId) {
    throw new ApiError(403, 'reading_not_editable', 'Only the person who entered a reading may change it.');
  }
  if (now - Date.parse(row.receivedAt) > EDIT_WINDOW_MS) {
    throw new ApiError(403, 'reading_not_editable', 'A reading can be changed only in the first 10 minutes.');
  }
  // A series' result is the mean of its parts: changing one alone would make it untrue.
  if (row.seriesId !== null) {
    throw new ApiError(403, 'reading_not_editable', 'A kiosk series is measured again, not edited.');
  }
}

/**
 * Replaces a reading with a corrected one (a new id made by the device). Both stay: the old one
 * marked corrected, the new one naming it. Repeating the same correction is a retry.
 */
export async function correctReading(
  db: Db,
  original: ReadingRow,
  correction: { id: string; values: ReadingValues; confirmed: boolean },
  authorId: string,
  now = Date.now(),
  thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Promise<StoreResult> {
  if (correction.values.measure !== original.measure) {
    throw new ApiError(
      400,
      'validation_failed',
      'A correction measures the same thing as the reading it corrects.',
    );
  }
  const bodyHash = hashOf({ replaces: original.id, ...correction });
  const existing = await findReading(db, correction.id);
  if (existing) {
    if (existing.bodyHash !== bodyHash) throw conflict(`Reading ${correction.id}`);
    return { reading: toReading(existing), created: false };
  }
  checkEditable(original, authorId, now);
  checkValues(correction.values, correction.confirmed);
  const setting = original.setting;
  const classification = classifyReading(
    { values: correction.values, setting, dangerSymptoms: original.dangerSymptoms === 1 },
    thresholds,
  );
  const at = new Date(now).toISOString();
  const created = await db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('readings')
      .set({ status: 'corrected', changedAt: at })
      .where('id', '=', original.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('readings')
      .values({
        ...original,
        id: correction.id,
        valuesJson: canonical(correction.values),
        receivedAt: at,
        naturalKey: null,
        colour: classification?.colour ?? null,
        messageKey: classification?.messageKey ?? null,
        adviceKey: classification?.adviceKey ?? null,
        status: 'active',
        replacesId: original.id,
        bodyHash,
        changedAt: null,
      })
      .execute();
    return true;
  });
  if (!created)
    throw new ApiError(409, 'reading_not_editable', 'This reading was already corrected or withdrawn.');
  return { reading: toReading(await findReadingOrThrow(db, correction.id)), created: true };
}

/** Withdraws a reading (entered by mistake): it stays in the history, marked withdrawn. Idempotent. */
export async function withdrawReading(
  db: Db,
  row: ReadingRow,
  authorId: string,
  now = Date.now(),
): Promise<Reading> {
  if (row.status === 'withdrawn' && row.authorId === authorId) return toReading(row);
  checkEditable(row, authorId, now);
  const result = await db
    .updateTable('readings')
    .set({ status: 'withdrawn', changedAt: new Date(now).toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const updated = await findReadingOrThrow(db, row.id);
  if (Number(result.numUpdatedRows) !== 1 && updated.status !== 'withdrawn') {
    throw new ApiError(409, 'reading_not_editable', 'This reading was already corrected.');
  }
  return toReading(updated);
}

/** A patient's readings since a time, every status (the history shows corrections), newest first. */
export async function readingsOf(db: Db, patientId: string, sinceIso: string): Promise<Reading[]> {
  const rows = await db
    .selectFrom('readings')
    .selectAll()
    .where('patientId', '=', patientId)
    .where('takenAt', '>=', sinceIso)
    .orderBy('takenAt', 'desc')
    .execute();
  return rows.map(toReading);
}

/** Readings taken during a consultation (shown on the doctor's call screen and in its summary). */
export async function readingsOfConsultation(db: Db, consultationId: string): Promise<Reading[]> {
  const rows = await db
    .selectFrom('readings')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .orderBy('takenAt')
    .execute();
  return rows.map(toReading);
}

/** Active readings of several patients since a time (colour view, queue). */
export async function activeReadingsOf(
  db: Db,
  patientIds: readonly string[],
  sinceIso: string,
): Promise<Reading[]> {
  if (patientIds.length === 0) return [];
  const rows = await db
    .selectFrom('readings')
    .selectAll()
    .where('patientId', 'in', patientIds)
    .where('status', '=', 'active')
    // A series' parts are kept but never counted: its result stands for them.
    .where((eb) => eb.or([eb('seriesRole', 'is', null), eb('seriesRole', '!=', 'part')]))
    .where('takenAt', '>=', sinceIso)
    .orderBy('takenAt', 'desc')
    .execute();
  return rows.map(toReading);
}
