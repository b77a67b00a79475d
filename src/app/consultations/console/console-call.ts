import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import type { ConsultationDetail, QueueEntry } from '../../../shared/consultations/schemas.js';
import type { Reading } from '../../../shared/readings/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
// Static: this whole module loads only when a call opens (app-root imports it on demand).
import { CallHangUpEvent } from '../../call/call-screen.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, sessionContext } from '../../state/contexts.js';
import { icon } from '../../ui/icons.js';
import './console-end-form.js';
import '../../pharmacy/console/prescribe-panel.js';
import './console-invite-panel.js';
import { alertSound, type AlertSound } from './alert-sound.js';
import { consoleStyles } from '../../design/console-styles.js';
import { PushListenerController } from '../../api/push-listener.js';
import { patientFacts } from './waiting-time.js';
import { consoleHome } from '../../home/paths.js';
import { mergeReadings, renderCallReadings } from '../../readings/console/call-readings.js';
import * as consultationsApi from '../api.js';

/** How the ring of a follow-up call went, as the push channel told us. */
type Ring = 'answered' | 'declined' | null;

/**
 * The console's call page: the call itself (dah-call-screen, unchanged) and beside it the
 * clinician's panel: who the patient is and why, the ringing state of a follow-up call,
 * inviting a specialist, and the summary that ends the consultation. A specialist sees only
 * the patient and the reason.
 */
@customElement('dah-console-call')
@localized()
export class ConsoleCall extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      :host {
        height: 100vh;
        box-sizing: border-box;
        padding: var(--dah-safe-y) var(--dah-safe-x);
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 380px;
        grid-column-gap: calc(var(--dah-space) * 2);
        height: 100%;
      }
      .stage {
        position: relative;
        min-height: 0;
        background: #000;
        border-radius: var(--dah-radius);
        overflow: hidden;
      }
      .ended {
        padding: calc(var(--dah-space) * 2);
      }
      aside {
        overflow-y: auto;
        min-height: 0;
      }
      .status {
        font-size: calc(var(--dah-font-body) * 1.2);
        font-weight: 700;
      }
      .kind {
        margin-left: calc(var(--dah-space) / 2);
      }
      dl {
        margin: 0;
      }
      dt {
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
        margin-top: calc(var(--dah-space) / 2);
      }
      dd {
        margin: 0;
      }
      .panel.urgent {
        border: 3px solid var(--dah-emergency-bg);
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private detail: ConsultationDetail | null = null;
  @state() private loadError: string | null = null;
  @state() private ring: Ring = null;
  /** The consultation ended (by push, or it already had when the page opened). */
  @state() private ended = false;
  /** The summary the end push carried (the doctor may have ended it from another page). */
  @state() private endedSummary: ConsultationDetail['summary'] = null;
  /** The doctor left the call but has not ended the consultation yet: the summary is still to do. */
  @state() private hungUp = false;
  @state() private cancelError: string | null = null;
  /** An urgent request that came in during this call (doctors only): the alert reaches them here too. */
  @state() private urgentWaiting: QueueEntry | null = null;
  /** Readings taken during this consultation: its detail's, and each `reading` push as it comes. */
  @state() private readings: Reading[] = [];
  /** The alert sound (tests put a stand-in here). */
  sound: Pick<AlertSound, 'play'> = alertSound;

  private readonly pushes = new PushListenerController(this, (event) => {
    switch (event.type) {
      case 'ring-answered':
        if (event.consultationId !== this.consultationId) return;
        this.ring = event.answered ? 'answered' : 'declined';
        void this.load();
        return;
      case 'ended':
        if (event.consultationId !== this.consultationId) return;
        this.ended = true;
        this.endedSummary = event.summary;
        return;
      case 'queue-changed':
        if (event.urgent && this.isDoctor) void this.checkUrgent();
        return;
      case 'reading':
        // Live in the call (issue 14 item 7): shown at once, without asking the API again.
        if (event.consultationId !== this.consultationId) return;
        this.readings = mergeReadings(this.readings, event.reading);
        return;
      case 'invitation-answered':
        // A specialist who accepted joins the consultation's list.
        if (event.invitation.consultationId === this.consultationId && event.invitation.status === 'accepted')
          void this.load();
        return;
      default:
        return;
    }
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultationId') && this.consultationId) {
      this.detail = null;
      this.ring = null;
      this.ended = false;
      this.endedSummary = null;
      this.hungUp = false;
      this.readings = [];
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const id = this.consultationId;
    try {
      const detail = await consultationsApi.consultation(this.api, id);
      if (id !== this.consultationId) return;
      this.detail = detail;
      // Pushed ones that arrived before this answer stay; the detail's are added (once each).
      this.readings = (detail.readings ?? []).reduce(mergeReadings, this.readings);
      this.loadError = null;
      if (detail.status === 'ended') this.ended = true;
    } catch (error) {
      this.loadError = errorMessage(error);
    }
  }

  /** Someone pressed the red key while this doctor is in a call: say who, and sound the alert. */
  private async checkUrgent(): Promise<void> {
    try {
      const { entries } = await consultationsApi.queue(this.api);
      const first = entries.find((e) => e.urgency === 'urgent') ?? null;
      if (first && first.id !== this.urgentWaiting?.id) void this.sound.play('urgent');
      this.urgentWaiting = first;
    } catch {
      // The console's Home shows the queue and its errors; here the alert is a courtesy.
    }
  }

  /**
   * The doctor hung up: stay here, so the summary can be written and the consultation ended
   * (the resident's TV shows the summary). Anyone else goes back to the console's Home.
   */
  private readonly onHangUp = (event: Event) => {
    if (!(event instanceof CallHangUpEvent) || !this.isDoctor || this.ended) return;
    event.preventDefault();
    this.hungUp = true;
  };

  private home(): void {
    this.dispatchEvent(new NavigateEvent(consoleHome.build()));
  }

  private get isDoctor(): boolean {
    return this.actor?.role === 'doctor';
  }

  /** The ring went unanswered: the declined, missed, or answered-no push. */
  private get unanswered(): boolean {
    return this.ring === 'declined' || this.detail?.status === 'declined' || this.detail?.status === 'missed';
  }

  override render() {
    return html`<div class="layout">
      <div class="stage">
        ${
          this.ended
            ? html`<div class="ended">${this.renderEnded()}</div>`
            : keyed(
                this.consultationId,
                html`<dah-call-screen
                  .surface=${'console'}
                  consultation-id=${this.consultationId}
                  @dah-call-hang-up=${this.onHangUp}
                ></dah-call-screen>`,
              )
        }
      </div>
      <aside>
        ${this.renderUrgent()} ${this.renderAbout()} ${this.ended ? null : renderCallReadings(this.readings)}
        ${
          this.isDoctor && !this.ended && !this.unanswered
            ? html`<dah-console-invite-panel
                  consultation-id=${this.consultationId}
                  .joined=${(this.detail?.specialists ?? []).map((s) => s.id)}
                ></dah-console-invite-panel>
                <dah-prescribe-panel consultation-id=${this.consultationId}></dah-prescribe-panel>
                <dah-console-end-form consultation-id=${this.consultationId}></dah-console-end-form>`
            : null
        }
      </aside>
    </div>`;
  }

  private kindText(kind: ConsultationDetail['kind']): string {
    switch (kind) {
      case 'scheduled':
        return msg('预约问诊');
      case 'request':
        return msg('患者请求');
      case 'urgent':
        return msg('紧急求助');
      case 'follow-up':
        return msg('随访');
    }
  }

  private renderAbout() {
    const detail = this.detail;
    if (!detail) {
      return html`<section class="panel">
        ${
          this.loadError
            ? html`<p role="alert">${this.loadError}</p>
                <button @click=${this.load}>${msg('再试一次')}</button>`
            : html`<p role="status">${msg('正在加载，请稍候…')}</p>`
        }
      </section>`;
    }
    const patient = detail.patient.displayName;
    return html`<section class="panel" aria-labelledby="about-title">
      <h2 id="about-title">${patient}<span class="kind small muted">${this.kindText(detail.kind)}</span></h2>
      ${this.renderRing(patient)}
      ${
        this.hungUp && !this.ended
          ? html`<p class="status" role="status" data-hung-up>
              ${msg('您已离开通话。写好小结后点“结束问诊”，患者的电视上会显示小结。')}
            </p>`
          : null
      }
      <dl>
        <dt>${msg('就诊原因')}</dt>
        <dd>${detail.reason || msg('（没有填写）')}</dd>
        <dt>${msg('主诊医生')}</dt>
        <dd>${detail.doctor.displayName}（${detail.doctor.organisationName}）</dd>
        ${
          detail.specialists.length
            ? html`<dt>${msg('会诊专家')}</dt>
                <dd>
                  ${detail.specialists
                    .map((s) => `${s.displayName}${s.department ? `（${s.department}）` : ''}`)
                    .join('、')}
                </dd>`
            : null
        }
      </dl>
      ${this.loadError ? html`<p role="alert">${this.loadError}</p>` : null}
    </section>`;
  }

  private renderUrgent() {
    const entry = this.urgentWaiting;
    if (!entry) return null;
    return html`<section class="panel urgent" role="alert" data-urgent-waiting>
      <span class="urgent-badge">${icon('emergency')}${msg('紧急')}</span>
      <p>
        ${msg(str`${entry.patient.displayName}（${patientFacts(entry.patient)}）按了紧急呼叫，正在等医生。`)}
      </p>
      <p class="small">${msg('其他值班医生也收到了提示。这次问诊结束后，回到工作台就能接诊。')}</p>
      <button @click=${() => (this.urgentWaiting = null)}>${msg('知道了')}</button>
    </section>`;
  }

  private renderRing(patient: string) {
    if (this.ended) return null;
    if (this.unanswered) {
      return html`<p class="status" role="alert" data-ring="declined">${msg(str`${patient}没有接听。`)}</p>
        <p>${msg('可以稍后再呼叫，或者回到工作台接诊其他患者。')}</p>
        <button class="primary" @click=${this.home}>${msg('返回工作台')}</button>`;
    }
    if (this.ring === 'answered') {
      return html`<p class="status ok" role="status" data-ring="answered">
        ${msg(str`${patient}已接听，正在接通…`)}
      </p>`;
    }
    if (this.detail?.status === 'ringing') {
      return html`<p class="status" role="status" data-ring="ringing">${msg(str`正在呼叫${patient}…`)}</p>
        <p class="small muted">${msg('对方的电视正在响铃。接听后，视频会自动出现在左边。')}</p>
        <button data-action="cancel-ring" @click=${this.cancelRing}>${msg('取消呼叫')}</button>
        ${this.cancelError ? html`<p role="alert">${this.cancelError}</p>` : null}`;
    }
    return null;
  }

  /** Stops the ring before the resident answers: their TV shows a missed call. */
  private readonly cancelRing = async () => {
    try {
      await consultationsApi.cancelRing(this.api, this.consultationId);
      this.ring = 'declined';
    } catch (error) {
      // Answered or timed out in the meantime: the push that follows says which.
      void this.load();
      this.cancelError = errorMessage(error);
    }
  };

  private renderEnded() {
    const summary = this.endedSummary ?? this.detail?.summary;
    return html`<h2 role="status">${msg('这次问诊已结束。')}</h2>
      ${
        summary
          ? html`<dl>
              <dt>${msg('诊断')}</dt>
              <dd>${summary.diagnosis}</dd>
              ${
                summary.advice
                  ? html`<dt>${msg('医嘱和建议')}</dt>
                      <dd>${summary.advice}</dd>`
                  : null
              }
            </dl>`
          : null
      }
      ${renderCallReadings(this.readings)}
      <p><button class="primary" @click=${this.home}>${msg('返回工作台')}</button></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-call': ConsoleCall;
  }
}
