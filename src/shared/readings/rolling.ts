/**
 * A resident's colour over time (分色管理, shared/design/clinical.md): red from a single reading,
 * yellow and green from rolling windows; and the numbers behind the trend sentence ('in the target
 * range on 5 of 7 days'). Pure functions over stored readings.
 */
import {
  bodyMassIndex,
  classifyBloodPressure,
  classifyBmi,
  classifyGlucose,
  classifySpo2,
  classifyTemperature,
  DEFAULT_THRESHOLDS,
  worstColour,
  type Classification,
  type ClinicalThresholds,
  type Colour,
} from './clinical.js';
import type { Measure, ReadingValues } from './schemas.js';

/** What the rolling rules need of a stored reading (withdrawn and corrected ones are left out before). */
export interface ReadingForRules {
  values: ReadingValues;
  takenAt: string;
  setting: 'home' | 'office';
  dangerSymptoms?: boolean;
}

/** Classifies any reading; null when its value is a device's special value (nothing to judge). */
export function classifyReading(
  reading: Pick<ReadingForRules, 'values' | 'setting' | 'dangerSymptoms'>,
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Classification | null {
  const v = reading.values;
  const danger = reading.dangerSymptoms ?? false;
  switch (v.measure) {
    case 'blood_pressure':
      if (typeof v.systolic !== 'number' || typeof v.diastolic !== 'number') return null;
      return classifyBloodPressure(
        { systolic: v.systolic, diastolic: v.diastolic, setting: reading.setting, dangerSymptoms: danger },
        t,
      );
    case 'glucose':
      if (typeof v.value === 'number') {
        return classifyGlucose(
          { value: { mmolPerL: v.value }, context: v.context, dangerSymptoms: danger },
          t,
        );
      }
      if ('meter' in v.value) {
        return classifyGlucose(
          { value: { meter: v.value.meter }, context: v.context, dangerSymptoms: danger },
          t,
        );
      }
      return null;
    case 'spo2':
      return typeof v.spo2 === 'number' ? classifySpo2(v.spo2, t) : null;
    case 'weight':
      return typeof v.kg === 'number' && v.heightM !== null
        ? classifyBmi(bodyMassIndex(v.kg, v.heightM), t)
        : null;
    case 'temperature':
      return typeof v.celsius === 'number' ? classifyTemperature(v.celsius, t) : null;
  }
}

export interface RollingRules {
  windowDays: number;
  /** A red reading keeps the resident red this long (contact the same day). */
  redHoldHours: number;
  /** Diabetes: out-of-target glucose on this many days of the window makes yellow. */
  glucoseDaysOutOfRange: number;
  /** Calendar days are counted in the deployment's zone (China: UTC+8). */
  utcOffsetMinutes: number;
}
export const DEFAULT_ROLLING: RollingRules = {
  windowDays: 7,
  redHoldHours: 24,
  glucoseDaysOutOfRange: 2,
  utcOffsetMinutes: 8 * 60,
};

export type ColourReason =
  | 'red_reading'
  | 'home_mean_above_target'
  | 'grade_2_reading'
  | 'glucose_out_of_range_days'
  | 'no_recent_reading'
  | 'in_target';

export interface ResidentColour {
  colour: Colour;
  reasons: ColourReason[];
  /** The 7-day home blood pressure mean, when there were home readings. */
  homeMean: { systolic: number; diastolic: number; count: number } | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The local calendar day of an instant, 'YYYY-MM-DD'. */
export function localDay(iso: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The measures a resident's conditions call for (hypertension: blood pressure; diabetes: glucose). */
export function measuresFor(conditions: readonly string[]): Measure[] {
  const measures: Measure[] = [];
  if (conditions.includes('hypertension')) measures.push('blood_pressure');
  if (conditions.some((c) => c.includes('diabetes'))) measures.push('glucose');
  return measures;
}

/**
 * The resident's colour now. Red: any reading red within `redHoldHours`. Yellow: the 7-day home
 * mean ≥ 135/85 or a grade 2 reading (hypertension); out-of-target glucose on 2 or more days
 * (diabetes); or no reading of a needed measure for 7 days. Green otherwise.
 */
export function residentColour(
  readings: readonly ReadingForRules[],
  conditions: readonly string[],
  now: number,
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
  rules: RollingRules = DEFAULT_ROLLING,
): ResidentColour {
  const windowStart = now - rules.windowDays * DAY_MS;
  const recent = readings.filter((r) => {
    const at = Date.parse(r.takenAt);
    return at >= windowStart && at <= now;
  });
  const reasons = new Set<ColourReason>();
  const colours: Colour[] = [];
  for (const r of recent) {
    const c = classifyReading(r, t);
    if (c?.colour === 'red' && Date.parse(r.takenAt) >= now - rules.redHoldHours * 3_600_000) {
      colours.push('red');
      reasons.add('red_reading');
    }
  }

  let homeMean: ResidentColour['homeMean'] = null;
  const pressures = recent.flatMap((r) =>
    r.values.measure === 'blood_pressure' &&
    typeof r.values.systolic === 'number' &&
    typeof r.values.diastolic === 'number'
      ? [{ systolic: r.values.systolic, diastolic: r.values.diastolic, setting: r.setting }]
      : [],
  );
  const home = pressures.filter((p) => p.setting === 'home');
  if (home.length > 0) {
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    homeMean = {
      systolic: mean(home.map((p) => p.systolic)),
      diastolic: mean(home.map((p) => p.diastolic)),
      count: home.length,
    };
    const target = t.bloodPressure.homeTarget;
    if (homeMean.systolic >= target.systolic || homeMean.diastolic >= target.diastolic) {
      colours.push('yellow');
      reasons.add('home_mean_above_target');
    }
  }
  const grade2 = t.bloodPressure.grades.find((g) => g.grade === 'grade_2');
  if (
    grade2 &&
    pressures.some((p) => p.systolic >= grade2.systolicFrom || p.diastolic >= grade2.diastolicFrom)
  ) {
    colours.push('yellow');
    reasons.add('grade_2_reading');
  }

  const glucoseDays = new Set<string>();
  for (const r of recent) {
    if (r.values.measure !== 'glucose') continue;
    const c = classifyReading(r, t);
    if (c && c.colour !== 'green') glucoseDays.add(localDay(r.takenAt, rules.utcOffsetMinutes));
  }
  if (glucoseDays.size >= rules.glucoseDaysOutOfRange) {
    colours.push('yellow');
    reasons.add('glucose_out_of_range_days');
  }

  for (const measure of measuresFor(conditions)) {
    if (!recent.some((r) => r.values.measure === measure)) {
      colours.push('yellow');
      reasons.add('no_recent_reading');
    }
  }
  const colour = worstColour(colours);
  if (colour === 'green') reasons.add('in_target');
  // Only the reasons of the colour shown: a red resident's yellow reasons would be noise.
  const shown = [...reasons].filter((reason) =>
    colour === 'red' ? reason === 'red_reading' : colour === 'green' || reason !== 'red_reading',
  );
  return { colour, reasons: shown, homeMean };
}

export interface TrendSummary {
  measure: Measure;
  days: number;
  /** Calendar days with at least one judged reading of this measure. */
  daysWithReadings: number;
  /** Of those, days on which every reading was green. */
  daysInRange: number;
  readings: number;
}

/** The numbers of the trend sentence: 'this week your blood pressure was in the target range on 5 of 7 days'. */
export function trendSummary(
  readings: readonly ReadingForRules[],
  measure: Measure,
  days: number,
  now: number,
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
  rules: RollingRules = DEFAULT_ROLLING,
): TrendSummary {
  const start = now - days * DAY_MS;
  const byDay = new Map<string, boolean>();
  let count = 0;
  for (const r of readings) {
    const at = Date.parse(r.takenAt);
    if (r.values.measure !== measure || at < start || at > now) continue;
    const c = classifyReading(r, t);
    if (!c) continue;
    count += 1;
    const day = localDay(r.takenAt, rules.utcOffsetMinutes);
    byDay.set(day, (byDay.get(day) ?? true) && c.colour === 'green');
  }
  return {
    measure,
    days,
    daysWithReadings: byDay.size,
    daysInRange: [...byDay.values()].filter(Boolean).length,
    readings: count,
  };
}
