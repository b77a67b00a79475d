/**
 * The typed measurements `decodeBleMeasurement` returns, and the services and characteristics it
 * reads (GATT Specification Supplement; BLS 1.1, GLS 1.0, PLXS 1.0, WSS 1.0, HTS 1.0).
 */
import type { DeviceDateTime, Measured } from './ble-numbers.js';

export const BLE_SERVICES = {
  bloodPressure: 0x1810,
  glucose: 0x1808,
  pulseOximeter: 0x1822,
  weightScale: 0x181d,
  healthThermometer: 0x1809,
} as const;

export const BLE_CHARACTERISTICS = {
  bloodPressureMeasurement: 0x2a35,
  intermediateCuffPressure: 0x2a36,
  glucoseMeasurement: 0x2a18,
  glucoseMeasurementContext: 0x2a34,
  recordAccessControlPoint: 0x2a52,
  plxSpotCheck: 0x2a5e,
  weightMeasurement: 0x2a9d,
  temperatureMeasurement: 0x2a1c,
} as const;

/** Blood Pressure Measurement Status (BLS 1.1 §3.1.1.6). */
export interface BloodPressureStatus {
  bodyMovement: boolean;
  cuffTooLoose: boolean;
  irregularPulse: boolean;
  pulseRange: 'in_range' | 'above' | 'below';
  improperPosition: boolean;
  /** The 16 bits as sent, reserved ones included. */
  raw: number;
}

export interface BloodPressureMeasurement {
  kind: 'blood_pressure';
  unit: 'mmHg' | 'kPa';
  systolic: Measured;
  diastolic: Measured;
  meanArterial: Measured;
  deviceTime: DeviceDateTime | null;
  pulse: Measured | null;
  /** The meter's user (1-254); null when not sent or 255 (unknown user). */
  userId: number | null;
  status: BloodPressureStatus | null;
}

/** 0x2A36: the cuff pressure while it inflates, for a live gauge only; never stored. */
export interface IntermediateCuffPressure {
  kind: 'intermediate_cuff_pressure';
  liveOnly: true;
  unit: 'mmHg' | 'kPa';
  cuffPressure: Measured;
  deviceTime: DeviceDateTime | null;
  pulse: Measured | null;
  userId: number | null;
  status: BloodPressureStatus | null;
}

export const GLUCOSE_SAMPLE_TYPES = [
  null,
  'capillary_whole_blood',
  'capillary_plasma',
  'venous_whole_blood',
  'venous_plasma',
  'arterial_whole_blood',
  'arterial_plasma',
  'undetermined_whole_blood',
  'undetermined_plasma',
  'interstitial_fluid',
  'control_solution',
] as const;
export type GlucoseSampleType = Exclude<(typeof GLUCOSE_SAMPLE_TYPES)[number], null>;

export const GLUCOSE_LOCATIONS: Record<number, GlucoseLocation> = {
  1: 'finger',
  2: 'alternate_site_test',
  3: 'earlobe',
  4: 'control_solution',
  15: 'not_available',
};
export type GlucoseLocation =
  'finger' | 'alternate_site_test' | 'earlobe' | 'control_solution' | 'not_available';

/** Sensor Status Annunciation (GLS 1.0 §3.106), bit by bit. */
export const GLUCOSE_SENSOR_STATUS_BITS = [
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
export type GlucoseSensorStatus = Record<(typeof GLUCOSE_SENSOR_STATUS_BITS)[number], boolean> & {
  raw: number;
};

export interface GlucoseMeasurement {
  kind: 'glucose';
  sequenceNumber: number;
  /** The record's base time plus its time offset (still the meter's clock, no zone). */
  deviceTime: DeviceDateTime;
  baseTime: DeviceDateTime;
  timeOffsetMinutes: number;
  /** As sent: kg/L or mol/L; null when the record carries no concentration. */
  concentration: { value: Measured; unit: 'kg/L' | 'mol/L' } | null;
  /** The same in mmol/L (mg/dL ÷ 18.016 for kg/L meters), or null. */
  mmolPerL: Measured | null;
  sampleType: GlucoseSampleType | null;
  sampleLocation: GlucoseLocation | null;
  /** A control-solution test checks the meter: not clinical data, never stored as a reading. */
  controlSolution: boolean;
  /** The meter's HI/LO (result above or below its range): a flag, never a number. */
  outOfRange: 'hi' | 'lo' | null;
  sensorStatus: GlucoseSensorStatus | null;
  /** A Glucose Measurement Context (0x2A34) with the same sequence number follows. */
  contextFollows: boolean;
}

/** PLX Measurement Status (PLXS 1.0 §3.1.1.3); bits 0-4 reserved. */
export const PLX_MEASUREMENT_STATUS_BITS: Record<number, string> = {
  5: 'measurementOngoing',
  6: 'earlyEstimatedData',
  7: 'validatedData',
  8: 'fullyQualifiedData',
  9: 'dataFromMeasurementStorage',
  10: 'dataForDemonstration',
  11: 'dataForTesting',
  12: 'calibrationOngoing',
  13: 'measurementUnavailable',
  14: 'questionableMeasurementDetected',
  15: 'invalidMeasurementDetected',
};
/** PLX Device and Sensor Status (PLXS 1.0 §3.1.1.4); bits 16-23 reserved. */
export const PLX_DEVICE_STATUS_BITS: Record<number, string> = {
  0: 'extendedDisplayUpdateOngoing',
  1: 'equipmentMalfunctionDetected',
  2: 'signalProcessingIrregularityDetected',
  3: 'inadequateSignalDetected',
  4: 'poorSignalDetected',
  5: 'lowPerfusionDetected',
  6: 'erraticSignalDetected',
  7: 'nonpulsatileSignalDetected',
  8: 'questionablePulseDetected',
  9: 'signalAnalysisOngoing',
  10: 'sensorInterferenceDetected',
  11: 'sensorUnconnectedToUser',
  12: 'unknownSensorConnected',
  13: 'sensorDisplaced',
  14: 'sensorMalfunctioning',
  15: 'sensorDisconnected',
};

export interface PulseOximeterSpotCheck {
  kind: 'spo2';
  /** SpO2 in %. */
  spo2: Measured;
  /** Pulse rate in beats per minute. */
  pulse: Measured;
  deviceTime: DeviceDateTime | null;
  /** Flag bit 4: the oximeter's clock is not set, so its time means nothing. */
  deviceClockNotSet: boolean;
  /** Names of the set measurement status bits, and the raw value; null when not sent. */
  measurementStatus: { flags: string[]; raw: number } | null;
  deviceAndSensorStatus: { flags: string[]; raw: number } | null;
  /** Pulse amplitude index in %. */
  pulseAmplitudeIndex: Measured | null;
}

export interface WeightMeasurement {
  kind: 'weight';
  unit: 'kg' | 'lb';
  weight: Measured;
  deviceTime: DeviceDateTime | null;
  userId: number | null;
  /** kg/m²; null when not sent. */
  bmi: number | null;
  /** In metres (SI) or inches (imperial), per `unit`; null when not sent. */
  height: { value: number; unit: 'm' | 'in' } | null;
}

export const TEMPERATURE_SITES = [
  null,
  'armpit',
  'body',
  'ear',
  'finger',
  'gastrointestinal_tract',
  'mouth',
  'rectum',
  'toe',
  'tympanum',
] as const;
export type TemperatureSite = Exclude<(typeof TEMPERATURE_SITES)[number], null>;

export interface TemperatureMeasurement {
  kind: 'temperature';
  unit: 'Cel' | 'degF';
  temperature: Measured;
  deviceTime: DeviceDateTime | null;
  site: TemperatureSite | null;
}

export type BleMeasurement =
  | BloodPressureMeasurement
  | IntermediateCuffPressure
  | GlucoseMeasurement
  | PulseOximeterSpotCheck
  | WeightMeasurement
  | TemperatureMeasurement;
