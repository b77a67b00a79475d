// Decoder vectors for the Bluetooth SIG health characteristics: the public ones from
// shared/design/ble-health-vectors.md and our own, worked out from the layouts: every flag
// combination, every special value, truncated, over-long and reserved frames.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BleDecodeError,
  decodeBleMeasurement,
  type BloodPressureMeasurement,
  type GlucoseMeasurement,
  type IntermediateCuffPressure,
  type PulseOximeterSpotCheck,
  type TemperatureMeasurement,
  type WeightMeasurement,
} from '../../src/shared/readings/ble-decode.js';
import { decodeFloat, decodeSfloat, measured, special } from '../../src/shared/readings/ble-numbers.js';
import { endsReport, parseRacpResponse, racp } from '../../src/shared/readings/racp.js';

const bytes = (text: string) =>
  Uint8Array.from(
    text
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const TIME = [0xe8, 0x07, 0x03, 0x0f, 0x08, 0x1e, 0x05]; // 2024-03-15 08:30:05
const TIME_LOCAL = '2024-03-15T08:30:05';

function throwsCode(fn: () => unknown, code: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BleDecodeError, `expected BleDecodeError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}
const bp = (b: Uint8Array) => decodeBleMeasurement(0x2a35, b) as BloodPressureMeasurement;

describe('SFLOAT and FLOAT', () => {
  test('the public SFLOAT examples', () => {
    const cases: [number, number][] = [
      [0x0002, 2],
      [0xf014, 2.0],
      [0xe0c8, 2.0],
      [0x1002, 20],
      [0x00c8, 200],
      [0x04d2, 1234],
      [0x0b2e, -1234],
      [0x0078, 120],
      [0xf0bd, 18.9],
      [0xf09f, 15.9],
    ];
    for (const [raw, value] of cases) assert.deepEqual(decodeSfloat(raw), measured(value), raw.toString(16));
  });
  test('SFLOAT exponent is two-s complement, not biased; extremes', () => {
    assert.deepEqual(decodeSfloat(0x8001), measured(1e-8));
    assert.deepEqual(decodeSfloat(0x7001), measured(1e7));
    assert.deepEqual(decodeSfloat(0x0fff), measured(-1));
    assert.deepEqual(decodeSfloat(0x07fd), measured(2045));
    assert.deepEqual(decodeSfloat(0x0803), measured(-2045));
    assert.deepEqual(decodeSfloat(0xf7fd), measured(204.5));
    assert.deepEqual(decodeSfloat(0x0000), measured(0));
  });
  test('every SFLOAT special value is a marker, never a number', () => {
    assert.deepEqual(decodeSfloat(0x07ff), special('nan'));
    assert.deepEqual(decodeSfloat(0x0800), special('nres'));
    assert.deepEqual(decodeSfloat(0x07fe), special('positive_infinity'));
    assert.deepEqual(decodeSfloat(0x0802), special('negative_infinity'));
    throwsCode(() => decodeSfloat(0x0801), 'reserved');
    // The special mantissas with a non-zero exponent are undefined: refused, not 2047 × 10^-1.
    for (const raw of [0xf7ff, 0x1800, 0xf7fe, 0x2802, 0xf801])
      throwsCode(() => decodeSfloat(raw), 'reserved');
  });
  test('FLOAT values and every special value', () => {
    assert.deepEqual(decodeFloat(0xff000014), measured(2.0));
    assert.deepEqual(decodeFloat(0xfe0000c8), measured(2.0));
    assert.deepEqual(decodeFloat(0xfe000eb0), measured(37.6));
    assert.deepEqual(decodeFloat(0x00ffffff), measured(-1));
    assert.deepEqual(decodeFloat(0x007fffff), special('nan'));
    assert.deepEqual(decodeFloat(0x00800000), special('nres'));
    assert.deepEqual(decodeFloat(0x007ffffe), special('positive_infinity'));
    assert.deepEqual(decodeFloat(0x00800002), special('negative_infinity'));
    throwsCode(() => decodeFloat(0x00800001), 'reserved');
    throwsCode(() => decodeFloat(0xff7fffff), 'reserved');
  });
});

describe('Blood Pressure Measurement 0x2A35', () => {
  test('public vector: mmHg, unknown year, pulse, user, four status bits', () => {
    const m = bp(bytes('1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00'));
    assert.equal(m.unit, 'mmHg');
    assert.deepEqual([m.systolic, m.diastolic, m.meanArterial], [measured(138), measured(88), measured(120)]);
    assert.deepEqual(m.deviceTime, {
      year: null,
      month: 4,
      day: 17,
      hours: 20,
      minutes: 41,
      seconds: 59,
      local: null,
    });
    assert.deepEqual(m.pulse, measured(60));
    assert.equal(m.userId, 1);
    assert.deepEqual(m.status, {
      bodyMovement: true,
      cuffTooLoose: true,
      irregularPulse: true,
      pulseRange: 'in_range',
      improperPosition: true,
      raw: 0x27,
    });
  });
  test('public vector: kPa with pulse and status (pulse below range)', () => {
    const m = bp(bytes('15 BD F0 0B 00 9F F0 3C 00 12 00'));
    assert.equal(m.unit, 'kPa');
    assert.deepEqual(
      [m.systolic, m.diastolic, m.meanArterial],
      [measured(18.9), measured(11), measured(15.9)],
    );
    assert.equal(m.deviceTime, null);
    assert.equal(m.userId, null);
    assert.equal(m.status?.cuffTooLoose, true);
    assert.equal(m.status?.pulseRange, 'below');
    assert.equal(m.status?.bodyMovement, false);
  });
  test('public vector: the minimal 7-byte frame', () => {
    const m = bp(bytes('00 BD F0 0B 00 9F F0'));
    assert.deepEqual(m.systolic, measured(18.9));
    assert.equal(m.unit, 'mmHg');
    assert.equal(m.pulse, null);
    assert.equal(m.status, null);
  });
  test('public invalid vectors: too short, timestamp flagged but missing', () => {
    throwsCode(() => bp(bytes('01 02 03 04 05 06')), 'truncated');
    throwsCode(() => bp(bytes('03 02 03 04 05 06 07')), 'truncated');
  });
  test('all 32 flag combinations decode with their fields, and refuse one byte less or more', () => {
    for (let flags = 0; flags < 32; flags++) {
      const frame = [flags, ...le16(0x0078), ...le16(0x0050), ...le16(0x005d)];
      if (flags & 0x02) frame.push(...TIME);
      if (flags & 0x04) frame.push(...le16(0x0048));
      if (flags & 0x08) frame.push(flags & 0x01 ? 0xff : 3);
      if (flags & 0x10) frame.push(...le16(0x000c));
      const m = bp(Uint8Array.from(frame));
      assert.equal(m.unit, flags & 0x01 ? 'kPa' : 'mmHg');
      assert.deepEqual(
        [m.systolic, m.diastolic, m.meanArterial],
        [measured(120), measured(80), measured(93)],
      );
      assert.equal(m.deviceTime?.local ?? null, flags & 0x02 ? TIME_LOCAL : null);
      assert.deepEqual(m.pulse, flags & 0x04 ? measured(72) : null);
      assert.equal(m.userId, flags & 0x08 && !(flags & 0x01) ? 3 : null);
      assert.deepEqual(
        m.status && [m.status.irregularPulse, m.status.pulseRange],
        flags & 0x10 ? [true, 'above'] : null,
      );
      throwsCode(() => bp(Uint8Array.from(frame.slice(0, -1))), 'truncated');
      throwsCode(() => bp(Uint8Array.from([...frame, 0])), 'malformed');
    }
  });
  test('every special value in every pressure and the pulse', () => {
    const specials: [number, string][] = [
      [0x07ff, 'nan'],
      [0x0800, 'nres'],
      [0x07fe, 'positive_infinity'],
      [0x0802, 'negative_infinity'],
    ];
    for (const [raw, name] of specials) {
      for (let field = 0; field < 4; field++) {
        const values = [0x0078, 0x0050, 0x005d, 0x0048];
        values[field] = raw;
        const frame = [0x04, ...values.slice(0, 3).flatMap(le16), ...le16(values[3]!)];
        const m = bp(Uint8Array.from(frame));
        const got = [m.systolic, m.diastolic, m.meanArterial, m.pulse!][field]!;
        assert.deepEqual(got, special(name as 'nan'), `${name} in field ${field}`);
        assert.equal(got.kind, 'special');
        assert.ok(!('value' in got));
      }
      throwsCode(() => bp(Uint8Array.from([0x00, ...le16(0x0801), 0x50, 0, 0x5d, 0])), 'reserved');
    }
  });
  test('reserved: flag bits 5-7, pulse range 3, impossible time fields', () => {
    for (const bit of [0x20, 0x40, 0x80])
      throwsCode(() => bp(Uint8Array.from([bit, 0x78, 0, 0x50, 0, 0x5d, 0])), 'reserved');
    throwsCode(() => bp(Uint8Array.from([0x10, 0x78, 0, 0x50, 0, 0x5d, 0, 0x18, 0])), 'reserved');
    for (const time of [
      [0xe8, 0x07, 13, 1, 0, 0, 0],
      [0xe8, 0x07, 1, 32, 0, 0, 0],
      [0xe8, 0x07, 1, 1, 24, 0, 0],
      [0xe8, 0x07, 1, 1, 0, 60, 0],
      [0xe8, 0x07, 1, 1, 0, 0, 60],
      [0x2d, 0x06, 1, 1, 0, 0, 0], // year 1581
    ]) {
      throwsCode(() => bp(Uint8Array.from([0x02, 0x78, 0, 0x50, 0, 0x5d, 0, ...time])), 'malformed');
    }
  });
  test('pulse ranges and the reserved status bits kept raw', () => {
    const status = (raw: number) =>
      bp(Uint8Array.from([0x10, 0x78, 0, 0x50, 0, 0x5d, 0, ...le16(raw)])).status!;
    assert.equal(status(0x00).pulseRange, 'in_range');
    assert.equal(status(0x08).pulseRange, 'above');
    assert.equal(status(0x10).pulseRange, 'below');
    assert.equal(status(0x8000).raw, 0x8000);
    assert.equal(status(0x20).improperPosition, true);
  });
  test('0x2A36 is a live cuff pressure only', () => {
    const m = decodeBleMeasurement(0x2a36, bytes('00 5A 00 FF 07 FF 07')) as IntermediateCuffPressure;
    assert.equal(m.kind, 'intermediate_cuff_pressure');
    assert.equal(m.liveOnly, true);
    assert.deepEqual(m.cuffPressure, measured(90));
    throwsCode(() => decodeBleMeasurement(0x2a36, bytes('00 5A 00 FF 07')), 'truncated');
  });
  test('an unknown characteristic is refused', () => {
    throwsCode(() => decodeBleMeasurement(0x2a37, bytes('00 48')), 'unsupported_characteristic');
  });
});

const glucose = (b: Uint8Array) => decodeBleMeasurement(0x2a18, b) as GlucoseMeasurement;
describe('Glucose Measurement 0x2A18', () => {
  test('public vector: offset, kg/L concentration, plasma at the finger, status 0x0105', () => {
    const m = glucose(bytes('1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01'));
    assert.equal(m.sequenceNumber, 1);
    assert.equal(m.baseTime.local, '2019-02-27T11:10:30');
    assert.equal(m.timeOffsetMinutes, -5);
    assert.equal(m.deviceTime.local, '2019-02-27T11:05:30');
    assert.deepEqual(m.concentration, { value: measured(30), unit: 'kg/L' });
    assert.equal(m.sampleType, 'capillary_plasma');
    assert.equal(m.sampleLocation, 'finger');
    assert.equal(m.sensorStatus?.batteryLow, true);
    assert.equal(m.sensorStatus?.sampleSizeInsufficient, true);
    assert.equal(m.sensorStatus?.temperatureTooLow, true);
    assert.equal(m.sensorStatus?.resultTooHigh, false);
    assert.equal(m.contextFollows, true);
    assert.equal(m.controlSolution, false);
  });
  test('public invalid vector: time offset flagged but missing', () => {
    throwsCode(() => glucose(bytes('1B 00 00 E2 07 04 1A 0B 09 1E 1E 00 12 05 01')), 'truncated');
  });
  test('kg/L and mol/L both reach mmol/L', () => {
    // 126 mg/dL = 0.00126 kg/L (mantissa 126, exponent -5) → 6.99 mmol/L; 7.0 mmol/L = 0.0070 mol/L.
    const kg = glucose(Uint8Array.from([0x02, 7, 0, ...TIME, ...le16(0xb07e), 0x11]));
    assert.deepEqual(kg.mmolPerL, measured(6.99));
    const mol = glucose(Uint8Array.from([0x06, 8, 0, ...TIME, ...le16(0xc046), 0x11]));
    assert.deepEqual(mol.concentration, { value: measured(0.007), unit: 'mol/L' });
    assert.deepEqual(mol.mmolPerL, measured(7));
  });
  test('all 32 flag combinations, one byte short or long refused', () => {
    for (let flags = 0; flags < 32; flags++) {
      const frame = [flags, ...le16(0x1234), ...TIME];
      if (flags & 0x01) frame.push(...le16(90));
      if (flags & 0x02) frame.push(...le16(0xc046), 0x11);
      if (flags & 0x08) frame.push(...le16(0x0001));
      const m = glucose(Uint8Array.from(frame));
      assert.equal(m.sequenceNumber, 0x1234);
      assert.equal(m.deviceTime.local, flags & 0x01 ? '2024-03-15T10:00:05' : TIME_LOCAL);
      assert.equal(m.concentration?.unit ?? null, flags & 0x02 ? (flags & 0x04 ? 'mol/L' : 'kg/L') : null);
      assert.equal(m.sampleType, flags & 0x02 ? 'capillary_whole_blood' : null);
      assert.equal(m.sensorStatus?.batteryLow ?? null, flags & 0x08 ? true : null);
      assert.equal(m.contextFollows, (flags & 0x10) !== 0);
      throwsCode(() => glucose(Uint8Array.from(frame.slice(0, -1))), 'truncated');
      throwsCode(() => glucose(Uint8Array.from([...frame, 0])), 'malformed');
    }
  });
  test('HI and LO are flags with a marker, never numbers; both at once is malformed', () => {
    const hi = glucose(Uint8Array.from([0x0e, 1, 0, ...TIME, ...le16(0x07fe), 0x11, ...le16(0x0020)]));
    assert.equal(hi.outOfRange, 'hi');
    assert.deepEqual(hi.mmolPerL, special('positive_infinity'));
    const lo = glucose(Uint8Array.from([0x0e, 1, 0, ...TIME, ...le16(0x07ff), 0x11, ...le16(0x0040)]));
    assert.equal(lo.outOfRange, 'lo');
    assert.deepEqual(lo.mmolPerL, special('nan'));
    throwsCode(() => glucose(Uint8Array.from([0x08, 1, 0, ...TIME, ...le16(0x0060)])), 'malformed');
  });
  test('every special concentration stays a marker', () => {
    for (const [raw, name] of [
      [0x07ff, 'nan'],
      [0x0800, 'nres'],
      [0x07fe, 'positive_infinity'],
      [0x0802, 'negative_infinity'],
    ] as const) {
      const m = glucose(Uint8Array.from([0x06, 1, 0, ...TIME, ...le16(raw), 0x11]));
      assert.deepEqual(m.concentration?.value, special(name));
      assert.deepEqual(m.mmolPerL, special(name));
    }
  });
  test('every sensor status bit by name', () => {
    const names = [
      'batteryLow',
      'sensorMalfunction',
      'sampleSizeInsufficient',
      'stripInsertionError',
      'stripTypeIncorrect',
      'resultTooHigh',
      'resultTooLow',
      'temperatureTooHigh',
      'temperatureTooLow',
      'readInterrupted',
      'generalDeviceFault',
      'timeFault',
    ] as const;
    names.forEach((name, bit) => {
      const m = glucose(Uint8Array.from([0x08, 1, 0, ...TIME, ...le16(1 << bit)]));
      for (const other of names) assert.equal(m.sensorStatus![other], other === name, `${name}/${other}`);
    });
  });
  test('control solution by type or by location is not clinical data', () => {
    const byType = glucose(Uint8Array.from([0x06, 1, 0, ...TIME, ...le16(0xc046), 0x1a]));
    assert.equal(byType.sampleType, 'control_solution');
    assert.equal(byType.controlSolution, true);
    const byLocation = glucose(Uint8Array.from([0x06, 1, 0, ...TIME, ...le16(0xc046), 0x42]));
    assert.equal(byLocation.sampleLocation, 'control_solution');
    assert.equal(byLocation.controlSolution, true);
    const na = glucose(Uint8Array.from([0x06, 1, 0, ...TIME, ...le16(0xc046), 0xf2]));
    assert.equal(na.sampleLocation, 'not_available');
  });
  test('reserved type, location and flag bits are refused', () => {
    for (const tl of [0x10, 0x1b, 0x1f, 0x01, 0x51, 0xe1]) {
      throwsCode(() => glucose(Uint8Array.from([0x06, 1, 0, ...TIME, ...le16(0xc046), tl])), 'reserved');
    }
    for (const bit of [0x20, 0x40, 0x80])
      throwsCode(() => glucose(Uint8Array.from([bit, 1, 0, ...TIME])), 'reserved');
  });
});

describe('RACP 0x2A52', () => {
  test('request builders', () => {
    assert.deepEqual([...racp.reportAll()], [0x01, 0x01]);
    assert.deepEqual([...racp.countAll()], [0x04, 0x01]);
    assert.deepEqual([...racp.reportFromSequence(0x0102)], [0x01, 0x03, 0x01, 0x02, 0x01]);
    assert.deepEqual([...racp.countFromSequence(65535)], [0x04, 0x03, 0x01, 0xff, 0xff]);
    assert.deepEqual([...racp.reportFirst()], [0x01, 0x05]);
    assert.deepEqual([...racp.reportLast()], [0x01, 0x06]);
    assert.deepEqual([...racp.abort()], [0x03, 0x00]);
    assert.throws(() => racp.reportFromSequence(65536), RangeError);
    assert.throws(() => racp.reportFromSequence(-1), RangeError);
    assert.throws(() => racp.reportFromSequence(1.5), RangeError);
  });
  test('responses: success, no records, count; malformed and reserved refused', () => {
    const success = parseRacpResponse(bytes('06 00 01 01'));
    assert.deepEqual(success, { kind: 'response', requestOpCode: 1, code: 'success' });
    assert.equal(endsReport(success), true);
    const none = parseRacpResponse(bytes('06 00 01 06'));
    assert.deepEqual(none, { kind: 'response', requestOpCode: 1, code: 'no_records_found' });
    assert.equal(endsReport(none), true);
    assert.deepEqual(parseRacpResponse(bytes('05 00 2A 01')), { kind: 'count', count: 298 });
    assert.equal(endsReport({ kind: 'count', count: 1 }), false);
    assert.equal(endsReport(parseRacpResponse(bytes('06 00 04 01'))), false);
    throwsCode(() => parseRacpResponse(bytes('06 00 01')), 'truncated');
    throwsCode(() => parseRacpResponse(bytes('05 00 01')), 'truncated');
    throwsCode(() => parseRacpResponse(bytes('06 00 01 01 00')), 'malformed');
    throwsCode(() => parseRacpResponse(bytes('06 01 01 01')), 'malformed');
    throwsCode(() => parseRacpResponse(bytes('01 00 01 01')), 'malformed');
    throwsCode(() => parseRacpResponse(bytes('06 00 01 0A')), 'reserved');
    throwsCode(() => parseRacpResponse(bytes('06 00 01 00')), 'reserved');
  });
});

const plx = (b: Uint8Array) => decodeBleMeasurement(0x2a5e, b) as PulseOximeterSpotCheck;
describe('PLX Spot-check 0x2A5E', () => {
  test('all 32 flag combinations', () => {
    for (let flags = 0; flags < 32; flags++) {
      const frame = [flags, ...le16(0x0062), ...le16(0x0048)];
      if (flags & 0x01) frame.push(...TIME);
      if (flags & 0x02) frame.push(...le16(1 << 7));
      if (flags & 0x04) frame.push(0x20, 0x00, 0x00);
      if (flags & 0x08) frame.push(...le16(0xf02d));
      const m = plx(Uint8Array.from(frame));
      assert.deepEqual([m.spo2, m.pulse], [measured(98), measured(72)]);
      assert.equal(m.deviceTime?.local ?? null, flags & 0x01 ? TIME_LOCAL : null);
      assert.deepEqual(m.measurementStatus, flags & 0x02 ? { flags: ['validatedData'], raw: 0x80 } : null);
      assert.deepEqual(
        m.deviceAndSensorStatus,
        flags & 0x04 ? { flags: ['lowPerfusionDetected'], raw: 0x20 } : null,
      );
      assert.deepEqual(m.pulseAmplitudeIndex, flags & 0x08 ? measured(4.5) : null);
      assert.equal(m.deviceClockNotSet, (flags & 0x10) !== 0);
      throwsCode(() => plx(Uint8Array.from(frame.slice(0, -1))), 'truncated');
      throwsCode(() => plx(Uint8Array.from([...frame, 0])), 'malformed');
    }
  });
  test('special values, reserved status bits and flags', () => {
    const m = plx(Uint8Array.from([0x00, ...le16(0x07ff), ...le16(0x0800)]));
    assert.deepEqual([m.spo2, m.pulse], [special('nan'), special('nres')]);
    throwsCode(() => plx(Uint8Array.from([0x02, 0x62, 0, 0x48, 0, 0x01, 0x00])), 'reserved');
    throwsCode(() => plx(Uint8Array.from([0x04, 0x62, 0, 0x48, 0, 0, 0, 0x01])), 'reserved');
    throwsCode(() => plx(Uint8Array.from([0x20, 0x62, 0, 0x48, 0])), 'reserved');
  });
});

const weight = (b: Uint8Array) => decodeBleMeasurement(0x2a9d, b) as WeightMeasurement;
describe('Weight Measurement 0x2A9D', () => {
  test('public vectors', () => {
    assert.deepEqual(weight(bytes('00 B0 36')).weight, measured(70));
    const timed = weight(bytes('02 B0 36 E7 07 0C 19 0E 1E 2D'));
    assert.deepEqual(timed.weight, measured(70));
    assert.equal(timed.deviceTime?.local, '2023-12-25T14:30:45');
  });
  test('all 16 flag combinations with BMI and height in both unit systems', () => {
    for (let flags = 0; flags < 16; flags++) {
      const frame = [flags, ...le16(flags & 0x01 ? 15432 : 14000)];
      if (flags & 0x02) frame.push(...TIME);
      if (flags & 0x04) frame.push(2);
      if (flags & 0x08) frame.push(...le16(242), ...le16(flags & 0x01 ? 669 : 1700));
      const m = weight(Uint8Array.from(frame));
      assert.deepEqual(m.weight, measured(flags & 0x01 ? 154.32 : 70));
      assert.equal(m.unit, flags & 0x01 ? 'lb' : 'kg');
      assert.equal(m.userId, flags & 0x04 ? 2 : null);
      assert.equal(m.bmi, flags & 0x08 ? 24.2 : null);
      assert.deepEqual(
        m.height,
        flags & 0x08 ? (flags & 0x01 ? { value: 66.9, unit: 'in' } : { value: 1.7, unit: 'm' }) : null,
      );
      throwsCode(() => weight(Uint8Array.from(frame.slice(0, -1))), 'truncated');
      throwsCode(() => weight(Uint8Array.from([...frame, 0])), 'malformed');
    }
  });
  test('0xFFFF is measurement unsuccessful, a marker; reserved flags refused', () => {
    assert.deepEqual(weight(bytes('00 FF FF')).weight, special('measurement_unsuccessful'));
    assert.deepEqual(weight(bytes('01 FF FF')).weight, special('measurement_unsuccessful'));
    for (const bit of [0x10, 0x20, 0x40, 0x80])
      throwsCode(() => weight(Uint8Array.from([bit, 0xb0, 0x36])), 'reserved');
    assert.equal(weight(bytes('04 B0 36 FF')).userId, null);
  });
});

const temperature = (b: Uint8Array) => decodeBleMeasurement(0x2a1c, b) as TemperatureMeasurement;
describe('Temperature Measurement 0x2A1C', () => {
  test('public vector and the same frame one byte short', () => {
    const m = temperature(bytes('06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04'));
    assert.deepEqual(m.temperature, measured(37.6));
    assert.equal(m.unit, 'Cel');
    assert.equal(m.deviceTime?.local, '2012-12-05T11:50:27');
    assert.equal(m.site, 'finger');
    throwsCode(() => temperature(bytes('06 B0 0E 00 FE DC 07 0C 05 0B 32 1B')), 'truncated');
  });
  test('all 8 flag combinations', () => {
    for (let flags = 0; flags < 8; flags++) {
      const frame = [flags, ...le32(flags & 0x01 ? 0xff0003d9 : 0xff000170)];
      if (flags & 0x02) frame.push(...TIME);
      if (flags & 0x04) frame.push(9);
      const m = temperature(Uint8Array.from(frame));
      assert.deepEqual(m.temperature, measured(flags & 0x01 ? 98.5 : 36.8));
      assert.equal(m.unit, flags & 0x01 ? 'degF' : 'Cel');
      assert.equal(m.site, flags & 0x04 ? 'tympanum' : null);
      throwsCode(() => temperature(Uint8Array.from(frame.slice(0, -1))), 'truncated');
      throwsCode(() => temperature(Uint8Array.from([...frame, 0])), 'malformed');
    }
  });
  test('every FLOAT special value; reserved sites and flags refused', () => {
    for (const [raw, name] of [
      [0x007fffff, 'nan'],
      [0x00800000, 'nres'],
      [0x007ffffe, 'positive_infinity'],
      [0x00800002, 'negative_infinity'],
    ] as const) {
      assert.deepEqual(temperature(Uint8Array.from([0x00, ...le32(raw)])).temperature, special(name));
    }
    throwsCode(() => temperature(Uint8Array.from([0x00, ...le32(0x00800001)])), 'reserved');
    for (const site of [0, 10, 255])
      throwsCode(() => temperature(Uint8Array.from([0x04, ...le32(0xff000170), site])), 'reserved');
    for (const bit of [0x08, 0x80])
      throwsCode(() => temperature(Uint8Array.from([bit, ...le32(0xff000170)])), 'reserved');
  });
});
