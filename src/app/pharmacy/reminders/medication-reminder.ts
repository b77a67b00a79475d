import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls, fullScreenOverlay } from '../../design/controls.js';
import { TabTrapController } from '../../input/tab-trap.js';
import { packPicture } from '../pack-pictures.js';
import { clockText, doseText, medicineName } from '../words.js';
import type { DueDose } from './reminder-schedule.js';

/** Fired with the resident's answer: taken (已服药), later (稍后提醒), or reorder (再次配药). */
export class ReminderChoiceEvent extends Event {
  static readonly type = 'dah-reminder-choice';
  constructor(readonly choice: 'taken' | 'later' | 'reorder') {
    super(ReminderChoiceEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * 用药提醒: full screen at dose time, what to take and how many, 已服药 and 稍后提醒; with 7 days of
 * supply or fewer left, 再次配药 too. One of the app's overlays (ui/overlays.ts): focus stays in it.
 * @summary Full-screen medication reminder.
 * @event dah-reminder-choice - the resident answered
 */
@customElement('dah-medication-reminder')
@localized()
export class MedicationReminder extends LitElement {
  static override styles = [
    controls,
    fullScreenOverlay,
    css`
      :host {
        background: var(--dah-bg);
        z-index: 15;
      }
      section {
        padding: var(--dah-safe-y) var(--dah-safe-x);
        text-align: center;
      }
      .what {
        font-size: var(--dah-font-heading);
        font-weight: 700;
      }
      .pack {
        display: block;
        margin: 0 auto;
        height: calc(200 * var(--dah-px));
        width: calc(250 * var(--dah-px));
      }
      .actions button {
        margin: var(--dah-space) var(--dah-space) 0;
      }
    `,
  ];

  @property({ attribute: false }) dose: DueDose | null = null;
  private readonly tabTrap = new TabTrapController(this);

  protected override firstUpdated(): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>('.actions button')?.focus();
  }

  private choose(choice: 'taken' | 'later' | 'reorder') {
    this.dispatchEvent(new ReminderChoiceEvent(choice));
  }

  override render() {
    const dose = this.dose;
    if (!dose) return null;
    const m = dose.medicine;
    return html`<section
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="heading"
      aria-describedby="what"
    >
      <h1 id="heading">${msg(str`该吃药了（${clockText(dose.scheduledAt)}）`)}</h1>
      ${packPicture(m.picture, medicineName(m))}
      <p id="what" class="what">${msg(str`${medicineName(m)}，吃${doseText(m.doseAmount, m.doseUnit)}`)}</p>
      ${dose.offersReorder ? html`<p>${msg(str`这个药还剩${dose.daysLeft}天，可以再次配药。`)}</p>` : null}
      <div class="actions">
        <button class="primary" @click=${() => this.choose('taken')}>${msg('已服药')}</button>
        <button @click=${() => this.choose('later')}>${msg('稍后提醒')}</button>
        ${
          dose.offersReorder
            ? html`<button @click=${() => this.choose('reorder')}>${msg('再次配药')}</button>`
            : null
        }
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-medication-reminder': MedicationReminder;
  }
}
