import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../../shared/directory/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { consoleStyles } from '../../design/console-styles.js';
import { ageOn } from '../../../shared/schedule/shanghai-time.js';
import { sexText } from './waiting-time.js';
import { followUpErrorText, ringForFollowUp } from './follow-up-call.js';
import * as directoryApi from '../../directory/api.js';

/**
 * Follow-up (随访): the doctor calls a patient who did not ask. Choose the patient, say why;
 * the patient's TV rings and the doctor waits on the call page.
 * @summary Choose a patient and a reason, then ring their TV.
 */
@customElement('dah-console-follow-up')
@localized()
export class ConsoleFollowUp extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      form > * {
        margin-bottom: calc(var(--dah-space) / 2);
      }
      select {
        height: auto;
      }
      .hint {
        margin-top: 0;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private patients: PatientRecord[] | null = null;
  @state() private filter = '';
  @state() private patientId = '';
  @state() private reason = '';
  @state() private calling = false;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.patients = (await directoryApi.patients(this.api)).patients;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private label(patient: PatientRecord): string {
    const age = ageOn(patient.birthDate, new Date());
    const place = patient.careHomeName ?? patient.address;
    return msg(str`${patient.displayName}（${age} 岁，${sexText(patient.sex)}，${place}）`);
  }

  private fitsFilter(patient: PatientRecord): boolean {
    const filter = this.filter.trim();
    if (!filter) return true;
    return [patient.displayName, patient.address, patient.careHomeName ?? ''].some((t) => t.includes(filter));
  }

  private async call(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const reason = this.reason.trim();
    if (!this.patientId) {
      this.error = msg('请先选择要呼叫的患者。');
      return;
    }
    if (!reason) {
      this.error = msg('请写上随访原因（例如：血压复查），患者的电视上会显示。');
      this.shadowRoot?.querySelector<HTMLInputElement>('#reason')?.focus();
      return;
    }
    this.calling = true;
    this.error = null;
    try {
      this.dispatchEvent(new NavigateEvent(await ringForFollowUp(this.api, this.patientId, reason)));
    } catch (error) {
      // The choice and the reason stay as typed, to try again.
      this.error = followUpErrorText(error);
    } finally {
      this.calling = false;
    }
  }

  override render() {
    const shown = (this.patients ?? []).filter((p) => this.fitsFilter(p) || p.id === this.patientId);
    return html`<section class="panel" aria-labelledby="follow-up-title">
      <h2 id="follow-up-title">${msg('随访呼叫')}</h2>
      <p class="small muted hint">${msg('呼叫没有排队的患者：对方的电视会响铃，接听后进入视频。')}</p>
      <form @submit=${this.call} novalidate>
        <label for="filter">${msg('按姓名或住址查找')}</label>
        <input
          id="filter"
          type="search"
          autocomplete="off"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
        <label for="patient">${msg('患者')}</label>
        <select
          id="patient"
          required
          size="5"
          @change=${(e: Event) => (this.patientId = (e.target as HTMLSelectElement).value)}
        >
          ${
            this.patients === null
              ? html`<option disabled value="">${msg('正在加载，请稍候…')}</option>`
              : shown.length === 0
                ? html`<option disabled value="">${msg('没有找到符合的患者。')}</option>`
                : shown.map(
                    (p) =>
                      html`<option value=${p.id} ?selected=${p.id === this.patientId}>
                        ${this.label(p)}
                      </option>`,
                  )
          }
        </select>
        <label for="reason">${msg('随访原因')}</label>
        <input
          id="reason"
          required
          maxlength="200"
          autocomplete="off"
          placeholder=${msg('例如：血压复查')}
          .value=${this.reason}
          @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)}
        />
        ${this.error ? html`<p role="alert">${this.error}</p>` : null}
        ${
          this.patients === null && this.error
            ? html`<button type="button" @click=${this.load}>${msg('再试一次')}</button>`
            : null
        }
        <button class="primary" type="submit" ?disabled=${this.calling}>
          ${this.calling ? msg('正在呼叫…') : msg('呼叫（电视会响铃）')}
        </button>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-follow-up': ConsoleFollowUp;
  }
}
