import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DeviceSummary } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { LiveQuery } from '../api/live-query.js';
import { consoleStyles } from '../design/console-styles.js';
import { controls } from '../design/controls.js';
import { apiContext } from '../state/contexts.js';
import * as identityApi from '../identity/api.js';

/**
 * On the family doctor's console Home: TVs an administrator paired to one of their patients that
 * wait for their confirmation (issue 12 §2: whoever approves a code gets the resident's identity,
 * so an administrator's pairing counts only once the family doctor confirms it). A new one
 * arrives by push (`device-awaits-confirmation`); confirming here is POST /api/devices/{id}/confirm.
 * Nothing shows while none waits.
 * @summary TVs waiting for the family doctor's confirmation.
 */
@customElement('dah-device-confirmations')
@localized()
export class DeviceConfirmations extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      li {
        display: flex;
        align-items: center;
        margin-bottom: calc(var(--dah-space) / 2);
      }
      li span {
        flex: 1;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  private readonly query = new LiveQuery<DeviceSummary[]>(this, {
    read: async () => (await identityApi.devices(this.api)).devices.filter(awaitsConfirmation),
    pushed: (event, query) => {
      if (event.type === 'device-awaits-confirmation') void query.refresh();
    },
    applied: () => {
      if (this.message?.kind === 'error') this.message = null;
    },
    failed: (error) => (this.message = { kind: 'error', text: errorMessage(error) }),
  });

  private async confirm(device: DeviceSummary): Promise<void> {
    try {
      await identityApi.confirmDevice(this.api, device.id);
      this.message = { kind: 'ok', text: msg(str`已确认：${device.name}。这台电视现在可以使用了。`) };
    } catch (error) {
      this.message = { kind: 'error', text: errorMessage(error) };
    }
    await this.query.refresh();
  }

  override render() {
    const waiting = this.query.value ?? [];
    if (waiting.length === 0 && !this.message) return null;
    return html`<section class="panel" aria-labelledby="confirm-title">
      <h2 id="confirm-title">${msg('等待您确认的电视')}</h2>
      ${
        this.message
          ? html`<p role=${this.message.kind === 'error' ? 'alert' : 'status'}>${this.message.text}</p>`
          : null
      }
      <ul class="plain">
        ${waiting.map(
          (d) =>
            html`<li data-device=${d.id}>
              <span>
                ${msg(str`${d.residentName ?? ''}家的“${d.name}”由${d.pairedByName}绑定，确认后才能使用。`)}
              </span>
              <button data-confirm @click=${() => this.confirm(d)}>${msg('确认')}</button>
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

/** A resident's TV in use nowhere yet: paired by an administrator, not revoked, not confirmed. */
function awaitsConfirmation(device: DeviceSummary): boolean {
  return device.kind === 'tv' && !device.confirmed && device.revokedAt === null;
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-device-confirmations': DeviceConfirmations;
  }
}
