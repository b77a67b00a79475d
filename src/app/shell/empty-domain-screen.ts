import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/events.js';
import '../ui/state-message.js';
import { tvScreen } from '../design/screen-styles.js';
import { tvHome } from '../home/paths.js';

export type EmptyDomain = 'medicines' | 'readings' | 'appointments';

/**
 * 我的药, 健康测量 and 预约与巡诊 before their data exists: the pharmacy, readings and
 * appointment work each replace their part of this with the real screen. Until then the
 * resident is told plainly that there is nothing yet, and how to get back.
 */
@customElement('dah-empty-domain-screen')
@localized()
export class EmptyDomainScreen extends LitElement {
  static override styles = [controls, tvScreen];

  @property() domain: EmptyDomain = 'medicines';

  override render() {
    const [title, message] =
      this.domain === 'medicines'
        ? [msg('我的药'), msg('还没有开过的药。医生给您开药以后，会显示在这里。')]
        : this.domain === 'readings'
          ? [msg('健康测量'), msg('还没有测量记录。量过血压或血糖以后，结果会显示在这里。')]
          : [msg('预约与巡诊'), msg('还没有预约。巡诊时间定下来以后，会显示在这里。')];
    return html`<h1>${title}</h1>
      <dah-state-message
        .message=${message}
        action-label=${msg('返回首页')}
        @dah-state-action=${() => this.dispatchEvent(new NavigateEvent(tvHome.build()))}
      ></dah-state-message>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-empty-domain-screen': EmptyDomainScreen;
  }
}
