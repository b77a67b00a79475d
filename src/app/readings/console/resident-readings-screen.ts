import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { RecordSummary } from '../../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { followUpErrorText, ringForFollowUp } from '../../consultations/console/follow-up-call.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls, screen } from '../../design/controls.js';
import { allergyName, conditionName, medicineText, takenOn } from '../../directory/record-words.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { renderLatestReadings } from '../latest-readings.js';
import { consoleColourView } from '../paths.js';
import '../trends-view.js';
import '../../identity/resident-card-panel.js';
import * as scheduleApi from '../../schedule/api.js';

/**
 * One resident from the colour view (分色管理): the trend (the TV's chart, dah-trends-view), the
 * record's summary, and a follow-up call (随访) that rings the resident's TV, as the console's
 * follow-up panel does.
 */
@customElement('dah-console-resident-readings')
@localized()
export class ConsoleResidentReadings extends LitElement {
  static override styles = [
    controls,
    screen,
    consoleStyles,
    css`
      .top {
        display: flex;
        align-items: center;
        margin-bottom: var(--dah-space);
      }
      .top h1 {
        flex: 1;
        margin: 0;
      }
      .work {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 380px;
        grid-column-gap: calc(var(--dah-space) * 2);
        align-items: start;
      }
      @media (max-width: 960px) {
        .work {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      dt {
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
        margin-top: calc(var(--dah-space) / 2);
      }
      dd {
        margin: 0;
      }
      form > * {
        margin-bottom: calc(var(--dah-space) / 2);
      }
    `,
  ];

  @property({ attribute: 'patient-id' }) patientId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private record: RecordSummary | null = null;
  @state() private recordError: string | null = null;
  @state() private reason = '';
  @state() private calling = false;
  @state() private callError: string | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('patientId') && this.patientId) {
      this.record = null;
      this.reason = msg('分色管理随访：复查测量结果');
      void this.loadRecord();
    }
  }

  private readonly loadRecord = async (): Promise<void> => {
    const id = this.patientId;
    this.recordError = null;
    try {
      const { value } = await scheduleApi.recordSummary(this.api, id);
      if (id === this.patientId) this.record = value;
    } catch (error) {
      if (id === this.patientId) this.recordError = errorMessage(error);
    }
  };

  private async call(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = this.reason.trim();
    if (!reason) {
      this.callError = msg('请写上随访原因（例如：血压复查），患者的电视上会显示。');
      return;
    }
    this.calling = true;
    this.callError = null;
    try {
      this.dispatchEvent(new NavigateEvent(await ringForFollowUp(this.api, this.patientId, reason)));
    } catch (error) {
      this.callError = followUpErrorText(error);
    } finally {
      this.calling = false;
    }
  }

  override render() {
    const name = this.record?.patient.displayName;
    return html`<div class="top">
        <h1>${name ? msg(str`${name}的测量趋势与档案`) : msg('居民的测量趋势与档案')}</h1>
        <button @click=${() => this.dispatchEvent(new NavigateEvent(consoleColourView.build()))}>
          ${msg('返回分色管理')}
        </button>
      </div>
      <div class="work">
        <section class="panel" aria-labelledby="trend-title">
          <h2 id="trend-title">${msg('测量趋势')}</h2>
          <dah-trends-view patient-id=${this.patientId}></dah-trends-view>
        </section>
        <div>
          ${this.renderCall()} ${this.renderRecord()}
          <dah-resident-card-panel patient-id=${this.patientId}></dah-resident-card-panel>
        </div>
      </div>`;
  }

  private renderCall() {
    return html`<section class="panel" aria-labelledby="call-title">
      <h2 id="call-title">${msg('随访呼叫')}</h2>
      <form @submit=${this.call} novalidate>
        <label for="reason">${msg('随访原因')}</label>
        <input
          id="reason"
          required
          maxlength="200"
          autocomplete="off"
          .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}
        />
        ${this.callError ? html`<p role="alert">${this.callError}</p>` : null}
        <button class="primary" type="submit" data-action="follow-up" ?disabled=${this.calling}>
          ${this.calling ? msg('正在呼叫…') : msg('呼叫（电视会响铃）')}
        </button>
      </form>
    </section>`;
  }

  private renderRecord() {
    if (this.recordError) {
      return html`<section class="panel">
        <p role="alert">${msg(str`没能读取健康档案：${this.recordError}`)}</p>
        <button @click=${this.loadRecord}>${msg('再试一次')}</button>
      </section>`;
    }
    const record = this.record;
    if (!record) return html`<p class="panel" role="status">${msg('正在加载，请稍候…')}</p>`;
    const none = msg('无');
    return html`<section class="panel" aria-labelledby="record-title" data-record>
      <h2 id="record-title">${msg('健康档案')}</h2>
      <dl>
        <dt>${msg('慢病')}</dt>
        <dd>${record.conditions.map(conditionName).join('、') || none}</dd>
        <dt>${msg('过敏')}</dt>
        <dd>${record.allergies.map(allergyName).join('、') || none}</dd>
        <dt>${msg('最近测量')}</dt>
        <dd>${renderLatestReadings(record.latestReadings, null)}</dd>
        <dt>${msg('在用的药')}</dt>
        <dd>
          ${record.medicines.length ? record.medicines.map((m) => html`<div>${medicineText(m)}</div>`) : none}
        </dd>
        <dt>${msg('最近的问诊')}</dt>
        <dd>
          ${
            record.consultations.length
              ? record.consultations
                  .slice(0, 3)
                  .map(
                    (c) =>
                      html`<div>
                        ${c.endedAt ? takenOn(c.endedAt) : ''}
                        ${c.reason}${c.summary ? `：${c.summary.diagnosis}` : ''}
                      </div>`,
                  )
              : none
          }
        </dd>
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-resident-readings': ConsoleResidentReadings;
  }
}
