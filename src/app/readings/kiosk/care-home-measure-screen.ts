import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../../shared/directory/schemas.js';
import { classifyReading } from '../../../shared/readings/rolling.js';
import type { ReadingDevice, ReadingValues } from '../../../shared/readings/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { kioskConsult } from '../../consultations/paths.js';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { kioskHome } from '../../home/paths.js';
import { KeepFocus } from '../../input/keep-focus.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { deviceMadeId } from '../../offline/outbox.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, outboxContext, sessionContext } from '../../state/contexts.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { icon } from '../../ui/icons.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { BloodPressureTakenEvent } from '../bp-entry.js';
import '../bp-entry.js';
import { valuesText } from '../entry.js';
import { kioskMeasure } from '../paths.js';
import { serverTimeOf } from '../taken-at.js';
import { COLOUR_ICON, adviceText, colourWord, messageText } from '../words.js';
import { roomOf } from '../../../shared/directory/find-resident.js';
import * as directoryApi from '../../directory/api.js';
import { colourWordStyles } from '../colour-styles.js';

interface Taken {
  values: ReadingValues;
}

/**
 * A care home's morning round (issue 14 §8): the nurse signed in on the kiosk measures one
 * resident's blood pressure (the cuff or the number pad), sees the colour, word and advice, and
 * goes on with one press to the next resident on the list, whose pad is ready at once; or asks a
 * doctor for this resident from the result. Each reading is the resident's, taken by the nurse
 * (the API records the staff member as its author), stored through the kiosk's one outbox, judged
 * as an office reading (taken by staff). Nothing stays after the screen: the next resident's
 * screen is a new one, and the kiosk's idle sign-out replaces it (app-root: router reset).
 */
@customElement('dah-kiosk-measure')
@localized()
export class KioskMeasureScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    colourWordStyles,
    css`
      h1 {
        font-size: var(--dah-font-heading);
        margin: 0 0 var(--dah-space);
      }
      .actions button {
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
      [role='alert'] {
        color: var(--dah-danger);
      }
    `,
  ];

  /** The resident being measured. */
  @property({ attribute: 'patient-id' }) patientId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: outboxContext }) outbox!: OutboxController;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  /** The care home's residents in the list's order: who comes next. */
  @state() private residents: PatientRecord[] | null = null;
  @state() private loadError: string | null = null;
  @state() private taken: Taken | null = null;
  @state() private problem: string | null = null;
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = null;
    try {
      this.residents = (await directoryApi.patients(this.api)).patients;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  private get resident(): PatientRecord | null {
    return this.residents?.find((r) => r.id === this.patientId) ?? null;
  }

  /** The next resident on the care home's list (the finder's order), or null after the last. */
  private get next(): PatientRecord | null {
    const list = this.residents ?? [];
    const index = list.findIndex((r) => r.id === this.patientId);
    return index >= 0 ? (list[index + 1] ?? null) : null;
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  private async onTaken(event: BloodPressureTakenEvent): Promise<void> {
    const { values, device, confirmed } = event;
    try {
      await this.enqueue(values, device, confirmed);
    } catch {
      this.problem = msg('没能保存在这台终端上，请再量一次。');
      return;
    }
    this.problem = null;
    this.taken = { values };
  }

  /** On the kiosk's disk first (an id made here), then sent exactly once by the outbox. */
  private enqueue(values: ReadingValues, device: ReadingDevice | null, confirmed: boolean) {
    const staffId = this.actor?.staff?.id;
    return this.outbox.enqueue({
      kind: 'reading',
      method: 'POST',
      path: '/api/readings',
      body: {
        id: deviceMadeId(),
        patientId: this.patientId,
        values,
        takenAt: serverTimeOf(this.api),
        source: device ? 'device' : 'manual',
        // Taken by staff: judged against the office thresholds (Chinese hypertension guideline 2018).
        setting: 'office',
        device,
        consultationId: null,
        confirmed,
        dangerSymptoms: false,
        // Who took it: the outbox may deliver it after her shift ended (sign-out, idle sign-out).
        ...(staffId ? { staffId } : {}),
      },
    });
  }

  override render() {
    if (this.loadError && !this.residents) {
      return html`<h1>${msg('量血压')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.loadError}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        ${this.backToList()}`;
    }
    if (!this.residents) return html`<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    const resident = this.resident;
    if (!resident) {
      return html`<h1>${msg('量血压')}</h1>
        <p role="alert">${msg('名单上没有这位居民。请回到居民名单重新选择。')}</p>
        ${this.backToList()}`;
    }
    const room = roomOf(resident.address);
    return html`<h1 data-resident=${resident.id}>
        ${room ? msg(str`为${resident.displayName}（${room}室）量血压`) : msg(str`为${resident.displayName}量血压`)}
      </h1>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : null}
      ${
        this.taken
          ? this.renderResult(resident, this.taken)
          : html`<dah-bp-entry
                autofocus-keys
                @dah-bp-taken=${(e: BloodPressureTakenEvent) => void this.onTaken(e)}
              ></dah-bp-entry>
              <div class="actions">${this.renderNext(false)} ${this.backToList()}</div>`
      }`;
  }

  private renderResult(resident: PatientRecord, taken: Taken) {
    const c = classifyReading({ values: taken.values, setting: 'office' });
    const red = c?.colour === 'red';
    return html`<p class="lead" tabindex="0" data-focus-key="result" data-colour=${c?.colour ?? 'none'}>
        ${resident.displayName} ${valuesText(taken.values)}
      </p>
      ${
        c
          ? html`<p class="colour ${c.colour}">
                ${icon(COLOUR_ICON[c.colour], 1.2)}${colourWord(c.colour)} · ${messageText(c.messageKey)}
              </p>
              <p>${adviceText(c.adviceKey)}</p>`
          : null
      }
      <div class="actions">
        ${this.renderNext(!red)}
        <button
          data-focus-key="consult"
          ?data-autofocus=${red}
          @click=${() => this.go(kioskConsult.build({ patientId: this.patientId }))}
        >
          ${red ? msg(str`现在为${resident.displayName}请医生`) : msg('请医生视频问诊')}
        </button>
        <button data-focus-key="again" @click=${() => (this.taken = null)}>${msg('再量一次')}</button>
        ${this.backToList()}
      </div>`;
  }

  /** One press from a result to the next resident's pad (a care home measures dozens in a morning). */
  private renderNext(autofocus: boolean) {
    const next = this.next;
    if (!next) return html`<p class="muted">${msg('这是名单上的最后一位居民。')}</p>`;
    const room = roomOf(next.address);
    return html`<button
      data-focus-key="next"
      ?data-autofocus=${autofocus}
      @click=${() => this.go(kioskMeasure.build({ patientId: next.id }))}
    >
      ${room ? msg(str`下一位：${next.displayName}（${room}室）`) : msg(str`下一位：${next.displayName}`)}
    </button>`;
  }

  private backToList() {
    return html`<button data-focus-key="list" @click=${() => this.go(kioskHome.build())}>
      ${msg('回到居民名单')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-measure': KioskMeasureScreen;
  }
}
