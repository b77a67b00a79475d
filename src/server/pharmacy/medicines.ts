import type { Selectable } from 'kysely';
import type { ReviewMedicine } from '../../shared/pharmacy/review-rules.js';
import type { Frequency, Medicine, MedicineForm, PackPicture } from '../../shared/pharmacy/schemas.js';
import { CATALOGUE } from './catalogue.js';
import type { Db } from '../db/types.js';
import type { MedicineTable } from './tables.js';

export type MedicineRow = Selectable<MedicineTable>;

const PICTURE_OF_FORM: Readonly<Record<MedicineForm, PackPicture>> = {
  tablet: 'tablet_box',
  controlled_release_tablet: 'tablet_box',
  capsule: 'capsule_box',
  injection_pen: 'insulin_pen',
};
const PICTURED = new Set(CATALOGUE.map((m) => m.id));

/** The pack's picture: one per form for the county's catalogue; none for a medicine added outside it. */
export function packPictureOf(row: Pick<MedicineRow, 'id' | 'form'>): PackPicture | null {
  return PICTURED.has(row.id) ? PICTURE_OF_FORM[row.form] : null;
}

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
    picture: packPictureOf(row),
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
