import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PairingStart } from '../../shared/identity/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { apiContext } from '../state/contexts.js';
import { SessionChangedEvent } from '../state/session.js';
import * as identityApi from './api.js';

/** confirming: an administrator paired it; the resident's family doctor has yet to confirm (issue 12 §2). */
type Phase =
  | { kind: 'starting' }
  | { kind: 'waiting' | 'confirming'; pairing: PairingStart }
  | { kind: 'error'; message: string };

/**
 * What an unpaired TV or kiosk shows, and all it can do: a short code and a QR code for the
 * family doctor or administrator to enter in the console (RFC 8628 device flow). It polls at the
 * server's interval, asks for a new code when one expires, and lands on Home once approved.
 */
@customElement('dah-pairing-screen')
@localized()
export class PairingScreen extends LitElement {
  static override styles = [
    controls,
    screen,
    css`
      .layout {
        display: flex;
        align-items: center;
      }
      .code {
        font-size: calc(120 * var(--dah-px));
        font-weight: 700;
        letter-spacing: 0.1em;
        font-family: 'Noto Sans Mono CJK SC', monospace;
        margin: var(--dah-space) 0;
      }
      img {
        width: calc(360 * var(--dah-px));
        height: calc(360 * var(--dah-px));
        background: #fff;
        margin-left: calc(var(--dah-space) * 3);
        flex: none;
      }
      p {
        margin: var(--dah-space) 0;
      }
    `,
  ];

  @property() kind: 'tv' | 'kiosk' = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private phase: Phase = { kind: 'starting' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  private intervalS = 5;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private async start(): Promise<void> {
    clearTimeout(this.timer);
    this.phase = { kind: 'starting' };
    try {
      const pairing = await identityApi.startPairing(this.api, this.kind);
      this.intervalS = pairing.interval;
      this.phase = { kind: 'waiting', pairing };
      this.schedulePoll();
    } catch (error) {
      this.phase = { kind: 'error', message: errorMessage(error) };
      // Keep trying by itself: nobody should have to press anything to recover.
      if (this.isConnected) this.timer = setTimeout(() => void this.start(), 10_000);
    }
  }

  private schedulePoll(): void {
    // An answer that arrives after the screen was removed must not start polling again.
    if (this.isConnected) this.timer = setTimeout(() => void this.poll(), this.intervalS * 1000);
  }

  private async poll(): Promise<void> {
    if (this.phase.kind !== 'waiting' && this.phase.kind !== 'confirming') return;
    const { pairing } = this.phase;
    try {
      const session = await identityApi.pollPairing(this.api, pairing.deviceCode);
      this.dispatchEvent(new SessionChangedEvent(session.actor));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : 'network';
      if (code === 'authorization_pending') return this.schedulePoll();
      // Paired, but not in use until the family doctor confirms: said in words, and polled on.
      if (code === 'confirmation_pending') {
        if (this.phase.kind !== 'confirming') this.phase = { kind: 'confirming', pairing };
        return this.schedulePoll();
      }
      if (code === 'slow_down') {
        this.intervalS += 5; // RFC 8628 §3.5
        return this.schedulePoll();
      }
      if (code === 'expired_token') return void (this.isConnected && this.start());
      // A network hiccup: keep the code on screen and try again.
      this.schedulePoll();
    }
  }

  override render() {
    const title = this.kind === 'kiosk' ? msg('绑定这台自助终端') : msg('绑定这台电视');
    switch (this.phase.kind) {
      case 'starting':
        return html`<h1>${title}</h1>
          <p role="status">${msg('正在获取绑定码，请稍候…')}</p>`;
      case 'error':
        return html`<h1>${title}</h1>
          <p role="alert">${this.phase.message}</p>
          <p>${msg('稍后会自动重试。')}</p>`;
      case 'waiting': {
        const { userCode } = this.phase.pairing;
        return html`<h1>${title}</h1>
          <div class="layout">
            <div>
              <p>
                ${
                  this.kind === 'kiosk'
                    ? msg('请管理员在电脑上打开“设备绑定”，输入下面的绑定码：')
                    : msg('请您的家庭医生在电脑上打开“设备绑定”，输入下面的绑定码：')
                }
              </p>
              <div class="code" data-user-code=${userCode} aria-label=${userCode.split('').join(' ')}>
                ${userCode}
              </div>
              <p>${msg('也可以用手机扫右边的二维码。绑定好以后，这里会自动进入首页。')}</p>
              <p role="status">${msg('正在等待绑定…')}</p>
            </div>
            <img
              src="/api/devices/pairing/qr.svg?code=${encodeURIComponent(userCode)}"
              alt=${msg('绑定二维码')}
            />
          </div>`;
      }
      case 'confirming':
        return html`<h1>${title}</h1>
          <p role="status">
            ${errorMessage(new ApiRequestError(400, 'confirmation_pending', 'confirmation_pending'))}
          </p>
          <p>${msg('如果等了很久，请打电话给您的家庭医生，请医生在电脑上的“设备绑定”里确认这台电视。')}</p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-pairing-screen': PairingScreen;
  }
}
