import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LiveQuery } from '../../api/live-query.js';
import { MinuteClock } from '../../consultations/console/minute-clock.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import type { ColourViewEntry } from '../../../shared/readings/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls, screen } from '../../design/controls.js';
import { conditionName } from '../../directory/record-words.js';
import { consoleHome } from '../../home/paths.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, sessionContext } from '../../state/contexts.js';
import { renderLatestReadings } from '../latest-readings.js';
import { consoleResidentTrends } from '../paths.js';
import { colourReasonText, redFirst } from './colour-words.js';
import * as readingsApi from '../../readings/api.js';

type ColourFilter = '' | 'red' | 'yellow' | 'green';
type ConditionFilter = '' | 'hypertension' | 'type2_diabetes';

/**
 * 分色管理 (issue 14 item 6): the residents of the doctor's area with their latest readings and
 * colour, red first, filtered by condition and colour (the API filters; the list keeps red
 * first). Each opens the resident's trend and record, from where the doctor rings for a follow-up.
 */
@customElement('dah-console-colour-view')
@localized()
export class ConsoleColourView extends LitElement {
  static override styles = [
    controls,
    screen,
    consoleStyles,
    css`
      .top {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        margin-bottom: var(--dah-space);
      }
      .top h1 {
        margin: 0 var(--dah-space) 0 0;
        flex: 1;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        margin-bottom: var(--dah-space);
      }
      .filters label {
        margin-right: calc(var(--dah-space) * 2);
      }
      .filters select {
        width: auto;
        margin-left: calc(var(--dah-space) / 2);
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: left;
        vertical-align: top;
        padding: calc(var(--dah-space) / 2);
        border-bottom: 1px solid var(--dah-text-muted);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private colour: ColourFilter = '';
  @state() private condition: ConditionFilter = '';
  /** A filter changed and its list is on its way (a pushed re-read updates quietly). */
  @state() private loading = false;

  /**
   * The list: read on open, when the push stream (re)opens, on 'colour-view-changed' (a reading of
   * one of the area's residents changed: server/readings/colour-view-push.ts sends one per burst),
   * each minute in case a push was lost, and when a filter changes. Only the latest read is shown.
   */
  private readonly query = new LiveQuery<ColourViewEntry[]>(this, {
    read: async () => {
      const filter: { colour?: string; condition?: string } = {};
      if (this.colour) filter.colour = this.colour;
      if (this.condition) filter.condition = this.condition;
      return redFirst((await readingsApi.colourView(this.api, filter)).residents);
    },
    pushed: (event, query) => {
      if (event.type === 'colour-view-changed') void query.refresh();
    },
  });
  readonly clock = new MinuteClock(this, () => void this.query.refresh());

  private get residents(): ColourViewEntry[] | null {
    return this.query.value;
  }

  private get error(): string | null {
    return this.query.error === null ? null : errorMessage(this.query.error);
  }

  /** Reads the list again; resolves once the list shown is the latest read's. */
  refresh(): Promise<void> {
    return this.query.refresh();
  }

  private readonly load = async (): Promise<void> => {
    this.loading = true;
    await this.query.refresh();
    this.loading = false;
  };

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    return html`<div class="top">
        <h1>${msg('分色管理')}</h1>
        <button @click=${() => this.go(consoleHome.build())}>${msg('返回工作台')}</button>
      </div>
      <p class="muted">${msg('您负责的居民按近 7 天的测量分成红、黄、绿三色，红色排在最前，请先处理。')}</p>
      ${this.renderFilters()} ${this.renderList()}`;
  }

  private renderFilters() {
    return html`<div class="filters">
      <label>
        ${msg('疾病')}
        <select
          id="condition"
          @change=${(e: Event) => {
            this.condition = (e.target as HTMLSelectElement).value as ConditionFilter;
            void this.load();
          }}
        >
          <option value="" ?selected=${this.condition === ''}>${msg('全部')}</option>
          <option value="hypertension" ?selected=${this.condition === 'hypertension'}>
            ${conditionName('hypertension')}
          </option>
          <option value="type2_diabetes" ?selected=${this.condition === 'type2_diabetes'}>
            ${conditionName('type2_diabetes')}
          </option>
        </select>
      </label>
      <label>
        ${msg('颜色')}
        <select
          id="colour"
          @change=${(e: Event) => {
            this.colour = (e.target as HTMLSelectElement).value as ColourFilter;
            void this.load();
          }}
        >
          <option value="" ?selected=${this.colour === ''}>${msg('全部')}</option>
          <option value="red" ?selected=${this.colour === 'red'}>${msg('红色')}</option>
          <option value="yellow" ?selected=${this.colour === 'yellow'}>${msg('黄色')}</option>
          <option value="green" ?selected=${this.colour === 'green'}>${msg('绿色')}</option>
        </select>
      </label>
      ${this.loading && this.residents ? html`<span role="status">${msg('正在更新…')}</span>` : null}
    </div>`;
  }

  private renderList() {
    if (this.error && this.residents) {
      // The last list stays; the note says it may be out of date.
      return html`<p role="alert">${msg(str`没能读取分色名单：${this.error}`)}</p>
        ${this.renderTable(this.residents)}`;
    }
    if (this.error) {
      return html`<div class="panel">
        <p role="alert">${msg(str`没能读取分色名单：${this.error}`)}</p>
        <button @click=${this.load}>${msg('再试一次')}</button>
      </div>`;
    }
    if (!this.residents) return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
    if (this.residents.length === 0) {
      return html`<p class="panel" role="status" data-empty>
        ${
          this.colour || this.condition
            ? msg('没有符合筛选条件的居民。可以把筛选改回“全部”。')
            : msg('您负责的范围里还没有居民。')
        }
      </p>`;
    }
    return this.renderTable(this.residents);
  }

  private renderTable(residents: ColourViewEntry[]) {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${msg('居民')}</th>
          <th scope="col">${msg('颜色与最近测量')}</th>
          <th scope="col">${msg('原因')}</th>
          <th scope="col"><span class="muted">${msg('操作')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${residents.map((r) => this.renderRow(r))}
      </tbody>
    </table>`;
  }

  private renderRow(entry: ColourViewEntry) {
    const { patient, colour } = entry;
    return html`<tr data-resident=${patient.id} data-colour=${colour.colour}>
      <th scope="row">
        ${patient.displayName}
        <div class="small muted">${patient.conditions.map(conditionName).join('、')}</div>
      </th>
      <td class="small">${renderLatestReadings(entry.latestReadings, colour.colour)}</td>
      <td class="small">
        <ul class="plain">
          ${colour.reasons.map((reason) => html`<li>${colourReasonText(reason, colour.homeMean)}</li>`)}
        </ul>
      </td>
      <td>
        <button
          data-open=${patient.id}
          @click=${() => this.go(consoleResidentTrends.build({ patientId: patient.id }))}
        >
          ${msg(str`查看${patient.displayName}的趋势和档案`)}
        </button>
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-colour-view': ConsoleColourView;
  }
}
