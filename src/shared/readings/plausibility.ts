/**
 * Plausibility of an entered or received value (shared/design/clinical.md): outside the limits it
 * is a typo or a bad frame, refused (not an alert); inside them but unusual, the author confirms
 * it first. A glucose beyond the meter's range is its HI/LO, stored as such, never as a number.
 */
import type { Quantity, ReadingValues } from './schemas.js';

interface Band {
  /** Refused outside [min, max]. */
  min: number;
  max: number;
  /** Needs confirmation outside [confirmMin, confirmMax]. */
  confirmMin: number;
  confirmMax: number;
}

export interface PlausibilityLimits {
  systolic: Band;
  diastolic: Band;
  pulse: Band;
  glucose: Band;
  spo2: Band;
  weight: Band;
  temperature: Band;
  /** Systolic minus diastolic below this asks for confirmation (e.g. 120/115 is usually a typo). */
  minPulsePressure: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilityLimits = {
  systolic: { min: 60, max: 300, confirmMin: 80, confirmMax: 230 },
  diastolic: { min: 30, max: 200, confirmMin: 40, confirmMax: 140 },
  pulse: { min: 30, max: 220, confirmMin: 40, confirmMax: 160 },
  glucose: { min: 1.1, max: 33.3, confirmMin: 2.2, confirmMax: 27.8 },
  spo2: { min: 50, max: 100, confirmMin: 80, confirmMax: 100 },
  weight: { min: 20, max: 250, confirmMin: 30, confirmMax: 180 },
  temperature: { min: 30, max: 45, confirmMin: 34, confirmMax: 41 },
  minPulsePressure: 15,
};

export type Plausibility =
  | { outcome: 'ok' }
  | { outcome: 'confirm'; field: string }
  | { outcome: 'refused'; field: string; reason: 'out_of_range' | 'diastolic_not_below_systolic' };

type Field = Exclude<keyof PlausibilityLimits, 'minPulsePressure'>;

function check(field: Field, value: Quantity | null, limits: PlausibilityLimits): Plausibility {
  if (value === null || typeof value !== 'number') return { outcome: 'ok' };
  const band = limits[field];
  if (value < band.min || value > band.max) return { outcome: 'refused', field, reason: 'out_of_range' };
  if (value < band.confirmMin || value > band.confirmMax) return { outcome: 'confirm', field };
  return { outcome: 'ok' };
}

/** The first refusal wins over any confirmation; special values (device NaN etc.) are not numbers to check. */
function combine(results: Plausibility[]): Plausibility {
  return (
    results.find((r) => r.outcome === 'refused') ??
    results.find((r) => r.outcome === 'confirm') ?? { outcome: 'ok' }
  );
}

export function checkPlausibility(
  values: ReadingValues,
  limits: PlausibilityLimits = DEFAULT_PLAUSIBILITY,
): Plausibility {
  switch (values.measure) {
    case 'blood_pressure': {
      const { systolic, diastolic } = values;
      const results = [
        check('systolic', systolic, limits),
        check('diastolic', diastolic, limits),
        check('pulse', values.pulse, limits),
      ];
      if (typeof systolic === 'number' && typeof diastolic === 'number') {
        if (diastolic >= systolic) {
          results.unshift({ outcome: 'refused', field: 'diastolic', reason: 'diastolic_not_below_systolic' });
        } else if (systolic - diastolic < limits.minPulsePressure) {
          results.push({ outcome: 'confirm', field: 'diastolic' });
        }
      }
      return combine(results);
    }
    case 'glucose':
      // A number outside 1.1-33.3 must come as the meter's HI/LO instead.
      return typeof values.value === 'number' ? check('glucose', values.value, limits) : { outcome: 'ok' };
    case 'spo2':
      return combine([check('spo2', values.spo2, limits), check('pulse', values.pulse, limits)]);
    case 'weight':
      return check('weight', values.kg, limits);
    case 'temperature':
      return check('temperature', values.celsius, limits);
  }
}
