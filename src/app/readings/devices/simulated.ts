/**
 * A simulated device that behaves like a real one through the same interface: it searches,
 * connects, inflates a cuff (Intermediate Cuff Pressure frames for the gauge), and sends the
 * standard characteristic bytes, which go through the same decoder as a real device's. Selectable
 * in settings and on in the demo seed, so every flow runs without hardware.
 */
import { BLE_CHARACTERISTICS, decodeBleMeasurement } from '../../../shared/readings/ble-decode.js';
import { countyClockOf } from '../../../shared/schedule/shanghai-time.js';
import { DeviceEvents, type DeviceKind, type DeviceReading, type MeasuringDevice } from './device.js';

/** SFLOAT bytes (little-endian) of value × 10^exponent, exponent in -8..7. */
export function encodeSfloat(value: number, exponent = 0): [number, number] {
  const mantissa = Math.round(value / 10 ** exponent);
  if (mantissa < -2045 || mantissa > 2045)
    throw new RangeError(`${value} does not fit an SFLOAT at 10^${exponent}`);
  const raw = ((exponent & 0x0f) << 12) | (mantissa & 0x0fff);
  return [raw & 0xff, raw >> 8];
}

/** FLOAT bytes (little-endian) of value × 10^exponent. */
function encodeFloat(value: number, exponent: number): number[] {
  const mantissa = Math.round(value / 10 ** exponent) & 0xffffff;
  return [mantissa & 0xff, (mantissa >> 8) & 0xff, mantissa >> 16, exponent & 0xff];
}

/** The meter's own clock (a Date Time field), set to the county's time as a meter bought there is. */
function dateTime(d: Date): number[] {
  const c = countyClockOf(d);
  const y = c.getUTCFullYear();
  return [
    y & 0xff,
    y >> 8,
    c.getUTCMonth() + 1,
    c.getUTCDate(),
    c.getUTCHours(),
    c.getUTCMinutes(),
    c.getUTCSeconds(),
  ];
}

export interface SimulationOptions {
  /** 0..1; a seeded one makes tests repeatable. */
  random?: () => number;
  /** Time between gauge frames and steps; 0 in tests. */
  stepMs?: number;
  /** How many records the simulated glucose meter holds in its memory (sequence numbers 1..n). */
  storedGlucoseRecords?: number;
}

/** A normal-ish draw (Box-Muller) from the given random source. */
function gaussian(random: () => number, mean: number, sd: number): number {
  const u = Math.max(random(), 1e-9);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export class SimulatedDevice implements MeasuringDevice {
  private readonly events = new DeviceEvents();
  private readonly random: () => number;
  private readonly stepMs: number;
  private readonly stored: number;
  private connected = false;
  readonly id: string;

  constructor(
    readonly kind: DeviceKind,
    options: SimulationOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.stepMs = options.stepMs ?? 150;
    this.stored = options.storedGlucoseRecords ?? 3;
    this.id = `simulated-${kind}`;
  }

  private get name(): string {
    return `模拟设备 (${this.kind})`;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.stepMs));
  }

  async connect(): Promise<void> {
    this.events.setState({ step: 'searching' });
    await this.wait();
    this.events.setState({ step: 'connecting', deviceName: this.name });
    await this.wait();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    this.events.setState({ step: 'idle' });
  }

  onState(listener: Parameters<MeasuringDevice['onState']>[0]): () => void {
    return this.events.onState(listener);
  }
  onReading(listener: Parameters<MeasuringDevice['onReading']>[0]): () => void {
    return this.events.onReading(listener);
  }

  /** Sends one frame through the decoder, as a real notification would arrive. */
  private receive(characteristic: number, bytes: number[]): void {
    const measurement = decodeBleMeasurement(characteristic, Uint8Array.from(bytes));
    if (measurement.kind === 'intermediate_cuff_pressure') {
      const value = measurement.cuffPressure;
      this.events.setState({ step: 'measuring', cuffPressure: value.kind === 'number' ? value.value : null });
      return;
    }
    const reading: DeviceReading = {
      measurement,
      device: { id: this.id, name: this.name },
      receivedAt: new Date().toISOString(),
    };
    this.events.emitReading(reading);
  }

  async start(options: { sinceSequence?: number } = {}): Promise<void> {
    if (!this.connected) throw new Error('connect first');
    const r = this.random;
    const now = new Date();
    switch (this.kind) {
      case 'blood_pressure': {
        const systolic = Math.round(Math.min(220, Math.max(95, gaussian(r, 134, 14))));
        const diastolic = Math.round(Math.min(systolic - 25, Math.max(55, gaussian(r, 84, 8))));
        const pulse = Math.round(Math.min(110, Math.max(50, gaussian(r, 74, 8))));
        // Inflate to about 30 above systolic, then deflate: the frames a cuff sends for the gauge.
        const peak = systolic + 30;
        const nan = [0xff, 0x07];
        for (let p = 0; p <= peak; p += 15) {
          this.receive(BLE_CHARACTERISTICS.intermediateCuffPressure, [
            0x00,
            ...encodeSfloat(p),
            ...nan,
            ...nan,
          ]);
          await this.wait();
        }
        for (let p = peak; p >= diastolic - 10; p -= 20) {
          this.receive(BLE_CHARACTERISTICS.intermediateCuffPressure, [
            0x00,
            ...encodeSfloat(p),
            ...nan,
            ...nan,
          ]);
          await this.wait();
        }
        const mean = Math.round(diastolic + (systolic - diastolic) / 3);
        this.receive(BLE_CHARACTERISTICS.bloodPressureMeasurement, [
          0x1e,
          ...encodeSfloat(systolic),
          ...encodeSfloat(diastolic),
          ...encodeSfloat(mean),
          ...dateTime(now),
          ...encodeSfloat(pulse),
          0x01,
          0x00,
          0x00,
        ]);
        break;
      }
      case 'glucose': {
        // The meter's memory: records after the last sequence seen, as RACP 'report ≥ N' returns them.
        const first = (options.sinceSequence ?? 0) + 1;
        for (let seq = first; seq <= this.stored; seq++) {
          const mmol = Math.round(gaussian(r, 7.2, 1.6) * 10) / 10;
          const at = new Date(now.getTime() - (this.stored - seq) * 6 * 3_600_000);
          // mol/L with exponent -4: 7.2 mmol/L = 0.0072 mol/L = 72 × 10^-4.
          this.receive(BLE_CHARACTERISTICS.glucoseMeasurement, [
            0x06,
            seq & 0xff,
            seq >> 8,
            ...dateTime(at),
            ...encodeSfloat(mmol / 1000, -4),
            0x12,
          ]);
          await this.wait();
        }
        break;
      }
      case 'spo2':
        this.receive(BLE_CHARACTERISTICS.plxSpotCheck, [
          0x01,
          ...encodeSfloat(Math.round(Math.min(100, gaussian(r, 97, 1.2)))),
          ...encodeSfloat(Math.round(gaussian(r, 74, 8))),
          ...dateTime(now),
        ]);
        break;
      case 'weight': {
        const raw = Math.round(gaussian(r, 64, 8) * 200);
        this.receive(BLE_CHARACTERISTICS.weightMeasurement, [0x02, raw & 0xff, raw >> 8, ...dateTime(now)]);
        break;
      }
      case 'temperature':
        this.receive(BLE_CHARACTERISTICS.temperatureMeasurement, [
          0x06,
          ...encodeFloat(Math.round(gaussian(r, 36.6, 0.3) * 10) / 10, -1),
          ...dateTime(now),
          0x01,
        ]);
        break;
    }
    this.events.setState({ step: 'done' });
  }
}
