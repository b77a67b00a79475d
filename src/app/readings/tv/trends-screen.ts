import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import { sessionContext } from '../../state/contexts.js';
import '../trends-view.js';

/** The resident's own trends on the TV (its chart loads with this screen only). */
@customElement('dah-trends-screen')
@localized()
export class TrendsScreen extends LitElement {
  static override styles = [controls, tvScreen];
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;

  override render() {
    return html`<h1>${msg('我的测量趋势')}</h1>
      <dah-trends-view patient-id=${this.actor?.id ?? ''}></dah-trends-view>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-trends-screen': TrendsScreen;
  }
}
