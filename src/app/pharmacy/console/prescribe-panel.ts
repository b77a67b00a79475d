import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { DOSE_CLOCK } from '../../../shared/pharmacy/reminders.js';
import type { Frequency, Medicine, Prescription } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { doseText, frequencyText, medicineName } from '../words.js';
import * as pharmacyApi from '../api.js';

const FREQUENCIES: Frequency[] = ['qd', 'bid', 'tid', 'qn'];

/**
 * 开药 during a call (the call's side panel) or after it (the consultation's page): search the
 * catalogue by characters or pinyin initials ('adp' finds 氨氯地平), then dose, frequency, days'
 * supply and refills. Each prescription goes to the pharmacist's review and shows in the summary.
 * @summary The doctor's prescribing form.
 */
@customElement('dah-prescribe-panel')
@localized()
export class PrescribePanel extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: auto 1fr;
        grid-gap: calc(var(--dah-space) / 2);
        align-items: center;
      }
      .results button {
        display: block;
        width: 100%;
        text-align: left;
        margin-bottom: calc(var(--dah-space) / 4);
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private query = '';
  @state() private results: Medicine[] = [];
  @state() private chosen: Medicine | null = null;
  @state() private dose = 1;
  @state() private frequency: Frequency = 'qd';
  @state() private days = 28;
  @state() private refills = 2;
  @state() private busy = false;
  @state() private error: string | null = null;
  /** What was prescribed here, shown as the summary will show it. */
  @state() private prescribed: Prescription[] = [];
  private searchSeq = 0;

  private async search(q: string): Promise<void> {
    this.query = q;
    const seq = ++this.searchSeq;
    if (!q.trim()) {
      this.results = [];
      return;
    }
    try {
      const { medicines } = await pharmacyApi.catalogue(this.api, q.trim());
      if (seq === this.searchSeq) this.results = medicines;
    } catch (error) {
      if (seq === this.searchSeq) this.error = errorMessage(error);
    }
  }

  private async prescribe(event: Event): Promise<void> {
    event.preventDefault();
    const medicine = this.chosen;
    if (!medicine || this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const { prescriptions } = await pharmacyApi.prescribe(this.api, this.consultationId, {
        lines: [
          {
            medicineId: medicine.id,
            doseAmount: this.dose,
            doseUnit: medicine.doseUnit,
            frequency: this.frequency,
            daysSupply: this.days,
            refills: this.refills,
          },
        ],
      });
      this.prescribed = [...this.prescribed, ...prescriptions];
      this.chosen = null;
      this.query = '';
      this.results = [];
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private num(e: Event): number {
    return Number((e.target as HTMLInputElement).value);
  }

  override render() {
    return html`<section class="panel" aria-labelledby="rx-title">
      <h2 id="rx-title">${msg('开药')}</h2>
      ${
        this.prescribed.length
          ? html`<ul class="plain" data-prescribed>
              ${this.prescribed.map(
                (p) =>
                  html`<li>
                    ${msg(
                      str`${medicineName(p.medicine)}：每次${doseText(p.doseAmount, p.doseUnit)}，${frequencyText(p.frequency)}，${p.daysSupply}天，可续配${p.refills}次（已送药师审核）`,
                    )}
                  </li>`,
              )}
            </ul>`
          : null
      }
      ${this.chosen ? this.renderForm(this.chosen) : this.renderSearch()}
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
    </section>`;
  }

  private renderSearch() {
    return html`<label for="rx-search">${msg('搜索药品（汉字或拼音首字母，如 adp）')}</label>
      <input
        id="rx-search"
        autocomplete="off"
        .value=${this.query}
        @input=${(e: Event) => void this.search((e.target as HTMLInputElement).value)}
      />
      <div class="results">
        ${this.results.map(
          (m) =>
            html`<button data-medicine=${m.id} @click=${() => this.choose(m)}>
              ${medicineName(m)} ${m.brandNameZh ?? ''} ·
              ${m.insuranceCategory === 'A' ? msg('甲类') : msg('乙类')}
            </button>`,
        )}
        ${this.query.trim() && this.results.length === 0 ? html`<p class="muted">${msg('没有找到。')}</p>` : null}
      </div>`;
  }

  private choose(m: Medicine): void {
    this.chosen = m;
    this.dose = 1;
    this.error = null;
  }

  private renderForm(m: Medicine) {
    const unit = m.doseUnit === 'iu' ? msg('单位') : m.doseUnit === 'capsule' ? msg('粒') : msg('片');
    return html`<form @submit=${this.prescribe}>
      <p><strong>${medicineName(m)}</strong></p>
      <div class="grid">
        <label for="rx-dose">${msg(str`每次（${unit}）`)}</label>
        <input
          id="rx-dose"
          type="number"
          min=${m.doseUnit === 'iu' ? 1 : 0.5}
          step=${m.doseUnit === 'iu' ? 1 : 0.5}
          max="100"
          required
          .value=${String(this.dose)}
          @input=${(e: Event) => (this.dose = this.num(e))}
        />
        <label for="rx-frequency">${msg('频次')}</label>
        <select
          id="rx-frequency"
          @change=${(e: Event) => (this.frequency = (e.target as HTMLSelectElement).value as Frequency)}
        >
          ${FREQUENCIES.map(
            (f) =>
              html`<option value=${f} ?selected=${f === this.frequency}>
                ${frequencyText(f)}（${DOSE_CLOCK[f].join('、')}）
              </option>`,
          )}
        </select>
        <label for="rx-days">${msg('天数')}</label>
        <input
          id="rx-days"
          type="number"
          min="1"
          max="180"
          required
          .value=${String(this.days)}
          @input=${(e: Event) => (this.days = this.num(e))}
        />
        <label for="rx-refills">${msg('可续配次数')}</label>
        <input
          id="rx-refills"
          type="number"
          min="0"
          max="12"
          required
          .value=${String(this.refills)}
          @input=${(e: Event) => (this.refills = this.num(e))}
        />
      </div>
      <button class="primary" type="submit" ?disabled=${this.busy}>${msg('开药并送药师审核')}</button>
      <button type="button" @click=${() => (this.chosen = null)}>${msg('换一个药')}</button>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-prescribe-panel': PrescribePanel;
  }
}
