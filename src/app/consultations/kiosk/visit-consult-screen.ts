import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DoctorChoice, QueuePlace } from '../../../shared/consultations/schemas.js';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { KeepFocus } from '../../input/keep-focus.js';
import type { KioskVisitController } from '../../readings/kiosk/kiosk-visit.js';
import { kioskSelfService } from '../../readings/paths.js';
import { visitEnded } from '../../readings/kiosk/visit-ended.js';
import { NavigateEvent } from '../../router/events.js';
import { kioskVisitContext, kioskWaitingRoomContext, settingsContext } from '../../state/contexts.js';
import type { Settings } from '../../state/settings.js';
import '../../ui/progress.js';
import { ConsultSteps, consultStepStyles } from '../consult-steps.js';
import { kioskJoinOutcome } from '../kiosk-rules.js';
import { WaitingPlaceController, leaveButtonStyles } from '../waiting-place.js';
import type { WaitingRoom } from '../waiting-room.js';

/** The screen's own step: the request was refused, in words. */
type Refused = { kind: 'refused'; doctor: DoctorChoice; message: string };

/**
 * 请医生看看, in a self-service visit at a health station (issue 14 §9), with nobody to help: the
 * resident asks their family doctor, the doctor on duty, or, 情况紧急, the doctor on duty first in
 * the queue; a short camera and microphone check (consult-steps.ts); then the wait, here, in
 * words. A doctor admitting opens the call by itself (consultation-place.ts), its summary after
 * it, then back to the visit's result. The visit does not idle out while waiting or in the call
 * (readings/kiosk/kiosk-visit.ts); once it has ended, this screen shows nobody.
 */
@customElement('dah-visit-consult')
@localized()
export class VisitConsultScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    consultStepStyles,
    leaveButtonStyles,
    css`
      .choice.urgent {
        background: var(--dah-emergency-bg);
        color: var(--dah-on-emergency);
      }
      .choice.urgent:focus {
        background: var(--dah-accent);
        color: #000;
      }
      .actions button,
      button.leave {
        min-height: var(--dah-target);
        margin: var(--dah-space) var(--dah-space) 0 0;
      }
    `,
  ];

  @consume({ context: kioskVisitContext }) visit!: KioskVisitController;
  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  @consume({ context: kioskWaitingRoomContext }) room!: WaitingRoom;
  @state() private urgent = false;
  private stopWatching: (() => void) | null = null;
  private readonly steps = new ConsultSteps<Refused>(this, {
    settings: () => this.settings,
    queue: (doctor) => this.queue(doctor),
  });
  private readonly waiting = new WaitingPlaceController(this, () => this.room, kioskSelfService.build());
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatching = this.visit.watch(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  private async queue(doctor: DoctorChoice): Promise<void> {
    const patient = this.visit.patient;
    if (!patient) return;
    const joined = await this.room.join({
      doctor,
      patientId: patient.id,
      urgency: this.urgent ? 'urgent' : 'routine',
      reason: msg('在健康驿站自助测量后'),
    });
    const outcome = kioskJoinOutcome(patient.id, joined, this.room.place, this.room.problem);
    if (outcome.kind === 'waiting') {
      this.steps.show({ kind: 'choose' });
      return;
    }
    this.steps.show({
      kind: 'refused',
      doctor,
      message:
        outcome.kind === 'failed'
          ? outcome.message
          : msg(
              '您已经在别处排队等医生了（在自己的电视上，或另一台终端上）。请在那里等；要在这里看，请先在那里取消排队。',
            ),
    });
  }

  private ask(doctor: DoctorChoice, urgent: boolean): void {
    this.urgent = urgent;
    this.steps.choose(doctor);
  }

  override render() {
    const patient = this.visit.patient;
    if (!patient) return this.renderEnded();
    const place = this.room.place;
    if (place && place.patient?.id === patient.id) return this.renderWaiting(patient.displayName, place);
    const step = this.steps.step;
    switch (step.kind) {
      case 'choose':
        return this.renderChoose(patient.displayName);
      case 'check':
        return this.steps.renderCheck(
          step.doctor,
          msg('请看看画面里能不能看到自己，说几句话，再听听声音：医生那边就能看得清、听得见。'),
        );
      case 'joining':
        return html`<h1>${msg('请医生看看')}</h1>
          <dah-progress label=${msg('正在为您排队…')}></dah-progress>`;
      case 'refused':
        return html`<h1>${msg('请医生看看')}</h1>
          <p role="alert">${step.message}</p>
          <div class="actions">
            <button
              class="primary"
              data-autofocus
              data-focus-key="retry"
              @click=${() => this.steps.join(step.doctor)}
            >
              ${msg('再试一次')}
            </button>
            ${this.backToResult()}
          </div>`;
    }
  }

  private backToResult() {
    return html`<button data-focus-key="result" @click=${() => this.go(kioskSelfService.build())}>
      ${msg('回到测量结果')}
    </button>`;
  }

  private renderChoose(name: string) {
    return html`<h1>${msg(str`${name}，请医生看看`)}</h1>
      <p>${msg('医生会通过视频和您说话，看看您的测量结果。请选一位医生：')}</p>
      <div class="choices">
        <button
          class="choice"
          data-autofocus
          data-focus-key="family"
          @click=${() => this.ask('family', false)}
        >
          <strong>${msg('家庭医生')}</strong>
          <span>${msg('给您签约的家庭医生')}</span>
        </button>
        <button class="choice" data-focus-key="on-duty" @click=${() => this.ask('on-duty', false)}>
          <strong>${msg('值班医生')}</strong>
          <span>${msg('现在值班的医生，谁有空谁来')}</span>
        </button>
        <button class="choice urgent" data-focus-key="urgent" @click=${() => this.ask('on-duty', true)}>
          <strong>${msg('情况紧急')}</strong>
          <span>${msg('排在最前面，值班医生马上接诊')}</span>
        </button>
      </div>
      <p class="muted">${msg('情况危急时请马上拨打 120。')}</p>
      <div class="actions">${this.backToResult()}</div>`;
  }

  private renderWaiting(name: string, place: QueuePlace) {
    return html`<h1>${msg(str`${name}，正在等医生`)}</h1>
      ${this.waiting.renderPlace({
        loading: msg('正在查看排队位置…'),
        admitted: () => msg('医生来了，正在接通视频…'),
        notWaiting: {
          message: msg('现在没有在排队。'),
          action: msg('回到测量结果'),
          path: kioskSelfService.build(),
        },
        waiting: (waiting) =>
          html`<p class="muted">
              ${
                waiting.urgency === 'urgent'
                  ? msg('紧急请求：值班医生都已经收到通知。')
                  : waiting.doctor === 'family'
                    ? msg('在等您的家庭医生。')
                    : msg('在等值班医生。')
              }
            </p>
            ${this.waiting.renderPosition(waiting)}
            <p class="muted">${msg('医生准备好以后，视频会自动打开。请坐在屏幕前等一等，不用按任何键。')}</p>
            ${this.waiting.renderProblem()} ${this.waiting.renderLeave(waiting, msg('不等了，取消排队'))}`,
      })}
      ${place.status === 'waiting' ? null : this.backToResult()}`;
  }

  /** The visit has ended (idle, 结束, a new resident): nobody's data, the way back to the start. */
  private renderEnded() {
    return visitEnded(
      this,
      msg('请医生看看'),
      msg('这次自助服务已经结束。要找医生，请重新开始：先核对身份，再量血压。'),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-visit-consult': VisitConsultScreen;
  }
}
