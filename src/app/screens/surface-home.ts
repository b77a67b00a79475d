import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsultationSummary, CurrentUser } from '../../shared/api-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { focusRing } from '../design/tokens.js';
import { NavigateEvent } from '../router/router-controller.js';
import { apiContext, sessionContext, type Surface } from '../state/contexts.js';

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; consultations: ConsultationSummary[] }
  | { kind: 'error'; message: string };

/** The first screen of each surface: who is signed in and the consultations they can join. */
@localized()
@customElement('dah-surface-home')
export class SurfaceHome extends LitElement {
  static override styles = [
    focusRing,
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
    `,
  ];

  @property() surface: Surface = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) user: CurrentUser | null = null;
  @state() private load: Load = { kind: 'loading' };

  override connectedCallback(): void {
    super.connectedCallback();
    void this.fetchConsultations();
  }

  private async fetchConsultations(): Promise<void> {
    this.load = { kind: 'loading' };
    try {
      const { consultations } = await this.api.myConsultations();
      this.load = { kind: 'loaded', consultations };
      await this.updateComplete;
      this.shadowRoot?.querySelector('button')?.focus();
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
  }

  private join(consultation: ConsultationSummary): void {
    this.dispatchEvent(new NavigateEvent(`/${this.surface}/call/${consultation.id}`));
  }

  private label(c: ConsultationSummary): string {
    return this.user?.id === c.patient.id
      ? msg(str`和${c.doctor.displayName}医生视频（${c.doctor.organisationName}）：${c.reason}`)
      : msg(str`和${c.patient.displayName}视频：${c.reason}`);
  }

  override render() {
    const greeting = this.user ? msg(str`您好，${this.user.displayName}`) : msg('临医在家');
    return html`
      <h1>${greeting}</h1>
      ${this.renderBody()}
    `;
  }

  private renderBody() {
    switch (this.load.kind) {
      case 'loading':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.load.message}</p>
          <button @click=${this.fetchConsultations}>${msg('再试一次')}</button>`;
      case 'loaded':
        return this.load.consultations.length === 0
          ? html`<p class="muted">${msg('现在没有安排好的视频问诊。')}</p>`
          : html`<ul>
              ${this.load.consultations.map(
                (c) => html`<li><button @click=${() => this.join(c)}>${this.label(c)}</button></li>`,
              )}
            </ul>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-surface-home': SurfaceHome;
  }
}
