/**
 * `decodeBleMeasurement`: the one entry point that turns a Bluetooth SIG health characteristic's
 * value into a typed measurement, or throws a BleDecodeError. Layouts: GATT Specification
 * Supplement and the service specifications (BLS 1.1, GLS 1.0, PLXS 1.0, WSS 1.0, HTS 1.0);
 * see ../../../../shared/design/ble-health-vectors.md (in the shared design folder).
 */
import {
  addMinutes,
  BleDecodeError,
  checkReservedFlags,
  FrameReader,
  measured,
  special,
  type Measured,
} from './ble-numbers.js';
import {
  BLE_CHARACTERISTICS,
  type BloodPressureStatus,
  type BloodPressureMeasurement,
  type IntermediateCuffPressure,
  GLUCOSE_SAMPLE_TYPES,
  type GlucoseSampleType,
  GLUCOSE_LOCATIONS,
  type GlucoseLocation,
  GLUCOSE_SENSOR_STATUS_BITS,
  type GlucoseSensorStatus,
  type GlucoseMeasurement,
  PLX_MEASUREMENT_STATUS_BITS,
  PLX_DEVICE_STATUS_BITS,
  type PulseOximeterSpotCheck,
  type WeightMeasurement,
  TEMPERATURE_SITES,
  type TemperatureSite,
  type TemperatureMeasurement,
  type BleMeasurement,
} from './ble-types.js';

/** A frame's length from its flags: the fixed part plus each flagged field's size. */
function lengthOf(flags: number, fixed: number, optional: [bit: number, size: number][]): number {
  return optional.reduce((total, [bit, size]) => (flags & bit ? total + size : total), fixed);
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

function userIdOf(raw: number): number | null {
  return raw === 0xff ? null : raw;
}

function bloodPressureStatus(raw: number): BloodPressureStatus {
  const range = (raw >> 3) & 0x3;
  if (range === 3)
    throw new BleDecodeError('reserved', 'Blood pressure status: pulse range value 3 is reserved');
  return {
    bodyMovement: (raw & 0x01) !== 0,
    cuffTooLoose: (raw & 0x02) !== 0,
    irregularPulse: (raw & 0x04) !== 0,
    pulseRange: range === 0 ? 'in_range' : range === 1 ? 'above' : 'below',
    improperPosition: (raw & 0x20) !== 0,
    raw,
  };
}

/** 0x2A35 and 0x2A36 share one layout (BLS 1.1 §3.1 and §3.2). */
function decodeBloodPressure(bytes: Uint8Array, intermediate: boolean) {
  const what = intermediate ? 'Intermediate Cuff Pressure' : 'Blood Pressure Measurement';
  const r = new FrameReader(bytes, what);
  const flags = r.u8('flags');
  checkReservedFlags(what, flags, 0x1f);
  r.expectLength(
    lengthOf(flags, 7, [
      [0x02, 7],
      [0x04, 2],
      [0x08, 1],
      [0x10, 2],
    ]),
  );
  const first = r.sfloat('systolic');
  const diastolic = r.sfloat('diastolic');
  const meanArterial = r.sfloat('mean arterial pressure');
  const deviceTime = flags & 0x02 ? r.dateTime('time stamp') : null;
  const pulse = flags & 0x04 ? r.sfloat('pulse rate') : null;
  const userId = flags & 0x08 ? userIdOf(r.u8('user id')) : null;
  const status = flags & 0x10 ? bloodPressureStatus(r.u16('measurement status')) : null;
  r.end();
  const unit = flags & 0x01 ? ('kPa' as const) : ('mmHg' as const);
  if (intermediate) {
    const live: IntermediateCuffPressure = {
      kind: 'intermediate_cuff_pressure',
      liveOnly: true,
      unit,
      cuffPressure: first,
      deviceTime,
      pulse,
      userId,
      status,
    };
    return live;
  }
  const reading: BloodPressureMeasurement = {
    kind: 'blood_pressure',
    unit,
    systolic: first,
    diastolic,
    meanArterial,
    deviceTime,
    pulse,
    userId,
    status,
  };
  return reading;
}

/** mg/dL per mmol/L for glucose (molar mass 180.16 g/mol). */
export const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;

function glucoseInMmol(value: Measured, unit: 'kg/L' | 'mol/L'): Measured {
  if (value.kind === 'special') return value;
  // kg/L × 100 000 = mg/dL; mol/L × 1000 = mmol/L. Rounded to 0.01 mmol/L: finer than any meter.
  const mmol = unit === 'mol/L' ? value.value * 1000 : (value.value * 100000) / GLUCOSE_MG_DL_PER_MMOL_L;
  return measured(Math.round(mmol * 100) / 100);
}

function decodeGlucose(bytes: Uint8Array): GlucoseMeasurement {
  const what = 'Glucose Measurement';
  const r = new FrameReader(bytes, what);
  const flags = r.u8('flags');
  checkReservedFlags(what, flags, 0x1f);
  r.expectLength(
    lengthOf(flags, 10, [
      [0x01, 2],
      [0x02, 3],
      [0x08, 2],
    ]),
  );
  const sequenceNumber = r.u16('sequence number');
  const baseTime = r.dateTime('base time');
  const timeOffsetMinutes = flags & 0x01 ? r.s16('time offset') : 0;
  let concentration: GlucoseMeasurement['concentration'] = null;
  let sampleType: GlucoseSampleType | null = null;
  let sampleLocation: GlucoseLocation | null = null;
  if (flags & 0x02) {
    const unit = flags & 0x04 ? ('mol/L' as const) : ('kg/L' as const);
    concentration = { value: r.sfloat('concentration'), unit };
    const typeAndLocation = r.u8('type and sample location');
    sampleType = GLUCOSE_SAMPLE_TYPES[typeAndLocation & 0x0f] ?? null;
    sampleLocation = GLUCOSE_LOCATIONS[typeAndLocation >> 4] ?? null;
    if (sampleType === null || sampleLocation === null) {
      throw new BleDecodeError(
        'reserved',
        `${what}: type/location byte 0x${typeAndLocation.toString(16)} uses a reserved value`,
      );
    }
  }
  let sensorStatus: GlucoseSensorStatus | null = null;
  if (flags & 0x08) {
    const raw = r.u16('sensor status annunciation');
    const named = Object.fromEntries(
      GLUCOSE_SENSOR_STATUS_BITS.map((name, bit) => [name, (raw & (1 << bit)) !== 0]),
    ) as Record<(typeof GLUCOSE_SENSOR_STATUS_BITS)[number], boolean>;
    sensorStatus = { ...named, raw };
  }
  r.end();
  const hi = sensorStatus?.resultTooHigh ?? false;
  const lo = sensorStatus?.resultTooLow ?? false;
  if (hi && lo) throw new BleDecodeError('malformed', `${what}: result both too high and too low`);
  return {
    kind: 'glucose',
    sequenceNumber,
    deviceTime: addMinutes(baseTime, timeOffsetMinutes),
    baseTime,
    timeOffsetMinutes,
    concentration,
    mmolPerL: concentration ? glucoseInMmol(concentration.value, concentration.unit) : null,
    sampleType,
    sampleLocation,
    controlSolution: sampleType === 'control_solution' || sampleLocation === 'control_solution',
    outOfRange: hi ? 'hi' : lo ? 'lo' : null,
    sensorStatus,
    contextFollows: (flags & 0x10) !== 0,
  };
}

function namedBits(raw: number, names: Record<number, string>, reservedMask: number, what: string) {
  if (raw & reservedMask) {
    throw new BleDecodeError(
      'reserved',
      `${what}: reserved bits 0x${(raw & reservedMask).toString(16)} are set`,
    );
  }
  const flags = Object.entries(names)
    .filter(([bit]) => (raw & (1 << Number(bit))) !== 0)
    .map(([, name]) => name);
  return { flags, raw };
}

function decodePlxSpotCheck(bytes: Uint8Array): PulseOximeterSpotCheck {
  const what = 'PLX Spot-check Measurement';
  const r = new FrameReader(bytes, what);
  const flags = r.u8('flags');
  checkReservedFlags(what, flags, 0x1f);
  r.expectLength(
    lengthOf(flags, 5, [
      [0x01, 7],
      [0x02, 2],
      [0x04, 3],
      [0x08, 2],
    ]),
  );
  const spo2 = r.sfloat('SpO2');
  const pulse = r.sfloat('pulse rate');
  const deviceTime = flags & 0x01 ? r.dateTime('time stamp') : null;
  const measurementStatus =
    flags & 0x02 ? namedBits(r.u16('measurement status'), PLX_MEASUREMENT_STATUS_BITS, 0x001f, what) : null;
  const deviceAndSensorStatus =
    flags & 0x04
      ? namedBits(r.u24('device and sensor status'), PLX_DEVICE_STATUS_BITS, 0xff0000, what)
      : null;
  const pulseAmplitudeIndex = flags & 0x08 ? r.sfloat('pulse amplitude index') : null;
  r.end();
  return {
    kind: 'spo2',
    spo2,
    pulse,
    deviceTime,
    deviceClockNotSet: (flags & 0x10) !== 0,
    measurementStatus,
    deviceAndSensorStatus,
    pulseAmplitudeIndex,
  };
}

function decodeWeight(bytes: Uint8Array): WeightMeasurement {
  const what = 'Weight Measurement';
  const r = new FrameReader(bytes, what);
  const flags = r.u8('flags');
  checkReservedFlags(what, flags, 0x0f);
  r.expectLength(
    lengthOf(flags, 3, [
      [0x02, 7],
      [0x04, 1],
      [0x08, 4],
    ]),
  );
  const imperial = (flags & 0x01) !== 0;
  const rawWeight = r.u16('weight');
  const deviceTime = flags & 0x02 ? r.dateTime('time stamp') : null;
  const userId = flags & 0x04 ? userIdOf(r.u8('user id')) : null;
  let bmi: number | null = null;
  let height: WeightMeasurement['height'] = null;
  if (flags & 0x08) {
    bmi = r.u16('BMI') / 10;
    const rawHeight = r.u16('height');
    // WSS 1.0: height resolution 0.001 m (SI) or 0.1 inch (imperial).
    height = imperial ? { value: rawHeight / 10, unit: 'in' } : { value: rawHeight / 1000, unit: 'm' };
  }
  r.end();
  return {
    kind: 'weight',
    unit: imperial ? 'lb' : 'kg',
    // WSS 1.0: 0xFFFF is 'measurement unsuccessful'; resolution 0.005 kg or 0.01 lb.
    weight:
      rawWeight === 0xffff
        ? special('measurement_unsuccessful')
        : measured(imperial ? rawWeight / 100 : rawWeight / 200),
    deviceTime,
    userId,
    bmi,
    height,
  };
}

function decodeTemperature(bytes: Uint8Array): TemperatureMeasurement {
  const what = 'Temperature Measurement';
  const r = new FrameReader(bytes, what);
  const flags = r.u8('flags');
  checkReservedFlags(what, flags, 0x07);
  r.expectLength(
    lengthOf(flags, 5, [
      [0x02, 7],
      [0x04, 1],
    ]),
  );
  const temperature = r.float('temperature');
  const deviceTime = flags & 0x02 ? r.dateTime('time stamp') : null;
  let site: TemperatureSite | null = null;
  if (flags & 0x04) {
    const raw = r.u8('temperature type');
    site = TEMPERATURE_SITES[raw] ?? null;
    if (site === null) throw new BleDecodeError('reserved', `${what}: temperature type ${raw} is reserved`);
  }
  r.end();
  return { kind: 'temperature', unit: flags & 0x01 ? 'degF' : 'Cel', temperature, deviceTime, site };
}

/**
 * Decodes one characteristic value. Returns a typed measurement (units as sent, special values as
 * markers, the device's time and status kept) or throws BleDecodeError: truncated, malformed,
 * reserved or unsupported. 0x2A36 returns `liveOnly: true`: a gauge, never a stored reading.
 */
export function decodeBleMeasurement(characteristic: number, bytes: Uint8Array): BleMeasurement {
  switch (characteristic) {
    case BLE_CHARACTERISTICS.bloodPressureMeasurement:
      return decodeBloodPressure(bytes, false);
    case BLE_CHARACTERISTICS.intermediateCuffPressure:
      return decodeBloodPressure(bytes, true);
    case BLE_CHARACTERISTICS.glucoseMeasurement:
      return decodeGlucose(bytes);
    case BLE_CHARACTERISTICS.plxSpotCheck:
      return decodePlxSpotCheck(bytes);
    case BLE_CHARACTERISTICS.weightMeasurement:
      return decodeWeight(bytes);
    case BLE_CHARACTERISTICS.temperatureMeasurement:
      return decodeTemperature(bytes);
    default:
      throw new BleDecodeError(
        'unsupported_characteristic',
        `Characteristic ${hex(characteristic)} is not decoded`,
      );
  }
}

export { BleDecodeError, decodeSfloat, type Measured, type DeviceDateTime } from './ble-numbers.js';
export * from './ble-types.js';
