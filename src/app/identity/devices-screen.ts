import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { DeviceSummary } from '../../shared/identity/schemas.js';
import type { ResidentDirectory } from '../../shared/directory/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls, screen } from '../design/controls.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext } from '../state/contexts.js';
import { PushListenerController } from '../api/push-listener.js';
import { consoleHome } from '../home/paths.js';
import * as directoryApi from '../directory/api.js';
import * as identityApi from './api.js';

/**
 * Console: bind the TV or kiosk showing a code (the QR code opens this page with ?code=), and
 * revoke lost devices. The server decides which residents and devices appear here.
 */
@customElement('dah-devices-screen')
@localized()
export class DevicesScreen extends LitElement {
  static override styles = [
    controls,
    screen,
    css`
      form {
        max-width: 480px;
        margin-bottom: calc(var(--dah-space) * 3);
      }
      input,
      select {
        width: 100%;
      }
      table {
        border-collapse: collapse;
      }
      td,
      th {
        text-align: left;
        padding: 4px 16px 4px 0;
      }
      .ok {
        color: var(--dah-ok);
      }
      label.auto-answer {
        display: flex;
        align-items: center;
        margin: 0;
      }
      label.auto-answer input {
        width: auto;
        min-width: 0;
        min-height: 0;
        margin-right: 8px;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private directory: ResidentDirectory | null = null;
  @state() private devices: DeviceSummary[] = [];
  @state() private kind: 'tv' | 'kiosk' = 'tv';
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  private readonly initialCode = new URLSearchParams(window.location.search).get('code') ?? '';
  /** A TV paired to one of the doctor's patients elsewhere (by an administrator) shows at once. */
  readonly pushed = new PushListenerController(this, (event) => {
    if (event.type === 'device-awaits-confirmation') void this.load();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [directory, { devices }] = await Promise.all([
        directoryApi.residentDirectory(this.api),
        identityApi.devices(this.api),
      ]);
      this.directory = directory;
      this.devices = devices;
    } catch (error) {
      this.message = { kind: 'error', text: errorMessage(error) };
    }
  }

  private residentName(id: string | null): string {
    return this.directory?.residents.find((r) => r.id === id)?.displayName ?? id ?? '';
  }

  private async pair(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // Captured now: after dispatch the DOM clears event.target for targets inside a shadow tree.
    const formElement = event.target as HTMLFormElement;
    const form = new FormData(formElement);
    const target = String(form.get('target') ?? '');
    try {
      const device = await identityApi.approvePairing(this.api, {
        userCode: String(form.get('code') ?? ''),
        kind: this.kind,
        ...(this.kind === 'tv' ? { residentId: target } : { careHomeId: target }),
      });
      this.message = { kind: 'ok', text: msg(str`绑定成功：${device.name}。设备上会自动进入首页。`) };
      formElement.reset();
      await this.load();
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.message = {
        kind: 'error',
        text:
          code === 'not_found'
            ? msg('没有设备在等这个绑定码，或者已经过期。请核对电视上的号码。')
            : code === 'forbidden'
              ? msg('您不能把设备绑定给这位居民。')
              : code === 'too_many_attempts'
                ? msg('输错次数太多，请15分钟后再试。')
                : errorMessage(error),
      };
    }
  }

  /** Trusted auto-answer (care homes, bedridden residents): a ring connects after a 10 s countdown. */
  private async setAutoAnswer(device: DeviceSummary, on: boolean): Promise<void> {
    if (
      on &&
      !window.confirm(
        msg(
          str`开启后，医生打给“${device.name}”的视频电话会在 10 秒倒计时后自动接通，除非有人按返回键。只为养老机构或卧床的居民开启。确定开启吗？`,
        ),
      )
    ) {
      this.requestUpdate();
      return;
    }
    try {
      const updated = await identityApi.setAutoAnswer(this.api, device.id, on);
      this.devices = this.devices.map((d) => (d.id === updated.id ? updated : d));
      this.message = {
        kind: 'ok',
        text: on ? msg(str`已开启自动接听：${device.name}`) : msg(str`已关闭自动接听：${device.name}`),
      };
    } catch (error) {
      this.message = { kind: 'error', text: errorMessage(error) };
      this.requestUpdate();
    }
  }

  /** The family doctor confirms a TV an administrator paired to their patient (the API refuses anyone else). */
  private async confirmDevice(device: DeviceSummary): Promise<void> {
    try {
      await identityApi.confirmDevice(this.api, device.id);
      this.message = { kind: 'ok', text: msg(str`已确认：${device.name}。这台电视现在可以使用了。`) };
      await this.load();
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      this.message = {
        kind: 'error',
        text: code === 'forbidden' ? msg('只有这位居民的家庭医生可以确认这台电视。') : errorMessage(error),
      };
    }
  }

  private async revoke(device: DeviceSummary): Promise<void> {
    if (!window.confirm(msg(str`确定停用“${device.name}”吗？这台设备将立即退出，需要重新绑定才能使用。`)))
      return;
    try {
      await identityApi.revokeDevice(this.api, device.id);
      this.message = { kind: 'ok', text: msg(str`已停用：${device.name}`) };
      await this.load();
    } catch (error) {
      this.message = { kind: 'error', text: errorMessage(error) };
    }
  }

  override render() {
    const careHomes = this.directory?.careHomes ?? [];
    const targets =
      this.kind === 'tv'
        ? (this.directory?.residents ?? []).map((r) => ({
            id: r.id,
            label: `${r.displayName}（${r.careHomeName ?? r.address}）`,
          }))
        : careHomes.map((h) => ({ id: h.id, label: h.name }));
    return html`<h1>${msg('设备绑定')}</h1>
      <p>
        <button @click=${() => this.dispatchEvent(new NavigateEvent(consoleHome.build()))}>
          ${msg('返回工作台')}
        </button>
      </p>
      ${
        this.message
          ? html`<p role=${this.message.kind === 'error' ? 'alert' : 'status'} class=${this.message.kind}>
              ${this.message.text}
            </p>`
          : null
      }
      <form @submit=${this.pair}>
        <label for="code">${msg('设备上显示的绑定码')}</label>
        <input
          id="code"
          name="code"
          required
          .value=${this.initialCode}
          autocomplete="off"
          placeholder="ABCD-EFGH"
        />
        ${
          careHomes.length
            ? html`<label for="kind">${msg('设备类型')}</label>
                <select
                  id="kind"
                  @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as 'tv' | 'kiosk')}
                >
                  <option value="tv">${msg('居民家里的电视')}</option>
                  <option value="kiosk">${msg('养老机构的自助终端')}</option>
                </select>`
            : null
        }
        <label for="target">${this.kind === 'tv' ? msg('绑定给哪位居民') : msg('绑定给哪家养老机构')}</label>
        <select id="target" name="target" required>
          ${targets.map((t) => html`<option value=${t.id}>${t.label}</option>`)}
        </select>
        <button class="primary" type="submit">${msg('绑定')}</button>
      </form>
      <h2>${msg('已绑定的设备')}</h2>
      ${
        this.devices.length === 0
          ? html`<p>${msg('还没有绑定的设备。')}</p>`
          : html`<table>
              <tr>
                <th>${msg('设备')}</th>
                <th>${msg('居民')}</th>
                <th>${msg('绑定人')}</th>
                <th>${msg('状态')}</th>
                <th>${msg('自动接听')}</th>
                <th></th>
              </tr>
              ${this.devices.map(
                (d) =>
                  html`<tr data-device-id=${d.id}>
                    <td>${d.name}</td>
                    <td>${this.residentName(d.residentId)}</td>
                    <td>${d.pairedByName}</td>
                    <td>
                      ${d.revokedAt ? msg('已停用') : d.confirmed ? msg('使用中') : msg('待家庭医生确认')}
                      ${
                        !d.revokedAt && !d.confirmed
                          ? html`<button data-confirm @click=${() => this.confirmDevice(d)}>
                              ${msg('确认')}
                            </button>`
                          : null
                      }
                    </td>
                    <td>
                      ${
                        d.revokedAt
                          ? null
                          : html`<label class="auto-answer"
                              ><input
                                type="checkbox"
                                data-auto-answer
                                .checked=${live(d.autoAnswer)}
                                @change=${(e: Event) =>
                                  this.setAutoAnswer(d, (e.target as HTMLInputElement).checked)}
                              />${d.autoAnswer ? msg('已开启') : msg('关闭')}</label
                            >`
                      }
                    </td>
                    <td>
                      ${d.revokedAt ? null : html`<button @click=${() => this.revoke(d)}>${msg('停用')}</button>`}
                    </td>
                  </tr>`,
              )}
            </table>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-devices-screen': DevicesScreen;
  }
}
