import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../../shared/directory/schemas.js';
import type { DoctorChoice } from '../../../shared/consultations/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, kioskWaitingRoomContext, settingsContext } from '../../state/contexts.js';
import { type Settings } from '../../state/settings.js';
import { ConsultSteps, consultStepStyles } from '../consult-steps.js';
import { KeepFocus } from '../../input/keep-focus.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../waiting-room.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { kioskJoinOutcome } from '../kiosk-rules.js';
import { kioskWaiting } from '../paths.js';
import { kioskHome } from '../../home/paths.js';
import { kioskHomeVisit } from '../../schedule/paths.js';
import * as directoryApi from '../../directory/api.js';

/** The kiosk's own step: the request was refused, in words. */
type Refused = { kind: 'refused'; doctor: DoctorChoice; message: string };

/**
 * 请医生视频问诊 for one resident of the care home, asked by the nurse signed in on the kiosk:
 * the resident's family doctor (by name) or the doctor on duty, an optional reason, 情况紧急 (the
 * doctor on duty, first in the queue), a short camera and microphone check (skippable, not asked
 * again for a while once it passed), then the kiosk's waiting room. One request per kiosk at a
 * time: while it waits for someone, this screen says so and leads back to that wait.
 */
@customElement('dah-kiosk-consult')
@localized()
export class KioskConsultScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    consultStepStyles,
    css`
      input {
        width: calc(960 * var(--dah-px));
        max-width: 100%;
      }
      button.urgent[aria-pressed='true'] {
        background: var(--dah-emergency-bg);
        color: var(--dah-on-emergency);
      }
      .row {
        margin: var(--dah-space) 0;
      }
    `,
  ];

  /** The resident the nurse picked. */
  @property({ attribute: 'patient-id' }) patientId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  @consume({ context: kioskWaitingRoomContext }) room!: WaitingRoom;
  @state() private record: PatientRecord | null = null;
  @state() private loadError: string | null = null;
  @state() private urgent = false;
  private reason = '';
  private readonly steps = new ConsultSteps<Refused>(this, {
    settings: () => this.settings,
    queue: (doctor) => this.queue(doctor),
  });
  private readonly watcher = new WaitingRoomWatcher(this, () => this.room);
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = null;
    try {
      this.record = await directoryApi.patient(this.api, this.patientId);
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  /** Asks for a place for this resident; the waiting room, or why not in words. */
  private async queue(doctor: DoctorChoice): Promise<void> {
    const joined = await this.room.join({
      doctor,
      patientId: this.patientId,
      urgency: this.urgent ? 'urgent' : 'routine',
      reason: this.reason.trim(),
    });
    const outcome = kioskJoinOutcome(this.patientId, joined, this.room.place, this.room.problem);
    switch (outcome.kind) {
      case 'waiting':
        this.go(kioskWaiting.build());
        return;
      case 'kiosk-busy':
        this.steps.show({
          kind: 'refused',
          doctor,
          message: msg(
            str`这台终端正在为${outcome.waitingFor}排队。一台终端一次只能为一位居民找医生：请先回到等候页面，等这次问诊结束或取消排队，再为${this.name()}找医生。`,
          ),
        });
        return;
      case 'resident-busy':
        this.steps.show({
          kind: 'refused',
          doctor,
          message: msg(
            str`${this.name()}已经在别处排队了（在自己的电视上，或另一台终端上）。请在那里等医生；要在这里看，请先在那里取消排队。`,
          ),
        });
        return;
      case 'failed':
        this.steps.show({ kind: 'refused', doctor, message: outcome.message });
        return;
    }
  }

  private name(): string {
    return this.record?.displayName ?? msg('这位居民');
  }

  override render() {
    if (this.loadError && !this.record) {
      return html`<h1>${msg('请医生视频问诊')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.loadError}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        ${this.backToList()}`;
    }
    if (!this.record) return html`<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    const step = this.steps.step;
    switch (step.kind) {
      case 'choose':
        return this.renderChoose(this.record);
      case 'check':
        return this.steps.renderCheck(
          step.doctor,
          msg('请老人看看画面、说几句话，再听听声音：医生那边就能看得清、听得见。'),
        );
      case 'joining':
        return html`<h1>${msg(str`为${this.name()}请医生视频问诊`)}</h1>
          <dah-progress label=${msg(str`正在为${this.name()}排队…`)}></dah-progress>`;
      case 'refused':
        return this.renderRefused(step.doctor, step.message);
    }
  }

  /** The kiosk already waits for a doctor: back to that wait. */
  private backToWaiting() {
    return html`<button
      class="primary"
      data-autofocus
      data-focus-key="waiting"
      @click=${() => this.go(kioskWaiting.build())}
    >
      ${msg('回到等候页面')}
    </button>`;
  }

  private backToList() {
    return html`<button data-focus-key="list" @click=${() => this.go(kioskHome.build())}>
      ${msg('回到居民名单')}
    </button>`;
  }

  private renderChoose(record: PatientRecord) {
    const place = this.room.place;
    const busy = place && place.status === 'waiting';
    if (busy) {
      const who = place.patient?.displayName ?? msg('另一位居民');
      return html`<h1>${msg(str`为${record.displayName}请医生视频问诊`)}</h1>
        <p role="status" class="lead">${msg(str`这台终端正在为${who}排队：`)}${positionText(place)}</p>
        <p>${msg('一台终端一次只能为一位居民找医生。这次问诊结束或取消排队以后，再为下一位居民找医生。')}</p>
        <div class="actions">${this.backToWaiting()} ${this.backToList()}</div>`;
    }
    const doctor = record.familyDoctor;
    return html`<h1>${msg(str`为${record.displayName}请医生视频问诊`)}</h1>
      <label for="reason">${msg('哪里不舒服？（可以不填）')}</label>
      <input
        id="reason"
        data-focus-key="reason"
        maxlength="200"
        autocomplete="off"
        .value=${this.reason}
        @input=${(event: Event) => (this.reason = (event.target as HTMLInputElement).value)}
      />
      <div class="row">
        <button
          class="urgent"
          data-focus-key="urgent"
          aria-pressed=${this.urgent ? 'true' : 'false'}
          @click=${() => (this.urgent = !this.urgent)}
        >
          ${this.urgent ? msg('情况紧急：已选（再点一下取消）') : msg('情况紧急？点这里')}
        </button>
        ${
          this.urgent
            ? html`<p class="muted">
                ${msg('紧急的请求排在最前面，由现在值班的医生接诊。情况危急时请马上拨打 120。')}
              </p>`
            : null
        }
      </div>
      <h2>${msg('找哪位医生')}</h2>
      <div class="choices">
        ${
          this.urgent
            ? null
            : html`<button
                class="choice"
                data-autofocus
                data-focus-key="family"
                @click=${() => this.steps.choose('family')}
              >
                <strong>${msg('家庭医生')}</strong>
                <span>${doctor.displayName}（${doctor.organisationName}）</span>
              </button>`
        }
        <button
          class="choice"
          ?data-autofocus=${this.urgent}
          data-focus-key="on-duty"
          @click=${() => this.steps.choose('on-duty')}
        >
          <strong>${msg('值班医生')}</strong>
          <span>${msg('现在值班的医生，谁有空谁来')}</span>
        </button>
      </div>
      <button
        data-focus-key="home-visit"
        @click=${() => this.go(kioskHomeVisit.build({ patientId: this.patientId }))}
      >
        ${msg('申请护士上门')}
      </button>
      ${this.backToList()}`;
  }

  private renderRefused(doctor: DoctorChoice, message: string) {
    const waiting = this.room.waiting;
    return html`<h1>${msg(str`为${this.name()}请医生视频问诊`)}</h1>
      <p role="alert">${message}</p>
      <div class="actions">
        ${
          waiting
            ? this.backToWaiting()
            : html`<button
                class="primary"
                data-autofocus
                data-focus-key="retry"
                @click=${() => this.steps.join(doctor)}
              >
                ${msg('再试一次')}
              </button>`
        }
        ${this.backToList()}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-consult': KioskConsultScreen;
  }
}
