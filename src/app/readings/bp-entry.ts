import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ReadingDevice, ReadingValues } from '../../shared/readings/schemas.js';
import { controls } from '../design/controls.js';
import { statusText } from '../design/screen-styles.js';
import { settingsContext } from '../state/contexts.js';
import type { Settings } from '../state/settings.js';
import type { NumberSubmitEvent } from '../ui/number-pad.js';
import '../ui/number-pad.js';
import { shownValue, valuesText } from './entry.js';
import { ReadingEntry } from './entry-controller.js';
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
  private readonly entry = new ReadingEntry(this, {
    measure: () => 'blood_pressure',
    glucoseContext: () => null,
    settings: () => this.settings,
    taken: (values, device, confirmed) => {
      this.entry.restart();
      if (values.measure === 'blood_pressure')
        this.dispatchEvent(new BloodPressureTakenEvent(values, device, confirmed));
    },
  });

  override render() {
    const { phase, pending } = this.entry;
    if (phase === 'confirm' && pending) return this.renderConfirm(pending);
    if (phase === 'device') return this.renderDevice();
    return this.renderEntry();
  }

  private renderEntry() {
    const { entry } = this;
    const field = entry.field;
    if (!field) return null;
    const done = entry.done.map(
      (d) =>
        html`<dt>${fieldLabel(d.field.name)}</dt>
          <dd>${d.value} ${d.field.unit}</dd>`,
    );
    return html`<div class="entry">
      <dah-number-pad
        ?autofocus-keys=${this.autofocusKeys}
        data-focus-key="pad"
        .value=${entry.digits}
        length=${field.length}
        min-length="2"
        @input=${(e: Event) => entry.typed((e.target as HTMLInputElement).value)}
        @dah-number-submit=${(e: NumberSubmitEvent) => entry.submit(e.value)}
      ></dah-number-pad>
      <div>
        <p class="lead" data-field=${field.name}>${msg(str`请输入${fieldLabel(field.name)}`)}</p>
        <p>${shownValue(field, entry.digits) || '—'} ${field.unit}</p>
        <p>${msg(str`范围 ${field.min}–${field.max} ${field.unit}`)}</p>
        ${done.length ? html`<dl>${done}</dl>` : null}
        ${entry.problem ? html`<p role="alert">${entry.problem}</p>` : null}
        ${
          entry.bluetoothMissing
            ? html`<p data-no-bluetooth>${msg('这台终端不能连接蓝牙测量仪，请用数字键输入。')}</p>`
            : null
        }
        ${
          entry.deviceAvailable
            ? html`<button data-focus-key="device" @click=${() => entry.measureWithDevice()}>
                ${msg('用测量仪测量')}
              </button>`
            : null
        }
      </div>
    </div>`;
  }

  private renderConfirm(values: ReadingValues) {
    return html`<p class="lead" role="alert">${msg(str`${valuesText(values)}：这个数值不太常见。`)}</p>
      <p>${msg('请确认输入没有错。')}</p>
      <button data-autofocus data-focus-key="confirm" @click=${() => this.entry.confirm()}>
        ${msg('没错，保存')}
      </button>
      <button data-focus-key="reenter" @click=${() => this.entry.restart()}>${msg('重新输入')}</button>`;
  }

  private renderDevice() {
    const s = this.entry.deviceState;
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
          ? html`<button data-focus-key="device-retry" @click=${() => this.entry.measureWithDevice()}>
              ${msg('再量一次')}
            </button>`
          : null
      }
      <button data-focus-key="by-hand" @click=${() => this.entry.byHand()}>${msg('用数字键输入')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-bp-entry': BloodPressureEntry;
  }
}
