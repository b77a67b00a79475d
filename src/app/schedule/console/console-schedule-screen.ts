import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SignedResidents } from '../../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { consoleHome } from '../../home/paths.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { teamRoleLabel } from '../schedule-words.js';
import './console-home-visits.js';
import './console-visits.js';
import * as scheduleApi from '../api.js';

/** The console's 巡诊与上门 (issue 16 §3, §4, §6): home visits, visits and slots, signed residents. */
@customElement('dah-console-schedule')
@localized()
export class ConsoleScheduleScreen extends LitElement {
  static override styles = [controls, consoleStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private residents: SignedResidents['residents'] | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    scheduleApi.signedResidents(this.api).then(
      (r) => (this.residents = r.residents),
      () => (this.residents = []),
    );
  }

  override render() {
    return html`<p>
        <button @click=${() => this.dispatchEvent(new NavigateEvent(consoleHome.build()))}>
          ${msg('返回工作台')}
        </button>
      </p>
      <h1>${msg('巡诊与上门')}</h1>
      <dah-console-home-visits></dah-console-home-visits>
      <dah-console-visits></dah-console-visits>
      <section class="panel">
        <h2>${msg('签约居民')}</h2>
        ${
          this.residents === null
            ? html`<p>${msg('正在加载，请稍候…')}</p>`
            : this.residents.length === 0
              ? html`<p>${msg('还没有签约居民。')}</p>`
              : html`<ul class="residents">
                  ${this.residents.map(
                    (r) =>
                      html`<li>
                        ${r.displayName}（${r.address}）：${r.teamRoles.map(teamRoleLabel).join('、')}${
                          r.contracted ? msg('，签约家庭医生') : ''
                        }
                      </li>`,
                  )}
                </ul>`
        }
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-schedule': ConsoleScheduleScreen;
  }
}
