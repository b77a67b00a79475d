import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { checkPlausibility } from '../../shared/readings/plausibility.js';
import type { ReadingDevice, ReadingValues } from '../../shared/readings/schemas.js';
import { controls } from '../design/controls.js';
import { statusText } from '../design/screen-styles.js';
import { settingsContext } from '../state/contexts.js';
import type { Settings } from '../state/settings.js';
import { NumberSubmitEvent } from '../ui/number-pad.js';
import '../ui/number-pad.js';
import type { DeviceState, MeasuringDevice } from './devices/device.js';
import { readingFromDevice } from './device-reading.js';
import { ENTRY_FIELDS, fieldValue, shownValue, valuesText, type FieldName } from './entry.js';
import { deviceStateText, fieldLabel } from './words.js';

/** A blood pressure was measured (by the device, or typed and checked). */
export class BloodPressureTakenEvent extends Event {
  static readonly type = 'dah-bp-taken';
  constructor(
    readonly values: Extract<ReadingValues, { measure: 'blood_pressure' }>,
    readonly device: ReadingDevice | null,
    /** The person confirmed an unusual value (or a device measured it). */
    readonly confirmed: boolean,
  ) {
    super(BloodPressureTakenEvent.type, { bubbles: true, composed: true });
  }
}

type Phase = 'entry' | 'confirm' | 'device';
type BloodPressure = Extract<ReadingValues, { measure: 'blood_pressure' }>;

/**
 * One blood pressure at a kiosk: the cuff (the simulated device, or Web Bluetooth where the
 * browser has it) or the number pad (high pressure, low pressure: 1 4 2 8 8 OK), ranges checked
 * and unusual values confirmed (shared/readings/plausibility.ts), every device state in words.
 * It only measures: the screen around it stores the reading and says what it means.
 * @event dah-bp-taken - BloodPressureTakenEvent
 */
@customElement('dah-bp-entry')
@localized()
export class BloodPressureEntry extends LitElement {
  static override styles = [
    controls,
    statusText,
    css`
      :host {
        display: block;
      }
      .entry {
        display: flex;
        align-items: flex-start;
      }
      dah-number-pad {
        margin-right: calc(var(--dah-space) * 2);
      }
      button {
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
      meter {
        width: calc(640 * var(--dah-px));
        height: calc(48 * var(--dah-px));
      }
      [role='alert'] {
        color: var(--dah-danger);
      }
    `,
  ];

  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  /** The pad takes the screen's first digits (it is where the screen starts). */
  @property({ type: Boolean, attribute: 'autofocus-keys' }) autofocusKeys = false;
  @state() private phase: Phase = 'entry';
  @state() private fieldIndex = 0;
  @state() private digits = '';
  @state() private entered: Partial<Record<FieldName, number>> = {};
  @state() private problem: string | null = null;
  @state() private pending: BloodPressure | null = null;
  @state() private deviceState: DeviceState = { step: 'idle' };
  private device: MeasuringDevice | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.device?.disconnect();
  }

  /** Back to an empty pad (a new reading). */
  reset(): void {
    this.phase = 'entry';
    this.fieldIndex = 0;
    this.digits = '';
    this.entered = {};
    this.problem = null;
    this.pending = null;
  }

  /** The cuff is offered when a device is set: the simulated one, or Bluetooth where the browser has it. */
  get deviceAvailable(): boolean {
    if (this.settings.measuringDevice === 'simulated') return true;
    return this.settings.measuringDevice === 'bluetooth' && 'bluetooth' in navigator;
  }

  private taken(values: BloodPressure, device: ReadingDevice | null, confirmed: boolean): void {
    this.reset();
    this.dispatchEvent(new BloodPressureTakenEvent(values, device, confirmed));
  }

  private onSubmit(event: NumberSubmitEvent): void {
    const fields = ENTRY_FIELDS.blood_pressure;
    const field = fields[this.fieldIndex];
    if (!field) return;
    const value = fieldValue(field, event.value);
    this.digits = '';
    if (value < field.min || value > field.max) {
      this.problem = msg(
        str`${shownValue(field, event.value)} ${field.unit} 不在可能的范围内（${field.min}–${field.max} ${field.unit}），请重新输入。`,
      );
      return;
    }
    this.entered = { ...this.entered, [field.name]: value };
    if (this.fieldIndex < fields.length - 1) {
      this.fieldIndex += 1;
      return;
    }
    const values: BloodPressure = {
      measure: 'blood_pressure',
      systolic: this.entered.systolic as number,
      diastolic: this.entered.diastolic as number,
      pulse: null,
    };
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
    this.taken(values, null, false);
  }

  /** Measures with the cuff; its reading arrives through the shared decoder, like a real one. */
  async measureWithDevice(): Promise<void> {
    this.phase = 'device';
    this.deviceState = { step: 'searching' };
    await this.device?.disconnect();
    const device =
      this.settings.measuringDevice === 'simulated'
        ? new (await import('./devices/simulated.js')).SimulatedDevice('blood_pressure')
        : new (await import('./devices/web-bluetooth.js')).WebBluetoothDevice('blood_pressure');
    this.device = device;
    device.onState((s) => (this.deviceState = s));
    device.onReading((reading) => {
      const converted = readingFromDevice(reading);
      if (!converted || converted.values.measure !== 'blood_pressure') return;
      if (converted.problem === 'cuff_error') {
        this.deviceState = { step: 'error', error: 'cuff_error' };
        return;
      }
      void device.disconnect();
      this.taken(converted.values, converted.device, true);
    });
    try {
      await device.connect();
      await device.start();
    } catch {
      // The transport says why when it knows (no Bluetooth, permission denied); otherwise the device went away.
      if ((this.deviceState as DeviceState).step !== 'error')
        this.deviceState = { step: 'error', error: 'out_of_range' };
    }
  }

  override render() {
    if (this.phase === 'confirm' && this.pending) return this.renderConfirm(this.pending);
    if (this.phase === 'device') return this.renderDevice();
    return this.renderEntry();
  }

  private renderEntry() {
    const fields = ENTRY_FIELDS.blood_pressure;
    const field = fields[this.fieldIndex] ?? fields[0];
    if (!field) return null;
    const done = fields.slice(0, this.fieldIndex).map(
      (f) =>
        html`<dt>${fieldLabel(f.name)}</dt>
          <dd>${this.entered[f.name]} ${f.unit}</dd>`,
    );
    return html`<div class="entry">
      <dah-number-pad
        ?autofocus-keys=${this.autofocusKeys}
        data-focus-key="pad"
        .value=${this.digits}
        length=${field.length}
        min-length="2"
        @input=${(e: Event) => {
          this.digits = (e.target as HTMLInputElement).value;
          this.problem = null;
        }}
        @dah-number-submit=${(e: NumberSubmitEvent) => this.onSubmit(e)}
      ></dah-number-pad>
      <div>
        <p class="lead" data-field=${field.name}>${msg(str`请输入${fieldLabel(field.name)}`)}</p>
        <p>${shownValue(field, this.digits) || '—'} ${field.unit}</p>
        <p>${msg(str`范围 ${field.min}–${field.max} ${field.unit}`)}</p>
        ${done.length ? html`<dl>${done}</dl>` : null}
        ${this.problem ? html`<p role="alert">${this.problem}</p>` : null}
        ${
          this.settings.measuringDevice === 'bluetooth' && !('bluetooth' in navigator)
            ? html`<p data-no-bluetooth>${msg('这台终端不能连接蓝牙测量仪，请用数字键输入。')}</p>`
            : null
        }
        ${
          this.deviceAvailable
            ? html`<button data-focus-key="device" @click=${() => this.measureWithDevice()}>
                ${msg('用测量仪测量')}
              </button>`
            : null
        }
      </div>
    </div>`;
  }

  private renderConfirm(values: BloodPressure) {
    return html`<p class="lead" role="alert">${msg(str`${valuesText(values)}：这个数值不太常见。`)}</p>
      <p>${msg('请确认输入没有错。')}</p>
      <button data-autofocus data-focus-key="confirm" @click=${() => this.taken(values, null, true)}>
        ${msg('没错，保存')}
      </button>
      <button data-focus-key="reenter" @click=${() => this.reset()}>${msg('重新输入')}</button>`;
  }

  private renderDevice() {
    const s = this.deviceState;
    return html`<p
        class="lead"
        role="status"
        tabindex="0"
        data-autofocus
        data-focus-key="device-status"
        data-step=${s.step}
      >
        ${deviceStateText(s)}
      </p>
      ${
        s.step === 'measuring' && s.cuffPressure !== null
          ? html`<p>${msg(str`袖带压力 ${s.cuffPressure} mmHg`)}</p>
              <meter min="0" max="300" value=${s.cuffPressure}></meter>`
          : null
      }
      ${
        s.step === 'error'
          ? html`<button data-focus-key="device-retry" @click=${() => this.measureWithDevice()}>
              ${msg('再量一次')}
            </button>`
          : null
      }
      <button
        data-focus-key="by-hand"
        @click=${() => {
          void this.device?.disconnect();
          this.reset();
        }}
      >
        ${msg('用数字键输入')}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-bp-entry': BloodPressureEntry;
  }
}
