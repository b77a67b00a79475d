import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
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
import type { NumberSubmitEvent } from '../../ui/number-pad.js';
import '../../ui/number-pad.js';
import { ReadingEntry } from '../entry-controller.js';
import { MEASURES, shownValue, valuesText, type GlucoseContext } from '../entry.js';
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
  @state() private taken: Taken | null = null;
  /** The result is on screen (else the entry: the pad, a confirmation or the cuff). */
  @state() private showingResult = false;
  @state() private correcting: Taken | null = null;
  @state() private now = Date.now();
  private readonly entry = new ReadingEntry(this, {
    measure: () => this.measure,
    glucoseContext: () => this.glucoseContext,
    settings: () => this.settings,
    taken: (values, device, confirmed) => void this.store(values, confirmed, device),
  });
  private readonly keepFocus = new KeepFocus(this);

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
    this.showingResult = false;
    this.entry.restart();
  }

  /** On disk first, then sent by the outbox; the result shows at once (classified here, as the API will). */
  private async store(
    values: ReadingValues,
    confirmed: boolean,
    device: ReadingDevice | null,
  ): Promise<void> {
    const id = deviceMadeId();
    const takenAt = new Date();
    const replaced = this.correcting;
    try {
      await this.enqueue(id, takenAt, values, confirmed, replaced, device);
    } catch (error) {
      // Nothing was kept (storage full past what the outbox holds in memory, or refused): say so
      // rather than show a result that is not stored.
      this.entry.refuse(
        error instanceof OutboxFullError ? errorMessage(error) : msg('没能保存在电视上，请再试一次。'),
      );
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
    this.showingResult = true;
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

  override render() {
    return html`<h1>${this.inCall ? msg('测量给医生看') : msg('健康测量')}</h1>
      ${this.showingResult ? this.renderResult() : this.entry.phase === 'confirm' ? this.renderConfirm() : this.entry.phase === 'device' ? this.renderDevice() : this.renderEntry()}`;
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
    const { entry } = this;
    const field = entry.field;
    if (!field) return null;
    const done = entry.done.map(
      (d) =>
        html`<dt>${fieldLabel(d.field.name)}</dt>
          <dd>${d.value} ${d.field.unit}</dd>`,
    );
    return html`${this.renderMeasures()}
      ${this.correcting ? html`<p>${msg(str`正在改正：${valuesText(this.correcting.values)}`)}</p>` : null}
      <div class="entry">
        <dah-number-pad
          autofocus-keys
          data-focus-key="pad"
          .value=${entry.digits}
          length=${field.length}
          @input=${(e: Event) => entry.typed((e.target as HTMLInputElement).value)}
          @dah-number-submit=${(e: NumberSubmitEvent) => entry.submit(e.value)}
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
          <p>${shownValue(field, entry.digits) || '—'} ${field.unit}</p>
          <p>
            ${msg(str`范围 ${field.min}–${field.max} ${field.unit}`)}${field.tenths ? msg('（最后一位是小数）') : ''}
          </p>
          ${done.length ? html`<dl>${done}</dl>` : null}
          ${entry.problem ? html`<p role="alert">${entry.problem}</p>` : null}
          ${entry.bluetoothMissing ? html`<p data-no-bluetooth>${deviceErrorText('no_bluetooth')}</p>` : null}
          ${entry.deviceAvailable ? html`<button data-focus-key="device" @click=${() => entry.measureWithDevice()}>${msg('用测量仪测量')}</button>` : null}
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
    const values = this.entry.pending;
    if (!values) return null;
    return html`<p class="lead" role="alert">${msg(str`${valuesText(values)}：这个数值不太常见。`)}</p>
      <p>${msg('请确认输入没有错。')}</p>
      <div class="actions">
        <button data-autofocus data-focus-key="confirm" @click=${() => this.entry.confirm()}>
          ${msg('没错，保存')}
        </button>
        <button data-focus-key="reenter" @click=${() => this.restart()}>${msg('重新输入')}</button>
      </div>`;
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
      <div class="actions">
        ${s.step === 'error' ? html`<button data-focus-key="device-retry" @click=${() => this.entry.measureWithDevice()}>${msg('再量一次')}</button>` : null}
        <button data-focus-key="by-remote" @click=${() => this.entry.byHand()}>${msg('用遥控器输入')}</button>
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
