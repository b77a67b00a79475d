import type { Selectable } from 'kysely';
import type { ReviewMedicine } from '../../shared/pharmacy/review-rules.js';
import type { Frequency, Medicine } from '../../shared/pharmacy/schemas.js';
import type { Db } from '../db/types.js';
import type { MedicineTable } from './tables.js';

export type MedicineRow = Selectable<MedicineTable>;

/** A catalogue row as the API shows it. */
export function medicineOf(row: MedicineRow): Medicine {
  return {
    id: row.id,
    genericNameZh: row.genericNameZh,
    genericNameEn: row.genericNameEn,
    brandNameZh: row.brandNameZh,
    brandNameEn: row.brandNameEn,
    strength: row.strength,
    form: row.form,
    route: row.route,
    doseUnit: row.doseUnit,
    packSize: row.packSize,
    insuranceCategory: row.insuranceCategory,
    priceFen: row.priceFen,
    pinyinInitials: row.pinyinInitials,
    pinyin: row.pinyin,
  };
}

/** A catalogue row as the review pre-screen reads it. */
export function reviewMedicineOf(row: MedicineRow): ReviewMedicine {
  return {
    id: row.id,
    genericNameZh: row.genericNameZh,
    form: row.form,
    route: row.route,
    doseUnit: row.doseUnit,
    therapeuticClass: row.therapeuticClass,
    indications: JSON.parse(row.indications) as string[],
    maxDailyUnits: row.maxDailyUnits,
    frequencies: JSON.parse(row.frequencies) as Frequency[],
    allergyGroups: JSON.parse(row.allergyGroups) as string[],
    divisible: row.divisible === 1,
  };
}

export async function medicinesById(db: Db, ids: readonly string[]): Promise<Map<string, MedicineRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('medicines')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
