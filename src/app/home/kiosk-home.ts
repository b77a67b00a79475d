import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../shared/directory/schemas.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { focusRing } from '../design/tokens.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, sessionContext, kioskWaitingRoomContext } from '../state/contexts.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../consultations/waiting-room.js';
import { kioskConsult, kioskWaiting } from '../consultations/paths.js';
import { kioskHomeVisit } from '../schedule/paths.js';
import { SessionChangedEvent } from '../state/session.js';

type Load =
  { kind: 'loading' } | { kind: 'loaded'; residents: PatientRecord[] } | { kind: 'error'; message: string };

/**
 * The kiosk's Home: the care home and the nurse signed in, and the care home's residents: the
 * nurse picks one to ask a doctor for a video consultation (请医生视频问诊); while the kiosk waits
 * for a doctor, it says for whom and leads back to the wait.
 */
@customElement('dah-kiosk-home')
@localized()
export class KioskHome extends LitElement {
  static override styles = [
    focusRing,
    controls,
    css`
      :host {
        display: block;
        padding: var(--dah-safe-y) var(--dah-safe-x);
      }
      h1 {
        font-size: var(--dah-font-heading);
        margin: 0 0 var(--dah-space);
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        margin-bottom: var(--dah-space);
      }
      button {
        min-height: var(--dah-target);
        min-width: var(--dah-target);
        font: inherit;
        text-align: left;
        padding: var(--dah-space) calc(var(--dah-space) * 2);
        border: 0;
        border-radius: var(--dah-radius);
        background: var(--dah-surface);
        color: var(--dah-text);
      }
      button:focus {
        background: var(--dah-accent);
        color: #000;
        transform: scale(1.05);
      }
      .muted {
        color: var(--dah-text-muted);
      }
      .resident strong {
        display: block;
        font-size: var(--dah-font-heading);
      }
      .waiting {
        margin-bottom: var(--dah-space);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @consume({ context: kioskWaitingRoomContext }) kioskRoom?: WaitingRoom;
  @state() private load: Load = { kind: 'loading' };
  private readonly watcher = new WaitingRoomWatcher(this, () => this.kioskRoom);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchResidents();
  }

  private async fetchResidents(): Promise<void> {
    this.load = { kind: 'loading' };
    try {
      const { patients } = await this.api.patients();
      this.load = { kind: 'loaded', residents: patients };
      await this.updateComplete;
      // The nurse comes for the residents (or the wait in progress), not to sign out.
      const first = this.shadowRoot?.querySelector<HTMLElement>('.waiting button, button.resident');
      (first ?? this.shadowRoot?.querySelector('button'))?.focus();
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  private async signOut(): Promise<void> {
    try {
      const session = await this.api.staffSignOut();
      this.dispatchEvent(new SessionChangedEvent(session.actor));
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  override render() {
    const actor = this.actor;
    const greeting =
      actor?.kind === 'kiosk'
        ? msg(str`${actor.organisationName} · ${actor.staff?.displayName ?? ''}`)
        : msg('临医在家');
    return html`
      <h1>${greeting}</h1>
      <p><button @click=${() => this.signOut()}>${msg('退出，换人登录')}</button></p>
      ${this.renderBody()}
    `;
  }

  private renderBody() {
    switch (this.load.kind) {
      case 'loading':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.load.message}</p>
          <button @click=${this.fetchResidents}>${msg('再试一次')}</button>`;
      case 'loaded':
        return this.renderResidents(this.load.residents);
    }
  }

  /** The care home's residents; choosing one asks a doctor for them. */
  private renderResidents(residents: PatientRecord[]) {
    const place = this.kioskRoom?.place;
    const waiting = place?.status === 'waiting' ? place : null;
    return html`${
        waiting
          ? html`<div class="waiting">
              <p role="status">
                ${msg(str`正在为${waiting.patient?.displayName ?? ''}请医生：`)}${positionText(waiting)}
              </p>
              <button
                data-focus-key="kiosk-waiting"
                @click=${() => this.dispatchEvent(new NavigateEvent(kioskWaiting.build()))}
              >
                ${msg('回到等候页面')}
              </button>
            </div>`
          : null
      }
      <h2>${msg('本院居民')}</h2>
      <p class="muted">${msg('选一位居民，为他请医生视频问诊。')}</p>
      ${
        residents.length === 0
          ? html`<p class="muted">${msg('这家养老院还没有登记居民。')}</p>`
          : html`<ul>
              ${residents.map(
                (r) =>
                  html`<li>
                    <button
                      class="resident"
                      data-focus-key=${r.id}
                      aria-label=${msg(str`为${r.displayName}请医生视频问诊`)}
                      @click=${() => this.dispatchEvent(new NavigateEvent(kioskConsult.build({ patientId: r.id })))}
                    >
                      <strong>${r.displayName}</strong>
                      <span>${r.address} · ${msg('请医生视频问诊')}</span>
                    </button>
                    <button
                      class="home-visit"
                      data-focus-key=${`home-visit-${r.id}`}
                      @click=${() => this.dispatchEvent(new NavigateEvent(kioskHomeVisit.build({ patientId: r.id })))}
                    >
                      ${msg('申请护士上门')}
                    </button>
                  </li>`,
              )}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-home': KioskHome;
  }
}
