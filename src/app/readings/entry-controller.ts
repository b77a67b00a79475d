import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkPlausibility } from '../../shared/readings/plausibility.js';
import type { Measure, ReadingDevice, ReadingValues } from '../../shared/readings/schemas.js';
import type { Settings } from '../state/settings.js';
import type { DeviceState, MeasuringDevice } from './devices/device.js';
import { readingFromDevice } from './device-reading.js';
import {
  ENTRY_FIELDS,
  fieldValue,
  shownValue,
  valuesOf,
  type EntryField,
  type FieldName,
  type GlucoseContext,
} from './entry.js';

/** Typing the numbers, confirming an unusual value, or measuring with the cuff. */
export type EntryPhase = 'entry' | 'confirm' | 'device';

export interface ReadingEntryOptions {
  measure(): Measure;
  /** When the glucose was taken (asked before its digits); ignored for other measures. */
  glucoseContext(): GlucoseContext | null;
  settings(): Settings;
  /**
   * A reading was taken: typed and within range (confirmed when the person said an unusual value
   * is right), or measured by the device (confirmed; `device` says which and its record's key).
   */
  taken(values: ReadingValues, device: ReadingDevice | null, confirmed: boolean): void;
}

/**
 * One reading taken by number pad or device, the same on the TV's 健康测量 and the kiosk's
 * `dah-bp-entry`: one field at a time, each range-checked, the whole checked for plausibility
 * (shared/readings/plausibility.ts: refused, or asked to confirm), the cuff's states in words and a
 * cuff error measured again (readingFromDevice). The screens render it; this holds its state.
 */
export class ReadingEntry implements ReactiveController {
  phase: EntryPhase = 'entry';
  fieldIndex = 0;
  /** The digits typed into the field being asked. */
  digits = '';
  entered: Partial<Record<FieldName, number>> = {};
  /** What is wrong with what was typed, in words; or what the screen says went wrong. */
  problem: string | null = null;
  /** An unusual value waiting for the person's confirmation. */
  pending: ReadingValues | null = null;
  deviceState: DeviceState = { step: 'idle' };
  private device: MeasuringDevice | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ReadingEntryOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    void this.device?.disconnect();
  }

  /** The field being asked. */
  get field(): EntryField | undefined {
    const fields = ENTRY_FIELDS[this.options.measure()];
    return fields[this.fieldIndex] ?? fields[0];
  }

  /** The fields already entered, with their values. */
  get done(): { field: EntryField; value: number | undefined }[] {
    return ENTRY_FIELDS[this.options.measure()]
      .slice(0, this.fieldIndex)
      .map((field) => ({ field, value: this.entered[field.name] }));
  }

  /** The cuff is offered for blood pressure when a device is set: the simulated one, or Bluetooth where the browser has it. */
  get deviceAvailable(): boolean {
    if (this.options.measure() !== 'blood_pressure') return false;
    const { measuringDevice } = this.options.settings();
    return measuringDevice === 'simulated' || (measuringDevice === 'bluetooth' && 'bluetooth' in navigator);
  }

  /** Bluetooth is set but this browser has none: the screen says to type instead. */
  get bluetoothMissing(): boolean {
    return this.options.settings().measuringDevice === 'bluetooth' && !('bluetooth' in navigator);
  }

  /** Back to an empty pad (a new reading). */
  restart(): void {
    this.phase = 'entry';
    this.fieldIndex = 0;
    this.digits = '';
    this.entered = {};
    this.problem = null;
    this.pending = null;
    this.host.requestUpdate();
  }

  /** Back to the pad with a message (the screen could not keep the reading). */
  refuse(problem: string): void {
    this.phase = 'entry';
    this.problem = problem;
    this.host.requestUpdate();
  }

  typed(digits: string): void {
    this.digits = digits;
    this.problem = null;
    this.host.requestUpdate();
  }

  /** OK on the pad (or its last digit): the field's number, checked; the reading when it was the last. */
  submit(digits: string): void {
    const fields = ENTRY_FIELDS[this.options.measure()];
    const field = fields[this.fieldIndex];
    if (!field) return;
    const value = fieldValue(field, digits);
    this.digits = '';
    this.host.requestUpdate();
    if (value < field.min || value > field.max) {
      this.problem = msg(
        str`${shownValue(field, digits)} ${field.unit} 不在可能的范围内（${field.min}–${field.max} ${field.unit}），请重新输入。`,
      );
      return;
    }
    this.entered = { ...this.entered, [field.name]: value };
    if (this.fieldIndex < fields.length - 1) {
      this.fieldIndex += 1;
      return;
    }
    const values = valuesOf(this.options.measure(), this.entered, this.options.glucoseContext() ?? 'random');
    const check = checkPlausibility(values);
    if (check.outcome === 'refused') {
      this.problem =
        check.reason === 'diastolic_not_below_systolic'
          ? msg('低压应该比高压小。请从高压开始重新输入。')
          : msg('这个数值不可能，请重新输入。');
      this.fieldIndex = 0;
      this.entered = {};
      return;
    }
    if (check.outcome === 'confirm') {
      this.pending = values;
      this.phase = 'confirm';
      return;
    }
    this.options.taken(values, null, false);
  }

  /** The person says the unusual value is right. */
  confirm(): void {
    const values = this.pending;
    if (values) this.options.taken(values, null, true);
  }

  /** Measures with the cuff; its reading arrives through the shared decoder, like a real one. */
  async measureWithDevice(): Promise<void> {
    this.phase = 'device';
    this.deviceState = { step: 'searching' };
    this.host.requestUpdate();
    await this.device?.disconnect();
    const device =
      this.options.settings().measuringDevice === 'simulated'
        ? new (await import('./devices/simulated.js')).SimulatedDevice('blood_pressure')
        : new (await import('./devices/web-bluetooth.js')).WebBluetoothDevice('blood_pressure');
    this.device = device;
    const show = (state: DeviceState) => {
      this.deviceState = state;
      this.host.requestUpdate();
    };
    device.onState(show);
    device.onReading((reading) => {
      const converted = readingFromDevice(reading);
      if (!converted || converted.values.measure !== this.options.measure()) return;
      if (converted.problem === 'cuff_error') {
        show({ step: 'error', error: 'cuff_error' });
        return;
      }
      // One measurement is one reading: the link is let go (another measurement connects again).
      void device.disconnect();
      this.options.taken(converted.values, converted.device, true);
    });
    try {
      await device.connect();
      await device.start();
    } catch {
      // The transport says why when it knows (no Bluetooth, permission denied); otherwise the device went away.
      if ((this.deviceState as DeviceState).step !== 'error') show({ step: 'error', error: 'out_of_range' });
    }
  }

  /** Leaves the cuff and goes back to the pad. */
  byHand(): void {
    void this.device?.disconnect();
    this.restart();
  }
}
