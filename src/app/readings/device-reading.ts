/**
 * A device's measurement as a reading to send: values in the units the API stores (kPa cuffs
 * converted to mmHg), special values kept as markers, and the natural key (device, meter user,
 * sequence number or device clock) by which the API recognises a replayed record.
 */
import { kpaToMmHg } from '../../shared/readings/clinical.js';
import type { Measured } from '../../shared/readings/ble-numbers.js';
import type { Quantity, ReadingDevice, ReadingValues } from '../../shared/readings/schemas.js';
import type { DeviceErrorCode, DeviceReading } from './devices/device.js';

const quantity = (m: Measured, convert: (n: number) => number = (n) => n): Quantity =>
  m.kind === 'number' ? convert(m.value) : { special: m.special };

/** The values and device of a blood-pressure record; null for a measure this screen does not take from devices yet. */
export function readingFromDevice(
  reading: DeviceReading,
): { values: ReadingValues; device: ReadingDevice; problem: DeviceErrorCode | null } | null {
  const m = reading.measurement;
  if (m.kind !== 'blood_pressure') return null;
  const convert = m.unit === 'kPa' ? kpaToMmHg : (n: number) => n;
  const t = m.deviceTime;
  const pad = (n: number) => String(n).padStart(2, '0');
  const deviceTime =
    t && t.year !== null && t.month !== null && t.day !== null
      ? `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}`
      : null;
  const status = m.status;
  // A cuff that was loose or moved gives a number that cannot be trusted (ESH/ISO 81060 practice):
  // the resident measures again rather than storing it.
  const problem: DeviceErrorCode | null =
    status && (status.cuffTooLoose || status.bodyMovement || status.improperPosition)
      ? 'cuff_error'
      : m.deviceTime && !deviceTime
        ? 'device_clock_unset'
        : null;
  return {
    values: {
      measure: 'blood_pressure',
      systolic: quantity(m.systolic, convert),
      diastolic: quantity(m.diastolic, convert),
      pulse: m.pulse ? quantity(m.pulse) : null,
    },
    device: {
      id: reading.device.id,
      name: reading.device.name,
      userId: m.userId,
      sequenceNumber: null,
      deviceTime,
    },
    problem,
  };
}
