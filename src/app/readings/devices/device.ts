/**
 * One interface for every measuring device: Web Bluetooth (standard Bluetooth SIG health profiles),
 * the simulated device (demos and tests), and room for vendor adapters (many devices sold in China
 * speak vendor services such as 0xFFF0). Screens only ever see this.
 */
import type { BleMeasurement } from '../../../shared/readings/ble-decode.js';

export type DeviceKind = 'blood_pressure' | 'glucose' | 'spo2' | 'weight' | 'temperature';

/** What the resident is told at each step (the screens give each its words). */
export type DeviceState =
  | { step: 'idle' }
  | { step: 'searching' }
  | { step: 'connecting'; deviceName: string }
  /** While a cuff inflates: its pressure for the live gauge (0x2A36), never stored. */
  | { step: 'measuring'; cuffPressure: number | null }
  | { step: 'done' }
  | { step: 'error'; error: DeviceErrorCode };

export type DeviceErrorCode =
  /** No Web Bluetooth here (most TV browsers): offer entry by remote instead. */
  | 'no_bluetooth'
  /** The chooser was dismissed, or the browser refused. */
  | 'permission_denied'
  /** The device went away (out of range, switched off). */
  | 'out_of_range'
  /** The cuff reported a fit or movement problem: measure again. */
  | 'cuff_error'
  /** The device's clock is not set: readings get the receive time. */
  | 'device_clock_unset'
  /** A frame could not be read exactly (BleDecodeError): nothing is stored from it. */
  | 'bad_frame';

/** One stored-to-be measurement, with where it came from (the outbox's natural key needs it). */
export interface DeviceReading {
  measurement: Exclude<BleMeasurement, { kind: 'intermediate_cuff_pressure' }>;
  device: { id: string; name: string };
  receivedAt: string;
}

export interface MeasuringDevice {
  readonly kind: DeviceKind;
  /** Asks for a device (Web Bluetooth: the chooser, which needs a user gesture) and connects. */
  connect(): Promise<void>;
  /**
   * Reads what the device sends until `stop` or disconnect. For a glucose meter, records after
   * `sinceSequence` are fetched through RACP first (the meter's memory).
   */
  start(options?: { sinceSequence?: number }): Promise<void>;
  disconnect(): Promise<void>;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onState(listener: (state: DeviceState) => void): () => void;
  onReading(listener: (reading: DeviceReading) => void): () => void;
}

/** Listener plumbing shared by the transports. */
export class DeviceEvents {
  private readonly stateListeners = new Set<(state: DeviceState) => void>();
  private readonly readingListeners = new Set<(reading: DeviceReading) => void>();
  state: DeviceState = { step: 'idle' };

  setState(state: DeviceState): void {
    this.state = state;
    for (const l of this.stateListeners) l(state);
  }
  emitReading(reading: DeviceReading): void {
    for (const l of this.readingListeners) l(reading);
  }
  onState(listener: (state: DeviceState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }
  onReading(listener: (reading: DeviceReading) => void): () => void {
    this.readingListeners.add(listener);
    return () => this.readingListeners.delete(listener);
  }
}
