import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Measure, PatientReadings } from '../../shared/readings/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { apiContext } from '../state/contexts.js';
import { MEASURES } from './entry.js';
import { measureName } from './words.js';
import './trend-chart.js';
import * as readingsApi from './api.js';

type Days = 7 | 30 | 90;

/** 'this week your blood pressure was in the target range on 5 of 7 days', from the API's numbers. */
export function trendSentence(measure: Measure, days: number, inRange: number, withReadings: number): string {
  const what = measureName(measure);
  if (withReadings === 0) return msg(str`最近${days}天没有${what}的测量记录。`);
  return msg(str`最近${days}天，${what}有${withReadings}天测过，其中${inRange}天在目标范围内。`);
}

/**
 * One resident's trends: a measure and a span (7/30/90 days), the chart and its sentence. Used by
 * the TV (the resident's own) and the console (a resident of the doctor's area).
 */
@customElement('dah-trends-view')
@localized()
export class TrendsView extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
      }
      .choices button {
        margin: 0 var(--dah-space) var(--dah-space) 0;
      }
      button[aria-pressed='true'] {
        box-shadow: inset 0 0 0 calc(4 * var(--dah-px)) var(--dah-ok);
      }
      button[aria-pressed='true']::before {
        content: '✓ ';
      }
      .sentence {
        font-size: var(--dah-font-heading);
        font-weight: 700;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @property({ attribute: 'patient-id' }) patientId = '';
  @state() private measure: Measure = 'blood_pressure';
  @state() private days: Days = 7;
  @state() private data: PatientReadings | null = null;
  @state() private problem: string | null = null;
  @state() private loading = false;
  private asked = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('patientId') && changed.get('patientId') !== undefined) void this.load();
  }

  private async load(): Promise<void> {
    if (!this.patientId) return;
    const ask = ++this.asked;
    this.loading = true;
    this.problem = null;
    try {
      const data = await readingsApi.patientReadings(this.api, this.patientId, this.days);
      if (ask === this.asked) this.data = data;
    } catch (error) {
      if (ask === this.asked) this.problem = errorMessage(error);
    } finally {
      if (ask === this.asked) this.loading = false;
    }
  }

  private setDays(days: Days): void {
    this.days = days;
    void this.load();
  }

  private renderBody() {
    if (this.problem)
      return html`<p role="alert">${this.problem}</p>
        <button data-focus-key="trends-retry" @click=${() => this.load()}>${msg('再试一次')}</button>`;
    if (!this.data) return html`<p role="status">${msg('正在读取测量记录…')}</p>`;
    const summary = this.data.summaries.find((s) => s.measure === this.measure);
    const sentence = trendSentence(
      this.measure,
      this.days,
      summary?.daysInRange ?? 0,
      summary?.daysWithReadings ?? 0,
    );
    return html`<p class="sentence" tabindex="0" data-focus-key="trend-sentence" role="status">${sentence}</p>
      <dah-trend-chart
        .readings=${this.data.readings}
        measure=${this.measure}
        days=${this.days}
        now=${Date.now()}
      ></dah-trend-chart>
      ${this.loading ? html`<p role="status">${msg('正在更新…')}</p>` : null}`;
  }

  override render() {
    const pressed = (on: boolean) => (on ? 'true' : 'false');
    return html`<div class="choices" role="group" aria-label=${msg('测量项目')}>
        ${MEASURES.map(
          (m) =>
            html`<button
              aria-pressed=${pressed(m === this.measure)}
              data-focus-key=${`trend-${m}`}
              @click=${() => (this.measure = m)}
            >
              ${measureName(m)}
            </button>`,
        )}
      </div>
      <div class="choices" role="group" aria-label=${msg('时间范围')}>
        ${([7, 30, 90] as const).map(
          (d) =>
            html`<button
              aria-pressed=${pressed(d === this.days)}
              data-focus-key=${`days-${d}`}
              @click=${() => this.setDays(d)}
            >
              ${msg(str`${d}天`)}
            </button>`,
        )}
      </div>
      ${this.renderBody()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-trends-view': TrendsView;
  }
}
