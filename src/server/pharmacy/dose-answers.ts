/** Dose answers as the reminder rules read them, and as a TV merges them into its own. */
import type { Answer } from '../../shared/pharmacy/reminders.js';
import type { DoseAnswer } from '../../shared/pharmacy/schemas.js';
import type { Db } from '../db/types.js';
import { dosesOf, suppliesOf, type PrescriptionRow } from './prescriptions.js';

/** Answers per prescription and dose instant. */
export async function answersOf(db: Db, prescriptionIds: readonly string[], since: Date) {
  const map = new Map<string, Answer[]>();
  if (prescriptionIds.length === 0) return map;
  const rows = await db
    .selectFrom('doseAnswers')
    .select(['prescriptionId', 'scheduledAt', 'answer', 'answeredAt'])
    .where('prescriptionId', 'in', [...prescriptionIds])
    .where('scheduledAt', '>=', since.toISOString())
    .execute();
  for (const row of rows) {
    const key = `${row.prescriptionId} ${new Date(row.scheduledAt).getTime()}`;
    map.set(key, [...(map.get(key) ?? []), { answer: row.answer, at: new Date(row.answeredAt) }]);
  }
  return map;
}

export async function dosesWithAnswers(db: Db, rows: readonly PrescriptionRow[], from: Date, to: Date) {
  const { supplies } = await suppliesOf(
    db,
    rows.map((r) => r.id),
  );
  const answers = await answersOf(
    db,
    rows.map((r) => r.id),
    from,
  );
  return rows.map((row) => ({
    row,
    doses: dosesOf(row, supplies.get(row.id) ?? [], from, to),
    answersFor: (dose: Date) => answers.get(`${row.id} ${dose.getTime()}`) ?? [],
  }));
}

/** Every answer to the prescriptions' doses scheduled in [from, to), oldest dose first. */
export async function answersBetween(
  db: Db,
  prescriptionIds: readonly string[],
  from: Date,
  to: Date,
): Promise<DoseAnswer[]> {
  if (prescriptionIds.length === 0) return [];
  const rows = await db
    .selectFrom('doseAnswers')
    .select(['prescriptionId', 'scheduledAt', 'answer', 'answeredAt'])
    .where('prescriptionId', 'in', [...prescriptionIds])
    .where('scheduledAt', '>=', from.toISOString())
    .where('scheduledAt', '<', to.toISOString())
    .orderBy('scheduledAt')
    .execute();
  return rows.map((row) => ({
    prescriptionId: row.prescriptionId,
    scheduledAt: new Date(row.scheduledAt).toISOString(),
    answer: row.answer,
    answeredAt: new Date(row.answeredAt).toISOString(),
  }));
}
