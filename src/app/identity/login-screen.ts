import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { apiContext } from '../state/contexts.js';
import { SessionChangedEvent } from '../state/session.js';
import * as identityApi from './api.js';

/** Console sign-in for doctors, specialists, pharmacists and administrators. */
@customElement('dah-login-screen')
@localized()
export class LoginScreen extends LitElement {
  static override styles = [
    controls,
    screen,
    css`
      form {
        max-width: 360px;
      }
      input {
        width: 100%;
      }
      button {
        margin-top: var(--dah-space);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private error: string | null = null;
  @state() private busy = false;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = null;
    try {
      const session = await identityApi.login(
        this.api,
        String(form.get('username') ?? ''),
        String(form.get('password') ?? ''),
      );
      this.dispatchEvent(new SessionChangedEvent(session.actor));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.error =
        code === 'invalid_credentials'
          ? msg('用户名或密码不对。请再试一次。')
          : code === 'too_many_attempts'
            ? msg('尝试次数太多，账号已暂时锁定。请15分钟后再试，或联系管理员。')
            : errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`<h1>${msg('临医在家 · 医生工作台')}</h1>
      <form @submit=${this.submit}>
        <label for="username">${msg('用户名')}</label>
        <input id="username" name="username" autocomplete="username" required autofocus />
        <label for="password">${msg('密码')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        ${this.error ? html`<p role="alert">${this.error}</p>` : null}
        <button class="primary" type="submit" ?disabled=${this.busy}>
          ${this.busy ? msg('正在登录…') : msg('登录')}
        </button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-login-screen': LoginScreen;
  }
}
