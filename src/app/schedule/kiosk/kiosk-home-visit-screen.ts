import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import { kioskHome } from '../../home/paths.js';
import { NavigateEvent } from '../../router/events.js';
import '../home-visit-request.js';
import type { HomeVisitRequestedEvent } from '../home-visit-request.js';
import { homeVisitSentence } from '../schedule-words.js';

/**
 * 申请上门 at a care home's kiosk (issue 16 §3): the nurse asks for a home visit for one of the
 * home's residents; the township sees it in the console at once.
 */
@customElement('dah-kiosk-home-visit')
@localized()
export class KioskHomeVisitScreen extends LitElement {
  static override styles = [controls, tvScreen];

  @property({ attribute: 'patient-id' }) patientId = '';
  @state() private done = '';

  override render() {
    const home = html`<button
      ?data-autofocus=${this.done !== ''}
      @click=${() => this.dispatchEvent(new NavigateEvent(kioskHome.build()))}
    >
      ${msg('返回居民列表')}
    </button>`;
    if (this.done) {
      return html`<h1>${msg('申请上门')}</h1>
        <p role="status">${this.done}</p>
        ${home}`;
    }
    return html`<h1>${msg('申请上门')}</h1>
      <dah-home-visit-request
        .patientId=${this.patientId}
        @dah-home-visit-requested=${(e: HomeVisitRequestedEvent) =>
          (this.done = msg('已申请：') + homeVisitSentence(e.homeVisit))}
      ></dah-home-visit-request>
      ${home}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-home-visit': KioskHomeVisitScreen;
  }
}
