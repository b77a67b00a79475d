import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsultationDetail, ConsultationSummaryNote } from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { formatMoment } from '../dates.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, kioskVisitContext, pushedSummaryContext } from '../state/contexts.js';
import type { KioskVisitController } from '../readings/kiosk/kiosk-visit.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { KeepFocus } from '../input/keep-focus.js';
import { statusText, tvScreen } from '../design/screen-styles.js';
import { homePath } from '../home/paths.js';
import * as consultationsApi from './api.js';
import { countsAsResult } from '../../shared/readings/series.js';
import { valuesText } from '../readings/entry.js';
import { colourWordStyles } from '../readings/colour-styles.js';
import { COLOUR_ICON, colourWord, measureName, messageText } from '../readings/words.js';
import { icon } from '../ui/icons.js';

/** The doctor's lines as they were written, one block each. */
function lines(text: string) {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => html`<span>${line}</span>`);
}

/**
 * 问诊小结: what the doctor wrote at the end of a consultation (diagnosis note, advice), in large
 * text, each part reachable by focus so it is read aloud. Opened by the 'ended' event, or by deep
 * link (/tv/summary/<id>), which loads it from the API. (Prescriptions come with the pharmacy work.)
 */
@customElement('dah-summary-screen')
@localized()
export class SummaryScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    colourWordStyles,
    statusText,
    css`
      h2 {
        font-size: var(--dah-font-body);
        color: var(--dah-text-muted);
        margin: var(--dah-space) 0 0;
      }
      .note {
        font-size: var(--dah-font-heading);
        line-height: var(--dah-line-height);
        margin: 0;
        border-radius: var(--dah-radius);
      }
      .note span {
        display: block;
      }
      button {
        margin-top: calc(var(--dah-space) * 1.5);
      }
      .readings {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .reading {
        font-size: var(--dah-font-body);
        line-height: var(--dah-line-height);
        margin: calc(var(--dah-space) / 2) 0 0;
        border-radius: var(--dah-radius);
      }
      .reading strong {
        font-size: var(--dah-font-heading);
        margin-right: calc(var(--dah-space) / 2);
      }
      /* The shared colour word (readings/colour-styles.ts), bold and closer to its icon here. */
      .colour {
        font-weight: bold;
      }
      .colour svg {
        margin-right: calc(var(--dah-space) / 4);
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  /** The kiosk shows it too (for the resident it asked for), then goes back to its resident list. */
  @property() surface: 'tv' | 'kiosk' = 'tv';
  /** What the 'ended' event carried: shown at once, and if loading fails. */
  /** The summary the push stream brought with the end of the call, if it did. */
  @consume({ context: pushedSummaryContext }) pushedSummary?: (
    consultationId: string,
  ) => ConsultationSummaryNote | null | undefined;
  @consume({ context: apiContext }) api!: ApiClient;
  /** A health station's self-service visit: after the summary, back to the visit's result. */
  @consume({ context: kioskVisitContext }) visit?: KioskVisitController;
  @state() private detail: ConsultationDetail | null = null;
  @state() private error: string | null = null;
  @state() private loading = true;
  private readonly keepFocus = new KeepFocus(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('consultationId')) void this.load();
  }

  private async load(): Promise<void> {
    const id = this.consultationId;
    this.loading = true;
    this.error = null;
    try {
      const detail = await consultationsApi.consultation(this.api, id);
      if (id === this.consultationId) this.detail = detail;
    } catch (error) {
      if (id === this.consultationId) this.error = errorMessage(error);
    } finally {
      if (id === this.consultationId) this.loading = false;
    }
  }

  private home() {
    return html`<button
      data-focus-key="home"
      @click=${() => this.dispatchEvent(new NavigateEvent(homePath(this.surface)))}
    >
      ${
        this.surface === 'kiosk'
          ? this.visit?.live
            ? msg('回到测量结果')
            : msg('回到居民名单')
          : msg('返回首页')
      }
    </button>`;
  }

  override render() {
    // undefined: not known yet; null: the doctor wrote none.
    const summary =
      this.detail?.summary ?? this.pushedSummary?.(this.consultationId) ?? (this.detail ? null : undefined);
    if (this.loading && summary === undefined) {
      return html`<h1>${msg('问诊小结')}</h1>
        <dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    }
    if (this.error && summary === undefined) {
      return html`<h1>${msg('问诊小结')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        ${this.home()}`;
    }
    return html`<h1>${msg('问诊小结')}</h1>
      ${this.renderWho()}
      ${
        summary
          ? html`<h2>${msg('医生的诊断')}</h2>
              <p class="note" tabindex="0" data-autofocus data-focus-key="diagnosis">
                ${lines(summary.diagnosis)}
              </p>
              <h2>${msg('医生的建议')}</h2>
              <p class="note" tabindex="0" data-focus-key="advice">
                ${lines(summary.advice || msg('没有写建议。'))}
              </p>`
          : html`<p class="lead" tabindex="0" data-autofocus>
              ${msg('医生这次没有写小结。有问题可以再找医生视频。')}
            </p>`
      }
      ${this.renderReadings()} ${this.home()}`;
  }

  /**
   * 测量结果: what was measured during the call (the doctor's summary has them too), each with its
   * colour as a word and an icon, never colour alone, and the words on what it means. Withdrawn and
   * corrected readings and a kiosk series' single parts are left out: the resident sees the results.
   */
  private renderReadings() {
    const readings = (this.detail?.readings ?? []).filter(countsAsResult);
    if (readings.length === 0) return null;
    return html`<h2>${msg('本次问诊中的测量')}</h2>
      <ul class="readings" data-summary-readings>
        ${readings.map(
          (r, i) =>
            html`<li
              class="reading"
              tabindex="0"
              data-focus-key=${`reading-${i}`}
              data-reading=${r.id}
              data-colour=${r.colour ?? ''}
            >
              <strong>${measureName(r.values.measure)} ${valuesText(r.values)}</strong>
              ${
                r.colour
                  ? html`<span class="colour ${r.colour}"
                        >${icon(COLOUR_ICON[r.colour])}${colourWord(r.colour)}</span
                      >
                      ${r.messageKey ? html`<span> · ${messageText(r.messageKey)}</span>` : null}`
                  : null
              }
            </li>`,
        )}
      </ul>`;
  }

  private renderWho() {
    const detail = this.detail;
    if (!detail) return null;
    const when = formatMoment(detail.endedAt ?? detail.createdAt, 'monthDay');
    const doctor = detail.doctor;
    return html`<p class="muted">
      ${this.surface === 'kiosk' ? `${detail.patient.displayName} · ` : ''}${msg(
        str`${when}，${doctor.displayName}医生（${doctor.organisationName}）`,
      )}
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-summary-screen': SummaryScreen;
  }
}
