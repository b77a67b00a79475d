import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsultationSummary } from '../../shared/consultations/schemas.js';
import type { PatientRecord } from '../../shared/directory/schemas.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { focusRing } from '../design/tokens.js';
import { kioskWaitingRoomContext } from '../kiosk/kiosk-calls.js';
import { NavigateEvent } from '../router/router-controller.js';
import { SessionChangedEvent, apiContext, sessionContext, type Surface } from '../state/contexts.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../tv/waiting-room.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; consultations: ConsultationSummary[]; residents: PatientRecord[] }
  | { kind: 'error'; message: string };

/**
 * The first screen of each surface: who is signed in, the consultations they can join, and on a
 * kiosk the care home's residents: the nurse picks one to ask a doctor for a video consultation
 * (请医生视频问诊); while the kiosk waits for a doctor, it says for whom and leads back to the wait.
 * (The TV shell work replaces the TV's version with tiles.)
 */
@customElement('dah-surface-home')
@localized()
export class SurfaceHome extends LitElement {
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

  @property() surface: Surface = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @consume({ context: kioskWaitingRoomContext }) kioskRoom?: WaitingRoom;
  @state() private load: Load = { kind: 'loading' };
  private readonly watcher = new WaitingRoomWatcher(this, () => this.kioskRoom);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchConsultations();
  }

  private async fetchConsultations(): Promise<void> {
    this.load = { kind: 'loading' };
    try {
      const kiosk = this.actor?.kind === 'kiosk';
      const [{ consultations }, { patients }] = await Promise.all([
        kiosk ? { consultations: [] } : this.api.myConsultations(),
        kiosk ? this.api.patients() : { patients: [] },
      ]);
      this.load = { kind: 'loaded', consultations, residents: patients };
      await this.updateComplete;
      // On a kiosk the nurse comes for the residents (or the wait in progress), not to sign out.
      const first = kiosk
        ? this.shadowRoot?.querySelector<HTMLElement>('.waiting button, button.resident')
        : null;
      (first ?? this.shadowRoot?.querySelector('button'))?.focus();
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  private join(consultation: ConsultationSummary): void {
    this.dispatchEvent(new NavigateEvent(`/${this.surface}/call/${consultation.id}`));
  }

  private label(c: ConsultationSummary): string {
    return this.actor?.id === c.patient.id
      ? msg(str`和${c.doctor.displayName}医生视频（${c.doctor.organisationName}）：${c.reason}`)
      : msg(str`和${c.patient.displayName}视频：${c.reason}`);
  }

  private async signOut(everywhere = false): Promise<void> {
    try {
      if (this.actor?.kind === 'kiosk') {
        const session = await this.api.staffSignOut();
        this.dispatchEvent(new SessionChangedEvent(session.actor));
      } else {
        await this.api.logout(everywhere);
        this.dispatchEvent(new SessionChangedEvent(null));
      }
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  override render() {
    const actor = this.actor;
    const greeting = !actor
      ? msg('临医在家')
      : actor.kind === 'kiosk'
        ? msg(str`${actor.organisationName} · ${actor.staff?.displayName ?? ''}`)
        : msg(str`您好，${actor.displayName}`);
    return html`
      <h1>${greeting}</h1>
      ${this.renderActions()} ${this.renderBody()}
    `;
  }

  private renderActions() {
    if (!this.actor || this.actor.kind === 'tv') return null;
    const managesDevices = this.actor.role === 'doctor' || this.actor.role === 'admin';
    return html`<p>
      ${
        managesDevices
          ? html`<button @click=${() => this.dispatchEvent(new NavigateEvent('/console/pair'))}>
              ${msg('设备绑定')}
            </button>`
          : null
      }
      <button @click=${() => this.signOut()}>
        ${this.actor.kind === 'kiosk' ? msg('退出，换人登录') : msg('退出登录')}
      </button>
      ${
        this.actor.kind === 'clinician'
          ? html`<button @click=${() => this.signOut(true)}>${msg('退出所有设备上的登录')}</button>`
          : null
      }
    </p>`;
  }

  private renderBody() {
    switch (this.load.kind) {
      case 'loading':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.load.message}</p>
          <button @click=${this.fetchConsultations}>${msg('再试一次')}</button>`;
      case 'loaded':
        if (this.actor?.kind === 'kiosk') return this.renderResidents(this.load.residents);
        return this.load.consultations.length === 0
          ? html`<p class="muted">${msg('现在没有安排好的视频问诊。')}</p>`
          : html`<ul>
              ${this.load.consultations.map(
                (c) => html`<li><button @click=${() => this.join(c)}>${this.label(c)}</button></li>`,
              )}
            </ul>`;
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
                @click=${() => this.dispatchEvent(new NavigateEvent('/kiosk/waiting'))}
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
                      @click=${() => this.dispatchEvent(new NavigateEvent(`/kiosk/consult/${r.id}`))}
                    >
                      <strong>${r.displayName}</strong>
                      <span>${r.address} · ${msg('请医生视频问诊')}</span>
                    </button>
                  </li>`,
              )}
            </ul>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-surface-home': SurfaceHome;
  }
}
