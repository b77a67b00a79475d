import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { StaffList } from '../../shared/identity/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { apiContext } from '../state/contexts.js';
import { NumberSubmitEvent, type NumberPad } from '../ui/number-pad.js';
import '../ui/number-pad.js';
import { SessionChangedEvent } from '../state/session.js';
import { NavigateEvent } from '../router/events.js';
import { kioskSelfService } from '../readings/paths.js';
import * as identityApi from './api.js';

type Staff = StaffList['staff'][number];
const PIN_LENGTH = 6;
const PIN_MIN_LENGTH = 4;

/**
 * A shared kiosk: the staff member picks their name, then types a PIN with the remote's digits,
 * a keyboard or the touch keypad. Nothing of the residents is shown before that.
 */
@customElement('dah-staff-sign-in')
@localized()
export class StaffSignIn extends LitElement {
  static override styles = [
    controls,
    screen,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        display: inline-block;
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private staff: Staff[] | null = null;
  @state() private chosen: Staff | null = null;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    identityApi.kioskStaff(this.api).then(
      ({ staff }) => (this.staff = staff),
      (error: unknown) => (this.error = errorMessage(error)),
    );
  }

  protected override async updated(): Promise<void> {
    const pad = this.shadowRoot?.querySelector('dah-number-pad');
    // The pad renders its keys after this element: focus can go to them only then.
    await pad?.updateComplete;
    if (!this.shadowRoot?.activeElement) (pad ?? this.shadowRoot?.querySelector('button'))?.focus();
  }

  private async submit(event: NumberSubmitEvent): Promise<void> {
    (event.target as NumberPad).value = '';
    if (!this.chosen) return;
    const pin = event.value;
    try {
      const session = await identityApi.staffSignIn(this.api, this.chosen.id, pin);
      this.dispatchEvent(new SessionChangedEvent(session.actor));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.error =
        code === 'invalid_credentials'
          ? msg('密码不对，请再输一次。')
          : code === 'too_many_attempts'
            ? msg('输错次数太多，已暂时锁定。请15分钟后再试，或请同事登录。')
            : errorMessage(error);
    }
  }

  override render() {
    if (!this.chosen) {
      return html`<h1>${msg('请选择您的名字')}</h1>
        ${this.error ? html`<p role="alert">${this.error}</p>` : null}
        ${this.staff === null && !this.error ? html`<p role="status">${msg('正在加载，请稍候…')}</p>` : null}
        <ul>
          ${(this.staff ?? []).map(
            (s) => html`<li><button @click=${() => (this.chosen = s)}>${s.displayName}</button></li>`,
          )}
        </ul>
        ${
          // After the staff list: the staff's names come first, and take the focus on arrival.
          this.staff !== null || this.error
            ? html`<h2>${msg('居民自己来量血压？')}</h2>
                <p>
                  <button
                    data-focus-key="self-service"
                    @click=${() => this.dispatchEvent(new NavigateEvent(kioskSelfService.build()))}
                  >
                    ${msg('自助量血压（用身份证后4位）')}
                  </button>
                </p>`
            : null
        }`;
    }
    return html`<h1>${msg(str`${this.chosen.displayName}，请输入密码`)}</h1>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <dah-number-pad
        masked
        length=${PIN_LENGTH}
        min-length=${PIN_MIN_LENGTH}
        @input=${() => (this.error = null)}
        @dah-number-submit=${this.submit}
      ></dah-number-pad>
      <p>
        <button @click=${() => (this.chosen = null)}>${msg('不是我，换一个人')}</button>
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-staff-sign-in': StaffSignIn;
  }
}
