/**
 * Entry by remote: what is asked for each measure, one number at a time on the number pad. Digits
 * only (a remote has no decimal point): a field with `tenths` reads its digits as tenths, so
 * 6 5 OK is 6.5 mmol/L and 3 6 5 is 36.5 °C. A field is complete at `length` digits and moves on
 * by itself, so a blood pressure of 142/88 is 1 4 2 8 8 OK.
 */
import type { Measure, ReadingValues } from '../../shared/readings/schemas.js';

export type FieldName = 'systolic' | 'diastolic' | 'glucose' | 'spo2' | 'weight' | 'temperature';

export interface EntryField {
  name: FieldName;
  unit: string;
  length: number;
  /** Digits are tenths (one decimal). */
  tenths: boolean;
  /** The plausible range, shown and checked (shared/readings/plausibility.ts decides). */
  min: number;
  max: number;
}

export const ENTRY_FIELDS: Record<Measure, EntryField[]> = {
  blood_pressure: [
    { name: 'systolic', unit: 'mmHg', length: 3, tenths: false, min: 60, max: 300 },
    { name: 'diastolic', unit: 'mmHg', length: 3, tenths: false, min: 30, max: 200 },
  ],
  glucose: [{ name: 'glucose', unit: 'mmol/L', length: 3, tenths: true, min: 1.1, max: 33.3 }],
  spo2: [{ name: 'spo2', unit: '%', length: 3, tenths: false, min: 50, max: 100 }],
  weight: [{ name: 'weight', unit: 'kg', length: 3, tenths: false, min: 20, max: 250 }],
  temperature: [{ name: 'temperature', unit: '°C', length: 3, tenths: true, min: 30, max: 45 }],
};

export const MEASURES: Measure[] = ['blood_pressure', 'glucose', 'spo2', 'weight', 'temperature'];

/** The number the digits mean for this field. */
export function fieldValue(field: EntryField, digits: string): number {
  const n = Number(digits);
  return field.tenths ? n / 10 : n;
}

/** How the digits read so far (6 5 → '6.5'). */
export function shownValue(field: EntryField, digits: string): string {
  if (!digits) return '';
  return field.tenths ? fieldValue(field, digits).toFixed(1) : String(Number(digits));
}

export type GlucoseContext = 'fasting' | 'after_meal' | 'random';

/** The reading's values from the entered numbers (every field of the measure entered). */
export function valuesOf(
  measure: Measure,
  entered: Partial<Record<FieldName, number>>,
  glucoseContext: GlucoseContext = 'random',
): ReadingValues {
  const n = (name: FieldName) => entered[name] as number;
  switch (measure) {
    case 'blood_pressure':
      return { measure, systolic: n('systolic'), diastolic: n('diastolic'), pulse: null };
    case 'glucose':
      return { measure, value: n('glucose'), context: glucoseContext };
    case 'spo2':
      return { measure, spo2: n('spo2'), pulse: null };
    case 'weight':
      return { measure, kg: n('weight'), heightM: null };
    case 'temperature':
      return { measure, celsius: n('temperature') };
  }
}

/** One line for a reading's values with units ('142/88 mmHg', '6.5 mmol/L'). */
export function valuesText(values: ReadingValues): string {
  const q = (v: unknown) => (typeof v === 'number' ? String(v) : '—');
  switch (values.measure) {
    case 'blood_pressure':
      return `${q(values.systolic)}/${q(values.diastolic)} mmHg${typeof values.pulse === 'number' ? ` · ${values.pulse}/min` : ''}`;
    case 'glucose':
      return typeof values.value === 'number'
        ? `${values.value.toFixed(1)} mmol/L`
        : 'meter' in values.value
          ? values.value.meter.toUpperCase()
          : '—';
    case 'spo2':
      return `${q(values.spo2)} %`;
    case 'weight':
      return `${q(values.kg)} kg`;
    case 'temperature':
      return typeof values.celsius === 'number' ? `${values.celsius.toFixed(1)} °C` : '—';
  }
}
