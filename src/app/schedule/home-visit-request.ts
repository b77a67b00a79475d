import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { HomeVisit, HomeVisitReason } from '../../shared/schedule/schedule-schemas.js';
import { addDays, localDateOf, weekdayOf } from '../../shared/schedule/shanghai-time.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { tvScreen } from '../design/screen-styles.js';
import { KeepFocus } from '../input/keep-focus.js';
import { apiContext } from '../state/contexts.js';
import { halfDayName, homeVisitReasonName, weekdayName } from './schedule-words.js';
import * as scheduleApi from './api.js';

const REASONS: HomeVisitReason[] = [
  'wound-care',
  'injection',
  'catheter-care',
  'blood-test',
  'medication-review',
  'bedridden-check',
];

/** A home visit was asked for (the screen shows it and goes back to its list). */
export class HomeVisitRequestedEvent extends Event {
  constructor(readonly homeVisit: HomeVisit) {
    super('dah-home-visit-requested', { bubbles: true, composed: true });
  }
}

/**
 * Asking for a nurse or doctor at home (上门护理, issue 16 §3), on the TV and on the kiosk: a reason
 * from a short list, then a half-day of the next three days; two presses after opening it. A nurse
 * (上门护理) comes for every reason but a check of a bedridden resident, which is the doctor's
 * round at a home hospital bed (家庭病床).
 */
@customElement('dah-home-visit-request')
@localized()
export class HomeVisitRequestForm extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    css`
      .choices {
        display: flex;
        flex-wrap: wrap;
        margin: 0 calc(var(--dah-space) / -4);
      }
      .choices button {
        margin: calc(var(--dah-space) / 4);
        min-width: 30%;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  /** A kiosk names the resident; a TV asks for its own. */
  @property() patientId: string | undefined;
  @state() private reason: HomeVisitReason | null = null;
  @state() private busy = false;
  @state() private error = '';
  private readonly keepFocus = new KeepFocus(this);

  /** Opening the form is a step of the screen: focus goes to its first choice, not to what follows it. */
  protected override firstUpdated(): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>('button[data-autofocus]')?.focus();
  }

  private async send(date: string, halfDay: 'morning' | 'afternoon'): Promise<void> {
    if (!this.reason || this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      const visit = await scheduleApi.requestHomeVisit(this.api, {
        ...(this.patientId ? { patientId: this.patientId } : {}),
        service: this.reason === 'bedridden-check' ? 'home-bed' : 'home-nursing',
        reason: this.reason,
        preferredDate: date,
        preferredHalfDay: halfDay,
      });
      this.dispatchEvent(new HomeVisitRequestedEvent(visit));
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.keepFocus;
    const error = this.error ? html`<p role="alert">${this.error}</p>` : null;
    if (!this.reason) {
      return html`<h2>${msg('请选择上门的原因')}</h2>
        <div class="choices">
          ${REASONS.map(
            (reason, i) =>
              html`<button
                ?data-autofocus=${i === 0}
                data-focus-key=${`reason-${reason}`}
                @click=${() => (this.reason = reason)}
              >
                ${homeVisitReasonName(reason)}
              </button>`,
          )}
        </div>`;
    }
    // The day after today first: a visit needs a day's notice to be arranged. Today is the
    // server's: the TV's clock may be days off (issue 16 §6), and the server checks the date.
    const today = localDateOf(this.api.serverNow());
    const days = [1, 2, 3].map((n) => addDays(today, n));
    return html`<h2>${msg(str`${homeVisitReasonName(this.reason)}：请选择希望上门的时间`)}</h2>
      ${error} ${this.busy ? html`<p role="status">${msg('正在提交，请稍候…')}</p>` : null}
      <div class="choices">
        ${days.flatMap((date, i) =>
          (['morning', 'afternoon'] as const).map(
            (half) =>
              html`<button
                ?data-autofocus=${i === 0 && half === 'morning'}
                data-focus-key=${`half-${date}-${half}`}
                ?disabled=${this.busy}
                @click=${() => void this.send(date, half)}
              >
                ${weekdayName(weekdayOf(date))} ${halfDayName(half)}
              </button>`,
          ),
        )}
        <button data-focus-key="other-reason" @click=${() => (this.reason = null)}>
          ${msg('换一个原因')}
        </button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-home-visit-request': HomeVisitRequestForm;
  }
}
