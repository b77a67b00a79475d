import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { classifyReading } from '../../../shared/readings/rolling.js';
import type {
  KioskVisit,
  ReadingDevice,
  ReadingSeries,
  ReadingValues,
} from '../../../shared/readings/schemas.js';
import {
  SERIES_GAP_MS,
  SERIES_READINGS,
  SERIES_REST_MS,
  seriesResult,
} from '../../../shared/readings/series.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { KeepFocus } from '../../input/keep-focus.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { deviceMadeId } from '../../offline/outbox.js';
import { kioskVisitConsult } from '../../consultations/paths.js';
import { kioskVisitMedicines } from '../../pharmacy/paths.js';
import { NavigateEvent } from '../../router/events.js';
import type { UserActivity } from '../../input/user-activity.js';
import { apiContext, kioskVisitContext, outboxContext, userActivityContext } from '../../state/contexts.js';
import { icon } from '../../ui/icons.js';
import { NumberSubmitEvent } from '../../ui/number-pad.js';
import '../../ui/number-pad.js';
import { BloodPressureTakenEvent } from '../bp-entry.js';
import '../bp-entry.js';
import { valuesText } from '../entry.js';
import { COLOUR_ICON, adviceText, colourWord, messageText } from '../words.js';
import { realClock, type VisitClock } from './visit-clock.js';
import { selfServiceStyles } from './self-service.styles.js';
import { serverTimeOf } from '../taken-at.js';
import { CardVisitEvent } from './card-identify.js';
import './card-identify.js';
import { VISIT_IDLE_MS, type KioskVisitController } from './kiosk-visit.js';
import * as readingsApi from '../../readings/api.js';

export { VISIT_IDLE_MS } from './kiosk-visit.js';

type Step =
  | { kind: 'card' }
  | { kind: 'birth'; suffix: string }
  | { kind: 'identifying'; suffix: string }
  | { kind: 'rest'; endsAt: number }
  | { kind: 'measure'; index: number }
  | { kind: 'gap'; next: number; endsAt: number }
  | { kind: 'result'; values: ReadingValues };

/** 19460312 → 1946-03-12, or null when it is not a date. */
function birthDateOf(digits: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  return valid ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The health station's self-service kiosk (智慧健康驿站, the 5G cloud clinic): a resident identifies
 * with the ID card's last 4 characters and the date of birth, then measures with the validated
 * protocol (shared/readings/series.ts): a quiet rest, three readings a minute apart, the mean of
 * the last two as the result, all three kept. Each reading goes through the kiosk's one outbox
 * under one series id; the API checks the result against them. 结束 or a minute without a touch
 * or a key ends the visit (the API's too) and the screen starts again empty. Opens without a
 * staff member signed in (RouteDef.withoutStaff). The waits run on `SelfServiceScreen.clock`.
 */
@customElement('dah-self-service')
@localized()
export class SelfServiceScreen extends LitElement {
  /** Tests give a clock they move on (the rest and the minute between readings are real minutes). */
  static clock: VisitClock = realClock;

  static override styles = selfServiceStyles;

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: outboxContext }) outbox!: OutboxController;
  /** The visit beyond this screen: a doctor (请医生看看) and 续药 keep it; its end clears this screen. */
  @consume({ context: kioskVisitContext }) visit!: KioskVisitController;
  /** Every key and touch (the key router's): each restarts the screen's idle minute. */
  @consume({ context: userActivityContext }) activity!: UserActivity;
  @state() private step: Step = { kind: 'card' };
  @state() private digits = '';
  @state() private problem: string | null = null;
  @state() private patient: { id: string; displayName: string } | null = null;
  /** The API's visit: named in each reading, so the outbox may deliver them after the visit ends. */
  private visitId: string | null = null;
  @state() private parts: ReadingValues[] = [];
  @state() private remainingS = 0;
  private seriesId = deviceMadeId();
  private cancelTick: (() => void) | null = null;
  private cancelIdle: (() => void) | null = null;
  private readonly keepFocus = new KeepFocus(this);
  /** Set when the resident goes on to the doctor or to 续药: leaving this screen does not end the visit. */
  private continuing = false;
  private stopWatching: (() => void) | null = null;
  private stopListening: (() => void) | null = null;

  private get clock(): VisitClock {
    return SelfServiceScreen.clock;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopListening = this.activity.subscribe(this.onActivity);
    this.continuing = false;
    // Back from the doctor or 续药: the visit's result again.
    const visit = this.visit;
    if (visit.live && visit.patient) {
      this.patient = visit.patient;
      this.visitId = visit.id;
      if (visit.result) this.go({ kind: 'result', values: visit.result });
    }
    this.stopWatching = visit.watch(() => {
      // The visit ended elsewhere (on another of its screens, a nurse signing in): forget it here too.
      if (!visit.live && this.patient) void this.end();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
    this.stopListening = null;
    this.stopWatching?.();
    // Back left the screen: the visit ends with it (not when it goes on to the doctor or 续药, or
    // the visit's call or summary opens over it).
    if (this.continuing || this.visit.keepsVisit(window.location.pathname)) {
      this.cancelTick?.();
      this.cancelIdle?.();
      this.cancelTick = this.cancelIdle = null;
      return;
    }
    void this.end();
  }

  /** On to the doctor or 续药, in the same visit. */
  private continueTo(path: string): void {
    this.continuing = true;
    this.dispatchEvent(new NavigateEvent(path));
  }

  /** Waiting on the clock (rest, the minute between readings): the resident sits still, that is not idleness. */
  private get waiting(): boolean {
    return this.step.kind === 'rest' || this.step.kind === 'gap' || this.step.kind === 'identifying';
  }

  private readonly onActivity = () => this.restartIdle();

  private restartIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
    if (this.patient === null && this.step.kind === 'card' && !this.digits) return;
    if (this.waiting) return;
    this.cancelIdle = this.clock.after(VISIT_IDLE_MS, () => void this.end());
  }

  /**
   * Ends the visit: the screen forgets everything at once; the visit (kiosk-visit.ts) ends there
   * too, and at the API once the readings are sent.
   */
  async end(): Promise<void> {
    this.cancelTick?.();
    this.cancelIdle?.();
    this.cancelTick = this.cancelIdle = null;
    this.step = { kind: 'card' };
    this.digits = '';
    this.problem = null;
    this.patient = null;
    this.visitId = null;
    this.parts = [];
    this.seriesId = deviceMadeId();
    this.padWanted = true;
    // The visit is what lets this kiosk write the resident's readings: they leave first (kiosk-visit.ts).
    await this.visit.end();
  }

  private go(step: Step): void {
    this.step = step;
    this.digits = '';
    this.restartIdle();
    this.padWanted = step.kind === 'card' || step.kind === 'birth' || step.kind === 'measure';
  }

  /** A step that asks for numbers starts on its pad (it renders inside the entry a moment later). */
  private padWanted = false;

  protected override async updated(): Promise<void> {
    if (!this.padWanted) return;
    const entry = this.shadowRoot?.querySelector('dah-bp-entry');
    await entry?.updateComplete;
    const pad = (entry?.shadowRoot ?? this.shadowRoot)?.querySelector('dah-number-pad');
    if (!pad || !this.padWanted) return;
    await pad.updateComplete;
    this.padWanted = false;
    pad.focus();
  }

  private onCard(event: NumberSubmitEvent | string): void {
    const suffix = typeof event === 'string' ? event : event.value;
    this.problem = null;
    this.go({ kind: 'birth', suffix });
  }

  private async onBirth(event: NumberSubmitEvent, suffix: string): Promise<void> {
    const birthDate = birthDateOf(event.value);
    if (!birthDate) {
      this.problem = msg('这不是一个日期。请按年月日输入8位数字，例如 19460312。');
      this.digits = '';
      return;
    }
    this.go({ kind: 'identifying', suffix });
    try {
      this.started(await readingsApi.startKioskVisit(this.api, suffix, birthDate));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.problem =
        code === 'identification_failed'
          ? msg('没有找到您的健康档案。请核对身份证最后4位和出生日期再试，或请工作人员帮忙。')
          : code === 'too_many_attempts'
            ? msg('试的次数太多，这台终端暂时不能再试。请10分钟后再试，或请工作人员帮忙。')
            : errorMessage(error);
      this.go({ kind: 'card' });
    }
  }

  /** Identified (ID card and birth date, or the QR card): the rest before the first reading. */
  private started(visit: KioskVisit): void {
    this.patient = visit.patient;
    this.visitId = visit.id;
    this.visit.begin(visit);
    this.problem = null;
    this.countDown(SERIES_REST_MS, (endsAt) => ({ kind: 'rest', endsAt }), { kind: 'measure', index: 1 });
  }

  /** A wait in words, second by second on the clock, then the next step. */
  private countDown(ms: number, waiting: (endsAt: number) => Step, then: Step): void {
    const endsAt = this.clock.now() + ms;
    this.go(waiting(endsAt));
    const tick = () => {
      const left = endsAt - this.clock.now();
      this.remainingS = Math.max(0, Math.ceil(left / 1000));
      if (left <= 0) {
        this.cancelTick = null;
        this.go(then);
        return;
      }
      this.cancelTick = this.clock.after(Math.min(1000, left), tick);
    };
    tick();
  }

  private async onTaken(event: BloodPressureTakenEvent, index: number): Promise<void> {
    const { values, device, confirmed } = event;
    try {
      await this.enqueue(values, device, confirmed, { id: this.seriesId, role: 'part', index });
      this.parts = [...this.parts, values];
      if (index < SERIES_READINGS) {
        this.countDown(SERIES_GAP_MS, (endsAt) => ({ kind: 'gap', next: index + 1, endsAt }), {
          kind: 'measure',
          index: index + 1,
        });
        return;
      }
      const result = seriesResult(this.parts);
      if (!result) {
        // A reading without numbers (a special value): the protocol starts again.
        this.problem = msg('有一次没有量出数值，请重新测量三次。');
        this.parts = [];
        this.seriesId = deviceMadeId();
        this.go({ kind: 'measure', index: 1 });
        return;
      }
      await this.enqueue(result, null, true, { id: this.seriesId, role: 'result' });
      this.visit.setResult(result);
      this.go({ kind: 'result', values: result });
    } catch {
      this.problem = msg('没能保存在这台终端上，请再量一次。');
    }
  }

  private enqueue(
    values: ReadingValues,
    device: ReadingDevice | null,
    confirmed: boolean,
    series: ReadingSeries,
  ) {
    return this.outbox.enqueue({
      kind: 'reading',
      method: 'POST',
      path: '/api/readings',
      body: {
        id: deviceMadeId(),
        patientId: this.patient?.id ?? '',
        values,
        takenAt: serverTimeOf(this.api, this.clock.now()),
        source: device ? 'device' : 'manual',
        // Unattended at a kiosk: judged as a home reading, against 135/85 (Chinese hypertension guideline 2018).
        setting: 'home',
        device,
        consultationId: null,
        confirmed,
        dangerSymptoms: false,
        series,
        ...(this.visitId ? { visitId: this.visitId } : {}),
      },
    });
  }

  override render() {
    return html`<h1>
        ${this.patient ? msg(str`${this.patient.displayName}，您好：自助量血压`) : msg('自助量血压')}
      </h1>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : null} ${this.renderStep()}
      ${
        this.patient
          ? html`<div class="actions">
              <button data-focus-key="end" @click=${() => void this.end()}>${msg('结束，回到开始')}</button>
            </div>`
          : null
      }`;
  }

  private renderStep() {
    const step = this.step;
    switch (step.kind) {
      case 'card':
        return this.renderPad(msg('请输入身份证的最后4位'), 4, (e) => this.onCard(e), true);
      case 'birth':
        return this.renderPad(
          msg('请输入出生日期：年月日8位数字，例如 19460312'),
          8,
          (e) => void this.onBirth(e, step.suffix),
          false,
        );
      case 'identifying':
        return html`<p class="lead" role="status">${msg('正在查找您的健康档案…')}</p>`;
      case 'rest':
        return html`<p class="lead" role="status" tabindex="0" data-autofocus data-focus-key="rest">
            ${msg(str`请先安静坐好休息，还有 ${this.remainingS} 秒开始第一次测量。`)}
          </p>
          <p>${msg('双脚平放，背靠椅子，手臂放在桌上和心脏一样高；不要说话。')}</p>`;
      case 'gap':
        return html`<p class="lead" role="status" tabindex="0" data-autofocus data-focus-key="gap">
            ${msg(str`第${step.next - 1}次已记下。请继续安静坐好，${this.remainingS} 秒后量第${step.next}次。`)}
          </p>
          ${this.renderParts()}`;
      case 'measure':
        return html`<p class="lead" data-series-index=${step.index}>
            ${msg(str`第${step.index}次测量（共${SERIES_READINGS}次）`)}
          </p>
          <dah-bp-entry
            autofocus-keys
            @dah-bp-taken=${(e: BloodPressureTakenEvent) => void this.onTaken(e, step.index)}
          ></dah-bp-entry>`;
      case 'result':
        return this.renderResult(step.values);
    }
  }

  private renderPad(lead: string, length: number, submit: (e: NumberSubmitEvent) => void, card: boolean) {
    return html`<div class="entry">
      <dah-number-pad
        autofocus-keys
        data-focus-key=${card ? 'card-pad' : 'birth-pad'}
        .value=${this.digits}
        length=${length}
        min-length=${length}
        @input=${(e: Event) => {
          this.digits = (e.target as HTMLInputElement).value;
          this.problem = null;
          this.restartIdle();
        }}
        @dah-number-submit=${submit}
      ></dah-number-pad>
      <div>
        <p class="lead" data-step=${card ? 'card' : 'birth'}>${lead}</p>
        <p>${this.digits || '—'}</p>
        ${
          card && this.digits.length === 3
            ? html`<button data-focus-key="card-x" @click=${() => this.onCard(`${this.digits}X`)}>
                ${msg('最后一位是 X')}
              </button>`
            : null
        }
        <dah-kiosk-card-identify
          .clock=${this.clock}
          @dah-card-visit=${(e: CardVisitEvent) => this.started(e.visit)}
        ></dah-kiosk-card-identify>
      </div>
    </div>`;
  }

  private renderParts() {
    return html`<dl>
      ${this.parts.map(
        (p, i) =>
          html`<dt>${msg(str`第${i + 1}次`)}</dt>
            <dd>${valuesText(p)}${i === 0 ? msg('（只作参考，不算进结果）') : ''}</dd>`,
      )}
    </dl>`;
  }

  private renderResult(values: ReadingValues) {
    const c = classifyReading({ values, setting: 'home' });
    return html`<p
        class="lead"
        tabindex="0"
        data-autofocus
        data-focus-key="result"
        data-colour=${c?.colour ?? 'none'}
      >
        ${msg(str`结果（第2、3次的平均）：${valuesText(values)}`)}
      </p>
      ${
        c
          ? html`<p class="colour ${c.colour}">
                ${icon(COLOUR_ICON[c.colour], 1.2)}${colourWord(c.colour)} · ${messageText(c.messageKey)}
              </p>
              <p>${adviceText(c.adviceKey)}</p>`
          : null
      }
      ${this.renderParts()}
      <div class="next">
        <button
          class="big"
          data-focus-key="visit-consult"
          @click=${() => this.continueTo(kioskVisitConsult.build())}
        >
          ${icon('video', 1.2)}${msg('请医生看看')}
        </button>
        <button
          class="big"
          data-focus-key="visit-medicines"
          @click=${() => this.continueTo(kioskVisitMedicines.build())}
        >
          ${icon('medicine', 1.2)}${msg('续药')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-self-service': SelfServiceScreen;
  }
}
