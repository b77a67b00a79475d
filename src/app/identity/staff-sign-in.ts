import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { StaffList } from '../../shared/api-schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { SessionChangedEvent, apiContext } from '../state/contexts.js';

type Staff = StaffList['staff'][number];
const PIN_LENGTH = 6;
const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', '0', 'submit'] as const;

/**
 * A shared kiosk: the staff member picks their name, then types a PIN with the remote's digits,
 * a keyboard or the touch keypad. Nothing of the residents is shown before that.
 */
@localized()
@customElement('dah-staff-sign-in')
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
      .pin {
        font-size: var(--dah-font-heading);
        letter-spacing: 0.3em;
        min-height: 1.5em;
      }
      .keypad {
        display: grid;
        grid-template-columns: repeat(3, calc(160 * var(--dah-px)));
        grid-gap: var(--dah-space);
      }
      .keypad button {
        text-align: center;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private staff: Staff[] | null = null;
  @state() private chosen: Staff | null = null;
  @state() private pin = '';
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.onKey);
    this.api.kioskStaff().then(
      ({ staff }) => (this.staff = staff),
      (error: unknown) => (this.error = errorMessage(error)),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.onKey);
  }

  protected override updated(): void {
    if (!this.shadowRoot?.activeElement) this.shadowRoot?.querySelector('button')?.focus();
  }

  private readonly onKey = (event: KeyboardEvent) => {
    if (!this.chosen) return;
    if (/^[0-9]$/.test(event.key)) this.press(event.key as (typeof KEYPAD)[number]);
    else if (event.key === 'Backspace') this.press('delete');
    else return;
    event.preventDefault();
  };

  private press(key: (typeof KEYPAD)[number]): void {
    this.error = null;
    if (key === 'delete') this.pin = this.pin.slice(0, -1);
    else if (key === 'submit') void this.submit();
    else if (this.pin.length < PIN_LENGTH) {
      this.pin += key;
      if (this.pin.length === PIN_LENGTH) void this.submit();
    }
  }

  private async submit(): Promise<void> {
    if (!this.chosen || this.pin.length < 4) return;
    const pin = this.pin;
    this.pin = '';
    try {
      const session = await this.api.staffSignIn(this.chosen.id, pin);
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
        </ul>`;
    }
    return html`<h1>${msg(str`${this.chosen.displayName}，请输入密码`)}</h1>
      <div class="pin" aria-label=${msg(str`已输入${this.pin.length}位`)}>${'●'.repeat(this.pin.length)}</div>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <div class="keypad">
        ${KEYPAD.map(
          (key) =>
            html`<button data-key=${key} @click=${() => this.press(key)}>
              ${key === 'delete' ? msg('删除') : key === 'submit' ? msg('确定') : key}
            </button>`,
        )}
      </div>
      <p>
        <button
          @click=${() => {
            this.chosen = null;
            this.pin = '';
          }}
        >
          ${msg('不是我，换一个人')}
        </button>
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-staff-sign-in': StaffSignIn;
  }
}
