/**
 * The validated protocol of blood-pressure kiosks: rest first, three readings a minute apart, the
 * mean of the last two as the result, all three kept (ESH 2023 practice guideline for office and
 * unattended measurement; Chinese hypertension guideline 2018 §4.1: at least two readings 1-2 min
 * apart, averaged; public kiosks read 6-9 mmHg high on a single reading). Pure, shared by the
 * kiosk (which shows the result at once) and the API (which checks the result it is sent).
 */
import type { Reading, ReadingValues } from './schemas.js';

/** Quiet sitting before the first reading. */
export const SERIES_REST_MS = 60_000;
/** Between readings. */
export const SERIES_GAP_MS = 60_000;
/** Readings taken; the result is the mean of the last SERIES_AVERAGED. */
export const SERIES_READINGS = 3;
export const SERIES_AVERAGED = 2;

type BloodPressure = Extract<ReadingValues, { measure: 'blood_pressure' }>;

const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/**
 * The result of a series: the rounded mean of the last two readings' systolic, diastolic and
 * pulse (pulse only when both have one). Null when fewer than two usable numbers are given (a
 * special value cannot be averaged: the reading is taken again).
 */
export function seriesResult(parts: readonly ReadingValues[]): BloodPressure | null {
  const last = parts.slice(-SERIES_AVERAGED);
  if (parts.length < SERIES_READINGS || last.length < SERIES_AVERAGED) return null;
  const bp: BloodPressure[] = [];
  for (const p of last) {
    if (p.measure !== 'blood_pressure') return null;
    if (typeof p.systolic !== 'number' || typeof p.diastolic !== 'number') return null;
    bp.push(p);
  }
  const pulses = bp.map((p) => p.pulse).filter((v): v is number => typeof v === 'number');
  return {
    measure: 'blood_pressure',
    systolic: mean(bp.map((p) => p.systolic as number)),
    diastolic: mean(bp.map((p) => p.diastolic as number)),
    pulse: pulses.length === bp.length ? mean(pulses) : null,
  };
}

/** Counts for colours, trends and latest readings: active, and not one of a series' parts (its result counts). */
export function countsAsResult(reading: Pick<Reading, 'status' | 'series'>): boolean {
  return reading.status === 'active' && reading.series?.role !== 'part';
}
