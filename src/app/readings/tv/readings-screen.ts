import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { checkPlausibility } from '../../../shared/readings/plausibility.js';
import { classifyReading } from '../../../shared/readings/rolling.js';
import type { Measure, ReadingDevice, ReadingValues } from '../../../shared/readings/schemas.js';
import { errorMessage } from '../../api/error-messages.js';
import { tvEmergency } from '../../consultations/paths.js';
import { KeepFocus } from '../../input/keep-focus.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { deviceMadeId, OutboxFullError } from '../../offline/outbox.js';
import { NavigateEvent } from '../../router/events.js';
import type { ApiClient } from '../../api/api-client.js';
import { apiContext, outboxContext, sessionContext, settingsContext } from '../../state/contexts.js';
import type { Settings } from '../../state/settings.js';
import { icon } from '../../ui/icons.js';
import { NumberSubmitEvent } from '../../ui/number-pad.js';
import '../../ui/number-pad.js';
import type { DeviceState, MeasuringDevice } from '../devices/device.js';
import { readingFromDevice } from '../device-reading.js';
import {
  ENTRY_FIELDS,
  MEASURES,
  fieldValue,
  shownValue,
  valuesOf,
  valuesText,
  type FieldName,
  type GlucoseContext,
} from '../entry.js';
import { tvTrends } from '../paths.js';
import { serverTimeOf } from '../taken-at.js';
import { readingsScreenStyles } from './readings-screen.styles.js';
import {
  COLOUR_ICON,
  adviceText,
  deviceErrorText,
  colourWord,
  deviceStateText,
  fieldLabel,
  glucoseContextText,
  measureName,
  messageText,
} from '../words.js';

/** The author may correct or withdraw a reading this long after taking it (the API's window). */
export const EDIT_WINDOW_MS = 10 * 60_000;

interface Taken {
  id: string;
  values: ReadingValues;
  takenAt: number;
  /** What it replaced (a correction), shown so a change is never silent. */
  replaced: ReadingValues | null;
  withdrawn: boolean;
}

type Phase = 'entry' | 'confirm' | 'device' | 'result';

/**
 * 健康测量: pick a measure, then measure with a device (the simulated one, or Web Bluetooth when
 * the browser has it) or type the numbers with the remote; the result has a colour, a word, an
 * icon and one line of advice, and a red one offers to call the doctor at once. Every reading goes
 * to the outbox (on disk first, an id made here, sent exactly once). Blood pressure by remote from
 * Home: →, →, OK, the digits, OK (the pad is focused on arrival and a 3-digit number moves on by itself).
 */
@customElement('dah-readings-screen')
@localized()
export class ReadingsScreen extends LitElement {
  static override styles = readingsScreenStyles;

  /**
   * Measuring during a call (the call screen's 测量 panel): the consultation the reading is taken
   * in, so that it reaches the doctor's call screen at once (issue 14 item 7). Empty: not in a call.
   */
  @property({ attribute: 'consultation-id' }) consultationId = '';
  /** The resident measured, when not the TV's own (a care-home kiosk's call is for one of its residents). */
  @property({ attribute: 'patient-id' }) patientFor = '';
  /** office: measured by care-home staff (judged against the office thresholds); home: by the resident. */
  @property() setting: 'home' | 'office' = 'home';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: outboxContext }) outbox!: OutboxController;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  @state() private measure: Measure = 'blood_pressure';
  /** When the glucose was taken: its classification depends on it, so it is asked before the digits. */
  @state() private glucoseContext: GlucoseContext | null = null;
  @state() private phase: Phase = 'entry';
  @state() private fieldIndex = 0;
  @state() private digits = '';
  @state() private entered: Partial<Record<FieldName, number>> = {};
  @state() private problem: string | null = null;
  @state() private pending: ReadingValues | null = null;
  @state() private taken: Taken | null = null;
  @state() private correcting: Taken | null = null;
  @state() private deviceState: DeviceState = { step: 'idle' };
  @state() private now = Date.now();
  private device: MeasuringDevice | null = null;
  private readonly keepFocus = new KeepFocus(this);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.device?.disconnect();
  }

  /** The resident this reading is for: a TV acts for its own resident. */
  private get patientId(): string {
    return this.patientFor || (this.actor?.id ?? '');
  }

  private get inCall(): boolean {
    return this.consultationId !== '';
  }

  private choose(measure: Measure): void {
    this.measure = measure;
    this.glucoseContext = null;
    this.restart();
  }

  private restart(): void {
    this.phase = 'entry';
    this.fieldIndex = 0;
    this.digits = '';
    this.entered = {};
    this.problem = null;
    this.pending = null;
  }

  private onDigits(event: Event): void {
    this.digits = (event.target as HTMLInputElement).value;
    this.problem = null;
  }

  private onSubmit(event: NumberSubmitEvent): void {
    const fields = ENTRY_FIELDS[this.measure];
    const field = fields[this.fieldIndex];
    if (!field) return;
    const value = fieldValue(field, event.value);
    if (value < field.min || value > field.max) {
      this.problem = msg(
        str`${shownValue(field, event.value)} ${field.unit} 不在可能的范围内（${field.min}–${field.max} ${field.unit}），请重新输入。`,
      );
      this.digits = '';
      return;
    }
    this.entered = { ...this.entered, [field.name]: value };
    this.digits = '';
    if (this.fieldIndex < fields.length - 1) {
      this.fieldIndex += 1;
      return;
    }
    const values = valuesOf(this.measure, this.entered, this.glucoseContext ?? 'random');
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
    void this.store(values, false);
  }

  /** On disk first, then sent by the outbox; the result shows at once (classified here, as the API will). */
  private async store(
    values: ReadingValues,
    confirmed: boolean,
    device: Parameters<typeof readingFromDevice>[0] | null = null,
  ): Promise<void> {
    const id = deviceMadeId();
    const takenAt = new Date();
    const replaced = this.correcting;
    const fromDevice = device ? readingFromDevice(device) : null;
    try {
      await this.enqueue(id, takenAt, values, confirmed, replaced, fromDevice?.device ?? null);
    } catch (error) {
      // Nothing was kept (storage full past what the outbox holds in memory, or refused): say so
      // rather than show a result that is not stored.
      this.problem =
        error instanceof OutboxFullError ? errorMessage(error) : msg('没能保存在电视上，请再试一次。');
      this.phase = 'entry';
      return;
    }
    this.taken = {
      id,
      values,
      takenAt: takenAt.getTime(),
      replaced: replaced?.values ?? null,
      withdrawn: false,
    };
    this.correcting = null;
    this.now = Date.now();
    this.phase = 'result';
  }

  private async enqueue(
    id: string,
    takenAt: Date,
    values: ReadingValues,
    confirmed: boolean,
    replaced: Taken | null,
    device: ReadingDevice | null,
  ): Promise<void> {
    if (replaced) {
      await this.outbox.enqueue({
        kind: 'reading',
        method: 'POST',
        path: `/api/readings/${encodeURIComponent(replaced.id)}/correction`,
        body: { id, values, confirmed },
      });
    } else {
      await this.outbox.enqueue({
        kind: 'reading',
        method: 'POST',
        path: '/api/readings',
        body: {
          id,
          patientId: this.patientId,
          values,
          takenAt: serverTimeOf(this.api, takenAt.getTime()),
          source: device ? 'device' : 'manual',
          setting: this.setting,
          device,
          consultationId: this.consultationId || null,
          confirmed,
          dangerSymptoms: false,
          // A care-home kiosk's call: the nurse who took it, so the outbox may deliver it after her shift.
          ...(this.actor?.kind === 'kiosk' && this.actor.staff ? { staffId: this.actor.staff.id } : {}),
        },
      });
    }
  }

  private async withdraw(): Promise<void> {
    const taken = this.taken;
    if (!taken || taken.withdrawn) return;
    // Its own outbox id (the body is not read): it leaves after the reading it withdraws.
    await this.outbox.enqueue({
      kind: 'reading',
      method: 'POST',
      path: `/api/readings/${encodeURIComponent(taken.id)}/withdrawal`,
      body: { id: `${taken.id}-withdrawal` },
    });
    this.taken = { ...taken, withdrawn: true };
  }

  private correct(): void {
    this.correcting = this.taken;
    const values = this.taken?.values;
    this.measure = values?.measure ?? this.measure;
    // A correction keeps when the glucose was taken; only the number was wrong.
    this.glucoseContext = values?.measure === 'glucose' ? values.context : null;
    this.restart();
  }

  private get deviceAvailable(): boolean {
    if (this.measure !== 'blood_pressure') return false;
    if (this.settings.measuringDevice === 'simulated') return true;
    return this.settings.measuringDevice === 'bluetooth' && 'bluetooth' in navigator;
  }

  private async measureWithDevice(): Promise<void> {
    this.phase = 'device';
    this.deviceState = { step: 'searching' };
    await this.device?.disconnect();
    const device =
      this.settings.measuringDevice === 'simulated'
        ? new (await import('../devices/simulated.js')).SimulatedDevice('blood_pressure')
        : new (await import('../devices/web-bluetooth.js')).WebBluetoothDevice('blood_pressure');
    this.device = device;
    device.onState((s) => (this.deviceState = s));
    device.onReading((reading) => {
      const converted = readingFromDevice(reading);
      if (!converted) return;
      if (converted.problem === 'cuff_error') {
        this.deviceState = { step: 'error', error: 'cuff_error' };
        return;
      }
      void this.store(converted.values, true, reading);
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
    return html`<h1>${this.inCall ? msg('测量给医生看') : msg('健康测量')}</h1>
      ${this.phase === 'result' ? this.renderResult() : this.phase === 'confirm' ? this.renderConfirm() : this.phase === 'device' ? this.renderDevice() : this.renderEntry()}`;
  }

  private renderMeasures() {
    return html`<div class="measures" role="group" aria-label=${msg('测量什么')}>
      ${MEASURES.map(
        (m) =>
          html`<button
            aria-pressed=${m === this.measure ? 'true' : 'false'}
            data-focus-key=${`measure-${m}`}
            @click=${() => this.choose(m)}
          >
            ${measureName(m)}
          </button>`,
      )}
      ${
        this.inCall
          ? null
          : html`<button
              data-focus-key="trends"
              @click=${() => this.dispatchEvent(new NavigateEvent(tvTrends.build()))}
            >
              ${msg('看趋势')}
            </button>`
      }
    </div>`;
  }

  private renderEntry() {
    if (this.measure === 'glucose' && this.glucoseContext === null) return this.renderGlucoseContext();
    const fields = ENTRY_FIELDS[this.measure];
    const field = fields[this.fieldIndex] ?? fields[0];
    if (!field) return null;
    const done = fields.slice(0, this.fieldIndex).map(
      (f) =>
        html`<dt>${fieldLabel(f.name)}</dt>
          <dd>${this.entered[f.name]} ${f.unit}</dd>`,
    );
    return html`${this.renderMeasures()}
      ${this.correcting ? html`<p>${msg(str`正在改正：${valuesText(this.correcting.values)}`)}</p>` : null}
      <div class="entry">
        <dah-number-pad
          autofocus-keys
          data-focus-key="pad"
          .value=${this.digits}
          length=${field.length}
          @input=${(e: Event) => this.onDigits(e)}
          @dah-number-submit=${(e: NumberSubmitEvent) => this.onSubmit(e)}
        ></dah-number-pad>
        <div>
          <p class="lead" data-field=${field.name}>${msg(str`请输入${fieldLabel(field.name)}`)}</p>
          ${
            this.measure === 'glucose' && this.glucoseContext
              ? html`<p data-glucose-context=${this.glucoseContext}>
                  ${glucoseContextText(this.glucoseContext)}
                </p>`
              : null
          }
          <p>${shownValue(field, this.digits) || '—'} ${field.unit}</p>
          <p>
            ${msg(str`范围 ${field.min}–${field.max} ${field.unit}`)}${field.tenths ? msg('（最后一位是小数）') : ''}
          </p>
          ${done.length ? html`<dl>${done}</dl>` : null}
          ${this.problem ? html`<p role="alert">${this.problem}</p>` : null}
          ${
            this.settings.measuringDevice === 'bluetooth' && !('bluetooth' in navigator)
              ? html`<p data-no-bluetooth>${deviceErrorText('no_bluetooth')}</p>`
              : null
          }
          ${this.deviceAvailable ? html`<button data-focus-key="device" @click=${() => this.measureWithDevice()}>${msg('用测量仪测量')}</button>` : null}
        </div>
      </div>`;
  }

  /** Fasting, after a meal or any other time: asked first, in the resident's words (clinical.md). */
  private renderGlucoseContext() {
    return html`${this.renderMeasures()}
      <p class="lead" data-field="glucose-context">${msg('这次血糖是什么时候测的？')}</p>
      <div class="actions" role="group" aria-label=${msg('测血糖的时间')}>
        ${(['fasting', 'after_meal', 'random'] as const).map(
          (context, index) =>
            html`<button
              ?data-autofocus=${index === 0}
              data-focus-key=${`glucose-${context}`}
              @click=${() => (this.glucoseContext = context)}
            >
              ${glucoseContextText(context)}
            </button>`,
        )}
      </div>`;
  }

  private renderConfirm() {
    const values = this.pending;
    if (!values) return null;
    return html`<p class="lead" role="alert">${msg(str`${valuesText(values)}：这个数值不太常见。`)}</p>
      <p>${msg('请确认输入没有错。')}</p>
      <div class="actions">
        <button data-autofocus data-focus-key="confirm" @click=${() => void this.store(values, true)}>
          ${msg('没错，保存')}
        </button>
        <button data-focus-key="reenter" @click=${() => this.restart()}>${msg('重新输入')}</button>
      </div>`;
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
      <div class="actions">
        ${s.step === 'error' ? html`<button data-focus-key="device-retry" @click=${() => this.measureWithDevice()}>${msg('再量一次')}</button>` : null}
        <button data-focus-key="by-remote" @click=${() => this.restart()}>${msg('用遥控器输入')}</button>
      </div>`;
  }

  private renderResult() {
    const taken = this.taken;
    if (!taken) return null;
    const c = classifyReading({ values: taken.values, setting: this.setting });
    const editable = !taken.withdrawn && this.now - taken.takenAt < EDIT_WINDOW_MS;
    return html`<p
        class="lead"
        tabindex="0"
        ?data-autofocus=${c?.colour !== 'red' || this.inCall}
        data-focus-key="result"
        data-colour=${c?.colour ?? 'none'}
      >
        ${measureName(taken.values.measure)} ${valuesText(taken.values)}
      </p>
      ${
        c
          ? html`<p class="colour ${c.colour}">
                ${icon(COLOUR_ICON[c.colour], 1.2)}${colourWord(c.colour)} · ${messageText(c.messageKey)}
              </p>
              <p>${adviceText(c.adviceKey)}</p>`
          : null
      }
      ${taken.replaced ? html`<p>${msg(str`已改正，原来是 ${valuesText(taken.replaced)}`)}</p>` : null}
      ${this.inCall ? html`<p data-sent-to-doctor>${msg('医生在通话里马上就能看到这次测量。')}</p>` : null}
      ${taken.withdrawn ? html`<p role="status">${msg('这次测量已撤回，医生会看到撤回的记录。')}</p>` : null}
      <div class="actions">
        ${
          c?.colour === 'red' && !this.inCall
            ? html`<button
                data-autofocus
                data-focus-key="call-now"
                @click=${() => this.dispatchEvent(new NavigateEvent(tvEmergency.build()))}
              >
                ${msg('现在呼叫医生')}
              </button>`
            : null
        }
        <button data-focus-key="again" @click=${() => this.restart()}>${msg('再测一次')}</button>
        ${
          editable
            ? html`<button data-focus-key="correct" @click=${() => this.correct()}>
                  ${msg('输错了，改正')}
                </button>
                <button data-focus-key="withdraw" @click=${() => void this.withdraw()}>
                  ${msg('撤回这次测量')}
                </button>`
            : null
        }
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-readings-screen': ReadingsScreen;
  }
}
