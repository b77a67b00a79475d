import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../../shared/consultations/schemas.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls, screen } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, sessionContext } from '../../state/contexts.js';
import { alertSound } from './alert-sound.js';
import './console-follow-up.js';
import '../../identity/device-confirmations.js';
import './console-invitations.js';
import './console-queue.js';
import '../../pharmacy/console/pharmacist-queue.js';
import { consolePharmacy } from '../../pharmacy/paths.js';
import { consoleStyles } from '../../design/console-styles.js';
import { consolePair } from '../../identity/paths.js';
import { consoleSchedule } from '../../schedule/paths.js';
import { consoleColourView } from '../../readings/paths.js';
import { consoleCall } from '../../call/paths.js';
import { SessionChangedEvent } from '../../state/session.js';
import * as consultationsApi from '../api.js';
import * as identityApi from '../../identity/api.js';

/**
 * The console's Home, the clinician's work screen: for a doctor the queue of waiting patients,
 * follow-up calls and booked consultations; for a specialist the invitations to join a call.
 * Account actions (device pairing, sign-out) sit in the header.
 */
@customElement('dah-console-home')
@localized()
export class ConsoleHome extends LitElement {
  static override styles = [
    controls,
    screen,
    consoleStyles,
    css`
      .top {
        display: flex;
        align-items: center;
        margin-bottom: var(--dah-space);
      }
      .top .who {
        flex: 1;
      }
      .top h1 {
        margin: 0;
      }
      .top button {
        margin-left: calc(var(--dah-space) / 2);
      }
      .work {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 360px;
        grid-column-gap: calc(var(--dah-space) * 2);
        align-items: start;
      }
      @media (max-width: 960px) {
        .work {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .booked li {
        display: flex;
        align-items: center;
        margin-bottom: calc(var(--dah-space) / 2);
      }
      .booked li span {
        flex: 1;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private booked: ConsultationSummary[] | null = null;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Browsers let sound play only after a gesture: the first click or key press unlocks the alert.
    window.addEventListener('pointerdown', this.unlockSound, { once: true, capture: true });
    window.addEventListener('keydown', this.unlockSound, { once: true, capture: true });
    if (this.actor?.role === 'doctor') void this.loadBooked();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pointerdown', this.unlockSound, { capture: true });
    window.removeEventListener('keydown', this.unlockSound, { capture: true });
  }

  private readonly unlockSound = () => alertSound.unlock();

  private async loadBooked(): Promise<void> {
    try {
      const { consultations } = await consultationsApi.myConsultations(this.api);
      this.booked = consultations.filter((c) => ['scheduled', 'ringing', 'active'].includes(c.status));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async signOut(everywhere = false): Promise<void> {
    try {
      await identityApi.logout(this.api, everywhere);
      this.dispatchEvent(new SessionChangedEvent(null));
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  override render() {
    const actor = this.actor;
    if (!actor) return null;
    const managesDevices = actor.role === 'doctor' || actor.role === 'admin';
    return html`<div class="top">
        <div class="who">
          <h1>${msg(str`您好，${actor.displayName}`)}</h1>
          <div class="muted">${actor.organisationName}</div>
        </div>
        ${
          managesDevices
            ? html`<button @click=${() => this.dispatchEvent(new NavigateEvent(consolePair.build()))}>
                ${msg('设备绑定')}
              </button>`
            : null
        }
        ${
          actor.role === 'doctor' || actor.role === 'nurse'
            ? html`<button @click=${() => this.dispatchEvent(new NavigateEvent(consoleSchedule.build()))}>
                ${msg('巡诊与上门')}
              </button>`
            : null
        }
        ${
          actor.role === 'doctor'
            ? html`<button
                data-nav="colour-view"
                @click=${() => this.dispatchEvent(new NavigateEvent(consoleColourView.build()))}
              >
                ${msg('分色管理')}
              </button>`
            : null
        }
        ${
          actor.role === 'doctor'
            ? html`<button @click=${() => this.dispatchEvent(new NavigateEvent(consolePharmacy.build()))}>
                ${msg('药房：退回的处方与服药情况')}
              </button>`
            : null
        }
        <button @click=${() => this.signOut()}>${msg('退出登录')}</button>
        <button @click=${() => this.signOut(true)}>${msg('退出所有设备上的登录')}</button>
      </div>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null} ${this.renderWork(actor)}`;
  }

  private renderWork(actor: SessionActor) {
    switch (actor.role) {
      case 'doctor':
        return html`<div class="work">
          <dah-console-queue></dah-console-queue>
          <div>
            <dah-device-confirmations></dah-device-confirmations>
            <dah-console-follow-up></dah-console-follow-up>
            ${this.renderBooked()}
          </div>
        </div>`;
      case 'specialist':
        return html`<dah-console-invitations></dah-console-invitations>`;
      case 'admin':
        return html`<p class="muted">${msg('管理员在这里绑定和停用电视、自助终端。')}</p>`;
      case 'pharmacist':
        return html`<dah-pharmacist-queue></dah-pharmacist-queue>`;
      default:
        return null;
    }
  }

  private renderBooked() {
    if (!this.booked || this.booked.length === 0) return null;
    return html`<section class="panel booked" aria-labelledby="booked-title">
      <h2 id="booked-title">${msg('预约的视频问诊')}</h2>
      <ul class="plain">
        ${this.booked.map(
          (c) =>
            html`<li>
              <span>${msg(str`${c.patient.displayName}：${c.reason}`)}</span>
              <button
                @click=${() => this.dispatchEvent(new NavigateEvent(consoleCall.build({ consultationId: c.id })))}
              >
                ${msg('进入通话')}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-home': ConsoleHome;
  }
}
