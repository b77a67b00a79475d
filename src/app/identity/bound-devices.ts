import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { DeviceSummary } from '../../shared/identity/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { formatMoment } from '../dates.js';
import { apiContext } from '../state/contexts.js';
import * as identityApi from './api.js';

/**
 * The devices bound to this resident, with who paired each: whoever pairs a TV to a resident acts
 * as that resident, so a device paired without their knowledge must be visible to them (issue 12).
 * Shown on the settings screen; nothing is focusable, it is read (and read aloud with the page).
 */
@customElement('dah-bound-devices')
@localized()
export class BoundDevices extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: var(--dah-font-body);
    }
  `;

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private devices: DeviceSummary[] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    identityApi
      .myDevices(this.api)
      .then((list) => (this.devices = list.devices))
      // Not shown when it cannot be read (offline): the rest of the settings still work.
      .catch(() => (this.devices = null));
  }

  override render() {
    if (!this.devices) return null;
    return html`<ul>
      ${this.devices.map(
        (d) =>
          html`<li data-device-id=${d.id}>
            ${d.name}：${msg(str`${d.pairedByName}绑定，${formatMoment(d.pairedAt, 'longDate')}`)}
          </li>`,
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-bound-devices': BoundDevices;
  }
}
