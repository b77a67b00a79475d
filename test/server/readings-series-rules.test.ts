// The kiosk protocol's result, pure (shared/readings/series.ts): the rounded mean of readings 2 and
// 3, never of the first; no result without three readings, nor from a special value.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReadingValues } from '../../src/shared/readings/schemas.js';
import { countsAsResult, seriesResult } from '../../src/shared/readings/series.js';

const bp = (
  systolic: number | { special: 'nan' },
  diastolic: number,
  pulse: number | null = 70,
): ReadingValues => ({
  measure: 'blood_pressure',
  systolic,
  diastolic,
  pulse,
});

describe('series result', () => {
  test('the mean of the last two, rounded half up; the first reading never counts', () => {
    assert.deepEqual(seriesResult([bp(200, 120), bp(131, 83, 71), bp(126, 80, 74)]), {
      measure: 'blood_pressure',
      systolic: 129,
      diastolic: 82,
      pulse: 73,
    });
    assert.deepEqual(seriesResult([bp(100, 60), bp(140, 90), bp(140, 90)]), bp(140, 90));
  });

  test('no result before three readings', () => {
    assert.equal(seriesResult([bp(131, 83), bp(126, 80)]), null);
    assert.equal(seriesResult([]), null);
  });

  test('a special value in readings 2 or 3 gives no result; pulse only when both have one', () => {
    assert.equal(seriesResult([bp(130, 80), bp({ special: 'nan' }, 80), bp(126, 80)]), null);
    assert.notEqual(seriesResult([bp({ special: 'nan' }, 80), bp(130, 80), bp(126, 80)]), null);
    assert.equal(seriesResult([bp(130, 80), bp(130, 80, null), bp(126, 80)])?.pulse, null);
    const glucose: ReadingValues = { measure: 'glucose', value: 6.1, context: 'fasting' };
    assert.equal(seriesResult([bp(130, 80), glucose, bp(126, 80)]), null);
  });

  test('only the result of a series counts (and readings outside a series)', () => {
    assert.equal(countsAsResult({ status: 'active', series: null }), true);
    assert.equal(countsAsResult({ status: 'active', series: { id: 'series-1', role: 'result' } }), true);
    assert.equal(
      countsAsResult({ status: 'active', series: { id: 'series-1', role: 'part', index: 1 } }),
      false,
    );
    assert.equal(countsAsResult({ status: 'withdrawn', series: null }), false);
  });
});
