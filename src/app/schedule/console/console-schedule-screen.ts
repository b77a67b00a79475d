import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SignedResidents } from '../../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
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
  @state() private find = '';
  @state() private residentsError = '';

  override connectedCallback(): void {
    super.connectedCallback();
    scheduleApi.signedResidents(this.api).then(
      (r) => (this.residents = r.residents),
      (error: unknown) => (this.residentsError = errorMessage(error)),
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
      ${this.renderResidents()}`;
  }

  /** The residents signed to this doctor (签约), by village, found by name or village. */
  private renderResidents() {
    const all = this.residents;
    const find = this.find.trim();
    const shown = (all ?? []).filter(
      (r) => !find || r.displayName.includes(find) || r.village.name.includes(find),
    );
    const villages = [...new Set(shown.map((r) => r.village.name))].sort();
    return html`<section class="panel">
      <h2>${msg('签约居民')}</h2>
      <label
        >${msg('按姓名或村找')}
        <input
          name="find"
          type="search"
          .value=${this.find}
          @input=${(e: Event) => (this.find = (e.target as HTMLInputElement).value)}
      /></label>
      ${
        this.residentsError
          ? html`<p role="alert">${this.residentsError}</p>`
          : all === null
            ? html`<p>${msg('正在加载，请稍候…')}</p>`
            : all.length === 0
              ? html`<p>${msg('还没有签约居民。')}</p>`
              : shown.length === 0
                ? html`<p>${msg('没有找到这样的居民。')}</p>`
                : villages.map(
                    (village) =>
                      html`<h3>${village}</h3>
                        <ul class="residents" data-village=${village}>
                          ${shown
                            .filter((r) => r.village.name === village)
                            .map(
                              (r) =>
                                html`<li data-resident=${r.id}>
                                  ${r.displayName}（${r.address}）${r.teamRoles.length ? '：' : ''}${r.teamRoles
                                    .map(teamRoleLabel)
                                    .join('、')}${r.contracted ? msg('，签约家庭医生') : ''}
                                </li>`,
                            )}
                        </ul>`,
                  )
      }
    </section>      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-schedule': ConsoleScheduleScreen;
  }
}
