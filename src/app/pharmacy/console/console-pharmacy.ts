import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls, screen } from '../../design/controls.js';
import { consoleHome } from '../../home/paths.js';
import { NavigateEvent } from '../../router/events.js';
import { sessionContext } from '../../state/contexts.js';
import './doctor-pharmacy.js';
import './pharmacist-queue.js';

/** 药房 in the console: the pharmacist's review queue, or a doctor's returned prescriptions and adherence. */
@customElement('dah-console-pharmacy')
@localized()
export class ConsolePharmacy extends LitElement {
  static override styles = [controls, screen, consoleStyles];
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;

  override render() {
    const home = html`<button @click=${() => this.dispatchEvent(new NavigateEvent(consoleHome.build()))}>
      ${msg('返回工作台')}
    </button>`;
    const role = this.actor?.role;
    return html`<h1>${msg('药房')}</h1>
      ${home}
      ${
        role === 'pharmacist'
          ? html`<dah-pharmacist-queue></dah-pharmacist-queue>`
          : role === 'doctor'
            ? html`<dah-doctor-pharmacy></dah-doctor-pharmacy>`
            : html`<p>${msg('药房只对医生和药师开放。')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-pharmacy': ConsolePharmacy;
  }
}
