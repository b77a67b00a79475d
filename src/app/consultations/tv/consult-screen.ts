import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../../shared/consultations/schemas.js';
import type { PatientRecord } from '../../../shared/directory/schemas.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import type { DoctorChoice } from '../../../shared/consultations/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, sessionContext, waitingRoomContext, settingsContext } from '../../state/contexts.js';
import { type Settings } from '../../state/settings.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { ConsultSteps, consultStepStyles } from '../consult-steps.js';
import { KeepFocus } from '../../input/keep-focus.js';
import { tvScreen } from '../../design/screen-styles.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../waiting-room.js';
import { tvCall } from '../../call/paths.js';
import { tvWaiting } from '../paths.js';
import * as consultationsApi from '../api.js';
import * as directoryApi from '../../directory/api.js';

/**
 * 视频问诊: ask for the family doctor (by name) or the doctor on duty, after a short pre-call check
 * (own picture, microphone level, a test tone; skippable with one press, not asked again for a
 * while once it passed), then into the waiting room. Consultations already arranged are listed
 * first and join the call directly.
 */
@customElement('dah-consult-screen')
@localized()
export class ConsultScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    consultStepStyles,
    css`
      .waiting {
        margin-bottom: var(--dah-space);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  @consume({ context: waitingRoomContext }) room!: WaitingRoom;
  @state() private consultations: ConsultationSummary[] | null = null;
  @state() private error: string | null = null;
  @state() private record: PatientRecord | null = null;
  private readonly steps = new ConsultSteps(this, {
    settings: () => this.settings,
    queue: async (doctor) => {
      if (await this.room.join({ doctor, urgency: 'routine' })) this.go(tvWaiting.build());
    },
  });
  private readonly watcher = new WaitingRoomWatcher(this, () => this.room);
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    if (this.actor?.kind === 'tv') {
      directoryApi.patient(this.api, this.actor.id).then(
        (record) => (this.record = record),
        () => undefined, // Without the name the choice still says 家庭医生.
      );
    }
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.consultations = (await consultationsApi.myConsultations(this.api)).consultations;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    const step = this.steps.step;
    switch (step.kind) {
      case 'choose':
        return this.renderChoose();
      case 'check':
        return this.renderCheck(step.doctor);
      case 'joining':
        return this.renderJoining(step.doctor);
    }
  }

  private renderChoose() {
    const place = this.room.waiting ? this.room.place : null;
    return html`<h1>${msg('视频问诊')}</h1>
      ${
        place
          ? html`<div class="waiting">
              <p role="status">${msg('您已经在排队了。')}${positionText(place)}</p>
              <button
                class="primary"
                data-autofocus
                data-focus-key="waiting"
                @click=${() => this.go(tvWaiting.build())}
              >
                ${msg('回到等候室')}
              </button>
            </div>`
          : null
      }
      ${this.renderArranged()}`;
  }

  /** The consultations already arranged, then the choice of doctor (once the list has loaded). */
  private renderArranged() {
    if (this.error) {
      return html`<dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        ${this.renderChoices()}`;
    }
    if (!this.consultations) return html`<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    if (this.consultations.length === 0) {
      return html`<dah-state-message message=${msg('现在没有安排好的视频问诊。')}></dah-state-message>
        ${this.renderChoices()}`;
    }
    return html`<h2>${msg('已经约好的视频问诊')}</h2>
      <ul>
        ${this.consultations.map(
          (c, index) =>
            html`<li>
              <button
                ?data-autofocus=${index === 0}
                data-focus-key=${c.id}
                @click=${() => this.go(tvCall.build({ consultationId: c.id }))}
              >
                ${msg(str`和${c.doctor.displayName}医生视频（${c.doctor.organisationName}）：${c.reason}`)}
              </button>
            </li>`,
        )}
      </ul>
      ${this.renderChoices()}`;
  }

  private renderChoices() {
    const doctor = this.record?.familyDoctor;
    return html`<h2>${msg('现在找医生视频')}</h2>
      <div class="choices">
        <button class="choice" data-focus-key="family" @click=${() => this.steps.choose('family')}>
          <strong>${msg('家庭医生')}</strong>
          <span>${doctor ? `${doctor.displayName}（${doctor.organisationName}）` : msg('您签约的医生')}</span>
        </button>
        <button class="choice" data-focus-key="on-duty" @click=${() => this.steps.choose('on-duty')}>
          <strong>${msg('值班医生')}</strong>
          <span>${msg('现在值班的医生，谁有空谁来')}</span>
        </button>
      </div>`;
  }

  private renderCheck(doctor: DoctorChoice) {
    const check = this.steps.devices.check;
    return this.steps.renderCheck(
      doctor,
      msg('看看画面，说几句话，再听听声音：医生那边就能看得清、听得见。'),
      check.kind === 'ok' && !check.hasCamera
        ? html`<span>${msg('这台电视没有摄像头，可以只用声音和医生通话；医生的画面照样能看到。')}</span>`
        : null,
    );
  }

  private renderJoining(doctor: DoctorChoice) {
    const problem = this.room.problem;
    if (!problem || this.room.busy) {
      return html`<h1>${msg('视频问诊')}</h1>
        <dah-progress
          label=${doctor === 'family' ? msg('正在为您排队等家庭医生…') : msg('正在为您排队等值班医生…')}
        ></dah-progress>`;
    }
    return html`<h1>${msg('视频问诊')}</h1>
      <p role="alert">${problem}</p>
      <div class="actions">
        <button class="primary" data-autofocus data-focus-key="retry" @click=${() => this.steps.join(doctor)}>
          ${msg('再试一次')}
        </button>
        <button data-focus-key="back" @click=${() => this.steps.show({ kind: 'choose' })}>
          ${msg('重新选医生')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-consult-screen': ConsultScreen;
  }
}
