import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/router-controller.js';
import { tvScreen } from './screen-styles.js';

/**
 * What the red key opens. It says first what to do in real danger (120), then offers the family
 * doctor by video. (The consultation work adds the urgent request that jumps every queue.)
 */
@customElement('dah-emergency-screen')
@localized()
export class EmergencyScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    css`
      .urgent {
        font-size: var(--dah-font-heading);
        font-weight: 700;
        color: var(--dah-danger);
      }
      ol {
        padding-left: 1.5em;
      }
    `,
  ];

  override render() {
    return html`<h1>${msg('紧急呼叫')}</h1>
      <p class="urgent" role="alert">${msg('情况危急时，请马上拨打 120 急救电话。')}</p>
      <ol>
        <li>${msg('胸痛、喘不上气、说话不清、突然头痛得厉害：立刻打 120。')}</li>
        <li>${msg('坐下或躺下，不要一个人走动；开门，方便别人进来。')}</li>
        <li>${msg('把正在吃的药放在手边，医生会问。')}</li>
      </ol>
      <button
        class="primary"
        data-autofocus
        @click=${() => this.dispatchEvent(new NavigateEvent('/tv/consult'))}
      >
        ${msg('马上和家庭医生视频')}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-emergency-screen': EmergencyScreen;
  }
}
