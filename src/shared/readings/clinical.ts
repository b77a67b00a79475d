/**
 * Clinical classification of one reading: pure, table-driven, one function per measure. The
 * tables are the defaults of shared/design/clinical.md; a county may supply its own
 * (`ClinicalThresholds`). A result is a colour, a message key (the words, localised by the client)
 * and one advice key.
 */

export type Colour = 'green' | 'yellow' | 'red';
const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };
export const worstColour = (colours: readonly Colour[]): Colour =>
  colours.reduce<Colour>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'green');

export type AdviceKey =
  /** Red: contact the doctor today; the TV offers to call now. */
  | 'call_doctor_now'
  /** Yellow: measure again, and the doctor follows up within two weeks. */
  | 'recheck_follow_up'
  /** Yellow for a low glucose that is not yet urgent: eat something with sugar, measure again. */
  | 'eat_sugar_recheck'
  /** Yellow for weight: talk about diet and exercise at the next visit. */
  | 'lifestyle_follow_up'
  /** Green: carry on as you are. */
  | 'keep_going';

export type BloodPressureGrade = 'normal' | 'high_normal' | 'grade_1' | 'grade_2' | 'grade_3';

export type MessageKey =
  | `bp_${BloodPressureGrade}`
  | 'bp_home_above_target'
  | 'bp_home_in_target'
  | 'bp_low'
  | 'glucose_hypo_level_2'
  | 'glucose_hypo_level_1'
  | 'glucose_below_target'
  | 'glucose_in_target'
  | 'glucose_above_target'
  | 'glucose_very_high'
  | 'glucose_meter_hi'
  | 'glucose_meter_lo'
  | 'spo2_normal'
  | 'spo2_low'
  | 'spo2_very_low'
  | 'temperature_hypothermia'
  | 'temperature_low'
  | 'temperature_normal'
  | 'temperature_fever'
  | 'temperature_high_fever'
  | 'bmi_underweight'
  | 'bmi_normal'
  | 'bmi_overweight'
  | 'bmi_obese'
  | 'danger_symptoms';

export interface Classification {
  colour: Colour;
  messageKey: MessageKey;
  adviceKey: AdviceKey;
}

/** Where a blood pressure was taken: at home (or a self-service kiosk), or by staff (office). */
export type MeasurementSetting = 'home' | 'office';
export type GlucoseContext = 'fasting' | 'after_meal' | 'random';

export interface ClinicalThresholds {
  bloodPressure: {
    /**
     * 中国高血压防治指南 2018 (grades unchanged in 2024), office readings, mmHg. Each row is the
     * lower bound of a grade; the higher of the systolic and diastolic grades counts.
     */
    grades: { grade: BloodPressureGrade; systolicFrom: number; diastolicFrom: number }[];
    /** Same guideline: home readings' hypertension threshold and target, 135/85. */
    homeTarget: { systolic: number; diastolic: number };
    /** Office target 140/90 (the national standard for office diagnosis). */
    officeTarget: { systolic: number; diastolic: number };
    /** Urgent referral (国家基本公共卫生服务规范, hypertension): ≥180 and/or ≥110 is red. */
    urgent: { systolic: number; diastolic: number };
    /** Below this is low (hypotension, < 90/60 in common use): yellow, to be looked at. */
    low: { systolic: number; diastolic: number };
  };
  glucose: {
    /** 中国2型糖尿病防治指南 2020, capillary, mmol/L: fasting target 4.4-7.0. */
    fastingTarget: { from: number; below: number };
    /** Non-fasting (including 2 h after a meal): < 10.0. */
    nonFastingBelow: number;
    /** Hypoglycaemia < 3.9 (level 1 3.0 to < 3.9; level 2 < 3.0). */
    hypoBelow: number;
    hypoLevel2Below: number;
    /** Urgent referral (国家基本公共卫生服务规范, type 2 diabetes): ≥ 16.7 or ≤ 3.9 is red. */
    urgentFrom: number;
    urgentAtOrBelow: number;
  };
  /** WHO Pulse Oximetry Training Manual (2011): < 94 % needs assessment, < 90 % is an emergency. */
  spo2: { normalFrom: number; urgentBelow: number };
  /**
   * 诊断学 (人民卫生出版社, 9th ed.): fever from 37.3 °C, high fever from 39.1 °C; below 35.0 °C is
   * hypothermia. Axillary, °C.
   */
  temperature: { hypothermiaBelow: number; lowBelow: number; feverFrom: number; highFeverFrom: number };
  /** WS/T 428-2013 成人体重判定: < 18.5 underweight, 24.0 overweight, 28.0 obese (kg/m²). */
  bmi: { underweightBelow: number; overweightFrom: number; obeseFrom: number };
}

export const DEFAULT_THRESHOLDS: ClinicalThresholds = {
  bloodPressure: {
    grades: [
      { grade: 'grade_3', systolicFrom: 180, diastolicFrom: 110 },
      { grade: 'grade_2', systolicFrom: 160, diastolicFrom: 100 },
      { grade: 'grade_1', systolicFrom: 140, diastolicFrom: 90 },
      { grade: 'high_normal', systolicFrom: 120, diastolicFrom: 80 },
      { grade: 'normal', systolicFrom: 0, diastolicFrom: 0 },
    ],
    homeTarget: { systolic: 135, diastolic: 85 },
    officeTarget: { systolic: 140, diastolic: 90 },
    urgent: { systolic: 180, diastolic: 110 },
    low: { systolic: 90, diastolic: 60 },
  },
  glucose: {
    fastingTarget: { from: 4.4, below: 7.0 },
    nonFastingBelow: 10.0,
    hypoBelow: 3.9,
    hypoLevel2Below: 3.0,
    urgentFrom: 16.7,
    urgentAtOrBelow: 3.9,
  },
  spo2: { normalFrom: 95, urgentBelow: 90 },
  temperature: { hypothermiaBelow: 35.0, lowBelow: 36.0, feverFrom: 37.3, highFeverFrom: 39.1 },
  bmi: { underweightBelow: 18.5, overweightFrom: 24.0, obeseFrom: 28.0 },
};

const result = (colour: Colour, messageKey: MessageKey, adviceKey: AdviceKey): Classification => ({
  colour,
  messageKey,
  adviceKey,
});

/** The guideline grade of one reading: the higher of the systolic and the diastolic grade. */
export function bloodPressureGrade(
  systolic: number,
  diastolic: number,
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
): BloodPressureGrade {
  const row = t.bloodPressure.grades.find((g) => systolic >= g.systolicFrom || diastolic >= g.diastolicFrom);
  return row?.grade ?? 'normal';
}

/** Isolated systolic hypertension (单纯收缩期高血压): systolic ≥ 140 and diastolic < 90. */
export function isIsolatedSystolic(systolic: number, diastolic: number, t = DEFAULT_THRESHOLDS): boolean {
  const { officeTarget } = t.bloodPressure;
  return systolic >= officeTarget.systolic && diastolic < officeTarget.diastolic;
}

/**
 * One blood pressure. Red at the urgent-referral line (or danger symptoms); yellow above the
 * target for its setting (home 135/85, office 140/90) or below the low line; green otherwise.
 */
export function classifyBloodPressure(
  reading: { systolic: number; diastolic: number; setting: MeasurementSetting; dangerSymptoms?: boolean },
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Classification {
  const { systolic, diastolic, setting } = reading;
  const bp = t.bloodPressure;
  const grade = bloodPressureGrade(systolic, diastolic, t);
  if (reading.dangerSymptoms) return result('red', 'danger_symptoms', 'call_doctor_now');
  if (systolic >= bp.urgent.systolic || diastolic >= bp.urgent.diastolic) {
    return result('red', `bp_${grade}`, 'call_doctor_now');
  }
  if (systolic < bp.low.systolic || diastolic < bp.low.diastolic)
    return result('yellow', 'bp_low', 'recheck_follow_up');
  if (setting === 'home') {
    const above = systolic >= bp.homeTarget.systolic || diastolic >= bp.homeTarget.diastolic;
    // Home readings are judged against 135/85, but a grade 2 or 3 reading keeps its grade's words.
    if (grade === 'grade_2') return result('yellow', 'bp_grade_2', 'recheck_follow_up');
    return above
      ? result('yellow', 'bp_home_above_target', 'recheck_follow_up')
      : result('green', 'bp_home_in_target', 'keep_going');
  }
  const above = systolic >= bp.officeTarget.systolic || diastolic >= bp.officeTarget.diastolic;
  return result(above ? 'yellow' : 'green', `bp_${grade}`, above ? 'recheck_follow_up' : 'keep_going');
}

/** A glucose reading: a number in mmol/L, or the meter's HI/LO (never a number). */
export type GlucoseValue = { mmolPerL: number } | { meter: 'hi' | 'lo' };

/**
 * One glucose by its context. Red at the urgent-referral lines (≥ 16.7, ≤ 3.9) and for the meter's
 * HI/LO, which lie beyond them; yellow outside the context's target; green inside it.
 */
export function classifyGlucose(
  reading: { value: GlucoseValue; context: GlucoseContext; dangerSymptoms?: boolean },
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Classification {
  const g = t.glucose;
  if (reading.dangerSymptoms) return result('red', 'danger_symptoms', 'call_doctor_now');
  if ('meter' in reading.value) {
    return reading.value.meter === 'hi'
      ? result('red', 'glucose_meter_hi', 'call_doctor_now')
      : result('red', 'glucose_meter_lo', 'call_doctor_now');
  }
  const v = reading.value.mmolPerL;
  if (v < g.hypoLevel2Below) return result('red', 'glucose_hypo_level_2', 'call_doctor_now');
  if (v < g.hypoBelow) return result('red', 'glucose_hypo_level_1', 'call_doctor_now');
  if (v <= g.urgentAtOrBelow) return result('red', 'glucose_below_target', 'call_doctor_now');
  if (v >= g.urgentFrom) return result('red', 'glucose_very_high', 'call_doctor_now');
  if (reading.context === 'fasting') {
    if (v < g.fastingTarget.from) return result('yellow', 'glucose_below_target', 'eat_sugar_recheck');
    // clinical.md's colour table: fasting ≥ 7.0 is yellow (the 4.4-7.0 target excludes 7.0 here).
    if (v >= g.fastingTarget.below) return result('yellow', 'glucose_above_target', 'recheck_follow_up');
    return result('green', 'glucose_in_target', 'keep_going');
  }
  return v >= g.nonFastingBelow
    ? result('yellow', 'glucose_above_target', 'recheck_follow_up')
    : result('green', 'glucose_in_target', 'keep_going');
}

export function classifySpo2(spo2: number, t: ClinicalThresholds = DEFAULT_THRESHOLDS): Classification {
  if (spo2 < t.spo2.urgentBelow) return result('red', 'spo2_very_low', 'call_doctor_now');
  if (spo2 < t.spo2.normalFrom) return result('yellow', 'spo2_low', 'recheck_follow_up');
  return result('green', 'spo2_normal', 'keep_going');
}

export function classifyTemperature(
  celsius: number,
  t: ClinicalThresholds = DEFAULT_THRESHOLDS,
): Classification {
  const c = t.temperature;
  if (celsius < c.hypothermiaBelow) return result('red', 'temperature_hypothermia', 'call_doctor_now');
  if (celsius >= c.highFeverFrom) return result('red', 'temperature_high_fever', 'call_doctor_now');
  if (celsius >= c.feverFrom) return result('yellow', 'temperature_fever', 'recheck_follow_up');
  if (celsius < c.lowBelow) return result('yellow', 'temperature_low', 'recheck_follow_up');
  return result('green', 'temperature_normal', 'keep_going');
}

/** BMI = kg / m², to one decimal as the Chinese criteria tabulate it. */
export function bodyMassIndex(kg: number, metres: number): number {
  return Math.round((kg / (metres * metres)) * 10) / 10;
}

export function classifyBmi(bmi: number, t: ClinicalThresholds = DEFAULT_THRESHOLDS): Classification {
  const b = t.bmi;
  if (bmi < b.underweightBelow) return result('yellow', 'bmi_underweight', 'lifestyle_follow_up');
  if (bmi >= b.obeseFrom) return result('yellow', 'bmi_obese', 'lifestyle_follow_up');
  if (bmi >= b.overweightFrom) return result('yellow', 'bmi_overweight', 'lifestyle_follow_up');
  return result('green', 'bmi_normal', 'keep_going');
}

/** kPa → mmHg (1 kPa = 7.50062 mmHg), rounded to whole mmHg as cuffs display it. */
export const kpaToMmHg = (kpa: number): number => Math.round(kpa * 7.50062);
/** °F → °C to 0.1 °C. */
export const fahrenheitToCelsius = (f: number): number => Math.round((((f - 32) * 5) / 9) * 10) / 10;
/** lb → kg to 0.1 kg. */
export const poundsToKg = (lb: number): number => Math.round(lb * 0.45359237 * 10) / 10;
