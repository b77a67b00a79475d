// Clinical classification at every boundary of shared/design/clinical.md's tables, the rolling
// window colour, the trend sentence's numbers and plausibility limits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bloodPressureGrade,
  bodyMassIndex,
  classifyBloodPressure,
  classifyBmi,
  classifyGlucose,
  classifySpo2,
  classifyTemperature,
  DEFAULT_THRESHOLDS,
  fahrenheitToCelsius,
  isIsolatedSystolic,
  kpaToMmHg,
  type ClinicalThresholds,
} from '../../src/shared/readings/clinical.js';
import { checkPlausibility } from '../../src/shared/readings/plausibility.js';
import {
  classifyReading,
  residentColour,
  trendSummary,
  type ReadingForRules,
} from '../../src/shared/readings/rolling.js';
import type { ReadingValues } from '../../src/shared/readings/schemas.js';

describe('blood pressure (中国高血压防治指南 2018/2024)', () => {
  test('grades at every boundary, the higher of the two counting', () => {
    const cases: [number, number, string][] = [
      [119, 79, 'normal'],
      [120, 79, 'high_normal'],
      [119, 80, 'high_normal'],
      [139, 89, 'high_normal'],
      [140, 70, 'grade_1'],
      [110, 90, 'grade_1'],
      [159, 99, 'grade_1'],
      [160, 80, 'grade_2'],
      [130, 100, 'grade_2'],
      [179, 109, 'grade_2'],
      [180, 60, 'grade_3'],
      [120, 110, 'grade_3'],
      [150, 105, 'grade_2'],
    ];
    for (const [s, d, grade] of cases) assert.equal(bloodPressureGrade(s, d), grade, `${s}/${d}`);
  });
  test('isolated systolic: ≥ 140 and < 90', () => {
    assert.equal(isIsolatedSystolic(140, 89), true);
    assert.equal(isIsolatedSystolic(139, 70), false);
    assert.equal(isIsolatedSystolic(160, 90), false);
  });
  test('office readings: green below 140/90, yellow from it, red from 180/110', () => {
    const c = (s: number, d: number) =>
      classifyBloodPressure({ systolic: s, diastolic: d, setting: 'office' });
    assert.deepEqual(c(139, 89), { colour: 'green', messageKey: 'bp_high_normal', adviceKey: 'keep_going' });
    assert.deepEqual(c(140, 80), {
      colour: 'yellow',
      messageKey: 'bp_grade_1',
      adviceKey: 'recheck_follow_up',
    });
    assert.equal(c(130, 90).colour, 'yellow');
    assert.equal(c(179, 109).colour, 'yellow');
    assert.deepEqual(c(180, 100), { colour: 'red', messageKey: 'bp_grade_3', adviceKey: 'call_doctor_now' });
    assert.equal(c(150, 110).colour, 'red');
    assert.equal(c(118, 76).messageKey, 'bp_normal');
  });
  test('home readings against 135/85', () => {
    const c = (s: number, d: number) => classifyBloodPressure({ systolic: s, diastolic: d, setting: 'home' });
    assert.deepEqual(c(134, 84), {
      colour: 'green',
      messageKey: 'bp_home_in_target',
      adviceKey: 'keep_going',
    });
    assert.equal(c(135, 70).colour, 'yellow');
    assert.equal(c(120, 85).messageKey, 'bp_home_above_target');
    assert.equal(c(165, 95).messageKey, 'bp_grade_2');
    assert.equal(c(180, 90).colour, 'red');
    assert.equal(c(120, 110).colour, 'red');
  });
  test('low pressure and danger symptoms', () => {
    assert.equal(
      classifyBloodPressure({ systolic: 89, diastolic: 60, setting: 'home' }).messageKey,
      'bp_low',
    );
    assert.equal(classifyBloodPressure({ systolic: 90, diastolic: 59, setting: 'office' }).colour, 'yellow');
    assert.equal(classifyBloodPressure({ systolic: 90, diastolic: 60, setting: 'office' }).colour, 'green');
    assert.deepEqual(
      classifyBloodPressure({ systolic: 120, diastolic: 75, setting: 'home', dangerSymptoms: true }),
      {
        colour: 'red',
        messageKey: 'danger_symptoms',
        adviceKey: 'call_doctor_now',
      },
    );
  });
  test('a deployment may set its own thresholds', () => {
    const county: ClinicalThresholds = {
      ...DEFAULT_THRESHOLDS,
      bloodPressure: { ...DEFAULT_THRESHOLDS.bloodPressure, homeTarget: { systolic: 130, diastolic: 80 } },
    };
    assert.equal(classifyBloodPressure({ systolic: 132, diastolic: 78, setting: 'home' }).colour, 'green');
    assert.equal(
      classifyBloodPressure({ systolic: 132, diastolic: 78, setting: 'home' }, county).colour,
      'yellow',
    );
  });
  test('kPa converts to whole mmHg', () => {
    assert.equal(kpaToMmHg(18.9), 142);
    assert.equal(kpaToMmHg(11), 83);
    assert.equal(fahrenheitToCelsius(98.6), 37);
  });
});

describe('glucose (中国2型糖尿病防治指南 2020)', () => {
  const g = (v: number, context: 'fasting' | 'after_meal' | 'random') =>
    classifyGlucose({ value: { mmolPerL: v }, context });
  test('hypoglycaemia levels and the urgent lines', () => {
    assert.deepEqual(g(2.9, 'fasting'), {
      colour: 'red',
      messageKey: 'glucose_hypo_level_2',
      adviceKey: 'call_doctor_now',
    });
    assert.equal(g(3.0, 'fasting').messageKey, 'glucose_hypo_level_1');
    assert.equal(g(3.8, 'random').messageKey, 'glucose_hypo_level_1');
    assert.equal(g(3.9, 'random').colour, 'red');
    assert.equal(g(4.0, 'random').colour, 'green');
    assert.equal(g(16.6, 'after_meal').colour, 'yellow');
    assert.deepEqual(g(16.7, 'after_meal'), {
      colour: 'red',
      messageKey: 'glucose_very_high',
      adviceKey: 'call_doctor_now',
    });
  });
  test('fasting target 4.4 to below 7.0', () => {
    assert.deepEqual(g(4.3, 'fasting'), {
      colour: 'yellow',
      messageKey: 'glucose_below_target',
      adviceKey: 'eat_sugar_recheck',
    });
    assert.equal(g(4.4, 'fasting').colour, 'green');
    assert.equal(g(6.9, 'fasting').colour, 'green');
    assert.equal(g(7.0, 'fasting').colour, 'yellow');
    assert.equal(g(7.0, 'after_meal').colour, 'green');
  });
  test('non-fasting below 10.0', () => {
    assert.equal(g(9.9, 'after_meal').colour, 'green');
    assert.equal(g(10.0, 'after_meal').colour, 'yellow');
    assert.equal(g(10.0, 'random').messageKey, 'glucose_above_target');
  });
  test('the meter HI/LO is red, never a number', () => {
    assert.equal(
      classifyGlucose({ value: { meter: 'hi' }, context: 'random' }).messageKey,
      'glucose_meter_hi',
    );
    assert.equal(classifyGlucose({ value: { meter: 'lo' }, context: 'fasting' }).colour, 'red');
  });
});

describe('SpO2, temperature, BMI', () => {
  test('SpO2 at 95 and 90', () => {
    assert.equal(classifySpo2(95).colour, 'green');
    assert.equal(classifySpo2(94).colour, 'yellow');
    assert.equal(classifySpo2(90).colour, 'yellow');
    assert.deepEqual(classifySpo2(89), {
      colour: 'red',
      messageKey: 'spo2_very_low',
      adviceKey: 'call_doctor_now',
    });
  });
  test('temperature at 35.0, 36.0, 37.3 and 39.1', () => {
    assert.equal(classifyTemperature(34.9).messageKey, 'temperature_hypothermia');
    assert.equal(classifyTemperature(35.0).messageKey, 'temperature_low');
    assert.equal(classifyTemperature(36.0).messageKey, 'temperature_normal');
    assert.equal(classifyTemperature(37.2).colour, 'green');
    assert.equal(classifyTemperature(37.3).messageKey, 'temperature_fever');
    assert.equal(classifyTemperature(39.0).colour, 'yellow');
    assert.equal(classifyTemperature(39.1).colour, 'red');
  });
  test('BMI by WS/T 428-2013', () => {
    assert.equal(bodyMassIndex(70, 1.7), 24.2);
    assert.equal(classifyBmi(18.4).messageKey, 'bmi_underweight');
    assert.equal(classifyBmi(18.5).messageKey, 'bmi_normal');
    assert.equal(classifyBmi(23.9).colour, 'green');
    assert.equal(classifyBmi(24.0).messageKey, 'bmi_overweight');
    assert.equal(classifyBmi(27.9).messageKey, 'bmi_overweight');
    assert.equal(classifyBmi(28.0).messageKey, 'bmi_obese');
  });
  test('special values are not judged', () => {
    const nan = { special: 'nan' as const };
    assert.equal(
      classifyReading({ values: { measure: 'spo2', spo2: nan, pulse: null }, setting: 'home' }),
      null,
    );
    assert.equal(
      classifyReading({
        values: { measure: 'blood_pressure', systolic: 120, diastolic: nan, pulse: null },
        setting: 'home',
      }),
      null,
    );
    assert.equal(
      classifyReading({ values: { measure: 'weight', kg: 70, heightM: null }, setting: 'home' }),
      null,
    );
    assert.equal(
      classifyReading({ values: { measure: 'weight', kg: 70, heightM: 1.7 }, setting: 'home' })?.messageKey,
      'bmi_overweight',
    );
  });
});

describe('plausibility', () => {
  const bp = (s: number, d: number, pulse: number | null = 70): ReadingValues => ({
    measure: 'blood_pressure',
    systolic: s,
    diastolic: d,
    pulse,
  });
  test('limits of clinical.md refuse, the band inside asks for confirmation', () => {
    assert.deepEqual(checkPlausibility(bp(59, 40)), {
      outcome: 'refused',
      field: 'systolic',
      reason: 'out_of_range',
    });
    assert.deepEqual(checkPlausibility(bp(60, 40)), { outcome: 'confirm', field: 'systolic' });
    assert.deepEqual(checkPlausibility(bp(300, 100)), { outcome: 'confirm', field: 'systolic' });
    assert.equal(checkPlausibility(bp(301, 100)).outcome, 'refused');
    assert.equal(checkPlausibility(bp(230, 100)).outcome, 'ok');
    assert.equal(checkPlausibility(bp(120, 29)).outcome, 'refused');
    assert.equal(checkPlausibility(bp(120, 80, 29)).outcome, 'refused');
    assert.equal(checkPlausibility(bp(120, 80, 221)).outcome, 'refused');
    assert.equal(checkPlausibility(bp(120, 80, 30)).outcome, 'confirm');
    assert.equal(checkPlausibility(bp(120, 80, null)).outcome, 'ok');
  });
  test('diastolic must be below systolic; a narrow gap asks', () => {
    assert.deepEqual(checkPlausibility(bp(120, 120)), {
      outcome: 'refused',
      field: 'diastolic',
      reason: 'diastolic_not_below_systolic',
    });
    assert.deepEqual(checkPlausibility(bp(120, 110)), { outcome: 'confirm', field: 'diastolic' });
    assert.equal(checkPlausibility(bp(120, 105)).outcome, 'ok');
  });
  test('glucose 1.1-33.3 as a number; beyond is HI/LO', () => {
    const glucose = (value: number | { meter: 'hi' | 'lo' }): ReadingValues => ({
      measure: 'glucose',
      value,
      context: 'random',
    });
    assert.equal(checkPlausibility(glucose(1.0)).outcome, 'refused');
    assert.equal(checkPlausibility(glucose(1.1)).outcome, 'confirm');
    assert.equal(checkPlausibility(glucose(33.3)).outcome, 'confirm');
    assert.equal(checkPlausibility(glucose(33.4)).outcome, 'refused');
    assert.equal(checkPlausibility(glucose(6.2)).outcome, 'ok');
    assert.equal(checkPlausibility(glucose({ meter: 'hi' })).outcome, 'ok');
  });
  test('SpO2, weight and temperature limits', () => {
    assert.equal(checkPlausibility({ measure: 'spo2', spo2: 49, pulse: null }).outcome, 'refused');
    assert.equal(checkPlausibility({ measure: 'spo2', spo2: 101, pulse: null }).outcome, 'refused');
    assert.equal(checkPlausibility({ measure: 'spo2', spo2: 79, pulse: null }).outcome, 'confirm');
    assert.equal(checkPlausibility({ measure: 'weight', kg: 19.9, heightM: null }).outcome, 'refused');
    assert.equal(checkPlausibility({ measure: 'weight', kg: 250, heightM: null }).outcome, 'confirm');
    assert.equal(checkPlausibility({ measure: 'temperature', celsius: 29.9 }).outcome, 'refused');
    assert.equal(checkPlausibility({ measure: 'temperature', celsius: 45.1 }).outcome, 'refused');
    assert.equal(checkPlausibility({ measure: 'temperature', celsius: 36.6 }).outcome, 'ok');
    assert.equal(checkPlausibility({ measure: 'temperature', celsius: { special: 'nres' } }).outcome, 'ok');
  });
});

describe('rolling colour and trend', () => {
  const NOW = Date.parse('2026-12-04T12:00:00Z');
  const hoursAgo = (h: number) => new Date(NOW - h * 3_600_000).toISOString();
  const bpAt = (h: number, s: number, d: number, setting: 'home' | 'office' = 'home'): ReadingForRules => ({
    values: { measure: 'blood_pressure', systolic: s, diastolic: d, pulse: null },
    takenAt: hoursAgo(h),
    setting,
  });
  const glucoseAt = (
    h: number,
    v: number,
    context: 'fasting' | 'after_meal' = 'fasting',
  ): ReadingForRules => ({
    values: { measure: 'glucose', value: v, context },
    takenAt: hoursAgo(h),
    setting: 'home',
  });
  test('the 7-day home mean against 135/85', () => {
    const green = residentColour([bpAt(2, 134, 80), bpAt(30, 130, 82)], ['hypertension'], NOW);
    assert.deepEqual(green, {
      colour: 'green',
      reasons: ['in_target'],
      homeMean: { systolic: 132, diastolic: 81, count: 2 },
    });
    const yellow = residentColour([bpAt(2, 140, 80), bpAt(30, 130, 82)], ['hypertension'], NOW);
    assert.equal(yellow.colour, 'yellow');
    assert.deepEqual(yellow.reasons, ['home_mean_above_target']);
    // A reading older than 7 days is out of the window.
    assert.equal(
      residentColour([bpAt(2, 130, 80), bpAt(24 * 7 + 1, 170, 100)], ['hypertension'], NOW).colour,
      'green',
    );
  });
  test('a grade 2 reading makes yellow; red holds 24 h from one reading', () => {
    assert.deepEqual(
      residentColour([bpAt(2, 120, 75), bpAt(5, 120, 75), bpAt(3, 100, 100, 'office')], ['hypertension'], NOW)
        .reasons,
      ['grade_2_reading'],
    );
    assert.deepEqual(residentColour([bpAt(23, 182, 95)], ['hypertension'], NOW).colour, 'red');
    assert.deepEqual(residentColour([bpAt(23, 182, 95)], ['hypertension'], NOW).reasons, ['red_reading']);
    assert.equal(
      residentColour([bpAt(25, 182, 95), bpAt(1, 120, 70)], ['hypertension'], NOW).colour,
      'yellow',
    );
  });
  test('glucose out of range on 2 days of 7 makes yellow, on 1 day not', () => {
    const one = [glucoseAt(2, 7.5), glucoseAt(3, 7.6), glucoseAt(30, 6.0)];
    assert.equal(residentColour(one, ['type2_diabetes'], NOW).colour, 'green');
    const two = [glucoseAt(2, 7.5), glucoseAt(30, 10.5, 'after_meal')];
    assert.deepEqual(residentColour(two, ['type2_diabetes'], NOW).reasons, ['glucose_out_of_range_days']);
    assert.equal(residentColour([glucoseAt(1, 3.5)], ['type2_diabetes'], NOW).colour, 'red');
  });
  test('no reading of a needed measure for 7 days is yellow', () => {
    assert.deepEqual(residentColour([], ['hypertension'], NOW).reasons, ['no_recent_reading']);
    assert.equal(
      residentColour([bpAt(2, 120, 75)], ['hypertension', 'type2_diabetes'], NOW).colour,
      'yellow',
    );
    assert.equal(residentColour([], [], NOW).colour, 'green');
  });
  test('days in range counted in local (UTC+8) days', () => {
    // 2026-12-04T12:00Z is 20:00 in China; 13 h ago is 07:00 the same local day.
    const readings = [bpAt(1, 120, 75), bpAt(13, 140, 80), bpAt(24, 120, 75), bpAt(48, 125, 80)];
    assert.deepEqual(trendSummary(readings, 'blood_pressure', 7, NOW), {
      measure: 'blood_pressure',
      days: 7,
      daysWithReadings: 3,
      daysInRange: 2,
      readings: 4,
    });
    assert.equal(trendSummary(readings, 'glucose', 7, NOW).daysWithReadings, 0);
  });
});
