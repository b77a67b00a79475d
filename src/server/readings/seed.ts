import { DEFAULT_THRESHOLDS } from '../../shared/readings/clinical.js';
import { classifyReading } from '../../shared/readings/rolling.js';
import type { ReadingValues } from '../../shared/readings/schemas.js';
import type { Db } from '../db/types.js';

/** Demo ID card suffixes (identification at a self-service kiosk, with the birth dates of the directory). */
const ID_CARD_SUFFIXES: Record<string, string> = {
  'res-wang-xiuying': '3426',
  'res-liu-changshan': '1015',
  'res-zhao-guilan': '2448',
  'res-sun-fugui': '0031',
  'res-qian-yumei': '562X',
};

const HOUR = 3_600_000;

/**
 * The demo county's readings: a week of home blood pressures and glucose, so the colour view has
 * one resident of each colour (王秀英 green, 刘长山 yellow, 赵桂兰 red, 孙富贵 no recent reading).
 */
const DEMO: { patientId: string; hoursAgo: number; values: ReadingValues }[] = [
  ...[2, 26, 50, 74, 98, 122].map((h, i) => ({
    patientId: 'res-wang-xiuying',
    hoursAgo: h,
    values: {
      measure: 'blood_pressure' as const,
      systolic: 126 + (i % 3) * 3,
      diastolic: 78 + (i % 2) * 2,
      pulse: 72,
    },
  })),
  ...[3, 27, 51, 75].map((h, i) => ({
    patientId: 'res-liu-changshan',
    hoursAgo: h,
    values: { measure: 'blood_pressure' as const, systolic: 142 + i * 2, diastolic: 88, pulse: 80 },
  })),
  ...[4, 28].map((h) => ({
    patientId: 'res-liu-changshan',
    hoursAgo: h,
    values: { measure: 'glucose' as const, value: 7.8, context: 'fasting' as const },
  })),
  {
    patientId: 'res-zhao-guilan',
    hoursAgo: 1,
    values: { measure: 'glucose', value: 17.2, context: 'after_meal' },
  },
  {
    patientId: 'res-zhao-guilan',
    hoursAgo: 25,
    values: { measure: 'glucose', value: 6.1, context: 'fasting' },
  },
  {
    patientId: 'res-qian-yumei',
    hoursAgo: 5,
    values: { measure: 'glucose', value: 5.9, context: 'fasting' },
  },
  {
    patientId: 'res-qian-yumei',
    hoursAgo: 30,
    values: { measure: 'glucose', value: 8.4, context: 'after_meal' },
  },
];

export async function seedReadings(db: Db, now = Date.now()): Promise<void> {
  for (const [userId, idCardSuffix] of Object.entries(ID_CARD_SUFFIXES)) {
    await db.updateTable('patients').set({ idCardSuffix }).where('userId', '=', userId).execute();
  }
  await db
    .insertInto('readings')
    .values(
      DEMO.map((d, i) => {
        const c = classifyReading({ values: d.values, setting: 'home' }, DEFAULT_THRESHOLDS);
        const at = new Date(now - d.hoursAgo * HOUR).toISOString();
        return {
          id: `seed-reading-${String(i).padStart(3, '0')}`,
          patientId: d.patientId,
          measure: d.values.measure,
          valuesJson: JSON.stringify(d.values),
          takenAt: at,
          receivedAt: at,
          source: 'manual' as const,
          setting: 'home' as const,
          deviceJson: null,
          naturalKey: null,
          consultationId: null,
          dangerSymptoms: 0,
          colour: c?.colour ?? null,
          messageKey: c?.messageKey ?? null,
          adviceKey: c?.adviceKey ?? null,
          status: 'active' as const,
          replacesId: null,
          authorId: d.patientId,
          bodyHash: `seed-${i}`,
          changedAt: null,
          seriesId: null,
          seriesRole: null,
          seriesIndex: null,
        };
      }),
    )
    .execute();
}
