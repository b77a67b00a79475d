import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CareHomeDose, CareHomeDoses } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { kioskConsult } from '../../consultations/paths.js';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import { kioskHome } from '../../home/paths.js';
import { getLocale } from '../../localization.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { clockText, doseText } from '../words.js';
import * as pharmacyApi from '../../pharmacy/api.js';

type Load =
  { kind: 'loading' } | { kind: 'loaded'; doses: CareHomeDoses } | { kind: 'error'; message: string };

/** The list is read again this often while it is on screen: a dose turns overdue, then missed. */
const REFRESH_MS = 60_000;

/** One dose in words: when, what, how many, and where it stands. */
export function careHomeDoseText(dose: CareHomeDose): string {
  const name = getLocale() === 'en' ? dose.genericNameEn : dose.genericNameZh;
  const what = msg(str`${clockText(dose.scheduledAt)} ${name}，${doseText(dose.doseAmount, dose.doseUnit)}`);
  return dose.state === 'missed'
    ? msg(str`${what}：漏服（过了一小时还没有服）`)
    : msg(str`${what}：已到服药时间，还没有服`);
}

/**
 * 今日用药 at a care home's kiosk (issue 15 §5): today's doses of the home's residents that are
 * overdue (their time has come, not yet taken) or missed (an hour past), so the nurse can bring the
 * medicine or ask a doctor; a resident's card opens 请医生 for them.
 */
@customElement('dah-kiosk-doses')
@localized()
export class KioskDosesScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    css`
      button {
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
      button.resident {
        display: block;
        width: 100%;
        padding: var(--dah-space) calc(var(--dah-space) * 2);
      }
      .resident strong,
      .resident span {
        display: block;
      }
      .muted {
        color: var(--dah-text-muted);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private load: Load = { kind: 'loading' };
  private timer: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.read(true);
    this.timer = window.setInterval(() => void this.read(false), REFRESH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.timer);
  }

  private readonly retry = () => void this.read(true);

  private async read(focus: boolean): Promise<void> {
    if (this.load.kind !== 'loaded') this.load = { kind: 'loading' };
    try {
      this.load = { kind: 'loaded', doses: await pharmacyApi.careHomeDoses(this.api) };
    } catch (error) {
      this.load = { kind: 'error', message: errorMessage(error) };
    }
    if (!focus) return;
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('button.resident, button')?.focus();
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    return html`<h1>${msg('今日用药：逾时未服与漏服')}</h1>
      ${this.renderBody()}
      <p>
        <button data-focus-key="refresh" @click=${this.retry}>${msg('刷新')}</button>
        <button data-focus-key="home" @click=${() => this.go(kioskHome.build())}>
          ${msg('返回居民列表')}
        </button>
      </p>`;
  }

  private renderBody() {
    switch (this.load.kind) {
      case 'loading':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.load.message}</p>
          <p>${msg('请检查网络后按“刷新”再试。')}</p>`;
      case 'loaded': {
        const { residents, serverTime } = this.load.doses;
        const now = clockText(serverTime);
        if (residents.length === 0) {
          return html`<p role="status">${msg(str`今天到${now}为止，本院居民没有逾时未服或漏服的药。`)}</p>`;
        }
        return html`<p role="status">${msg(str`今天到${now}为止，${residents.length}位居民有药没服。`)}</p>
          <p class="muted">${msg('选一位居民，可为他请医生。')}</p>
          <ul>
            ${residents.map(
              (r) =>
                html`<li>
                  <button
                    class="resident"
                    data-focus-key=${r.patient.id}
                    @click=${() => this.go(kioskConsult.build({ patientId: r.patient.id }))}
                  >
                    <strong>${r.patient.displayName}</strong>
                    <span class="muted">${r.patient.address}</span>
                    ${r.doses.map((d) => html`<span>${careHomeDoseText(d)}</span>`)}
                  </button>
                </li>`,
            )}
          </ul>`;
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-doses': KioskDosesScreen;
  }
}
