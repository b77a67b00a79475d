import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PatientRecord } from '../../../shared/directory/schemas.js';
import type { Adherence, Frequency, MissedDose, Order } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { dateTimeText, frequencyText, medicineName, statusText } from '../words.js';
import * as directoryApi from '../../directory/api.js';
import * as pharmacyApi from '../api.js';

interface DoctorView {
  returned: Order[];
  open: Order[];
  missed: MissedDose[];
  patients: PatientRecord[];
}

interface Change {
  doseAmount: number;
  frequency: Frequency;
  daysSupply: number;
}

/**
 * The doctor's pharmacy: prescriptions the pharmacist sent back (change and resubmit for review),
 * the status of the patients' orders, doses missed in the last day (the caregiver escalation of
 * issue 15 §5), and each patient's adherence over 30 days.
 * @summary The doctor's pharmacy console.
 */
@customElement('dah-doctor-pharmacy')
@localized()
export class DoctorPharmacy extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      input {
        width: 6em;
      }
      table {
        border-collapse: collapse;
      }
      td,
      th {
        padding: 0 var(--dah-space) 0 0;
        text-align: left;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private changes: Record<string, Change> = {};
  @state() private notes: Record<string, string> = {};
  @state() private adherence: Record<string, Adherence | 'loading'> = {};
  @state() private error: string | null = null;

  private readonly query = new LiveQuery<DoctorView>(this, {
    read: async () => {
      const [{ orders }, { doses }, { patients }] = await Promise.all([
        pharmacyApi.orders(this.api),
        pharmacyApi.missedDoses(this.api),
        directoryApi.patients(this.api),
      ]);
      return {
        returned: orders.filter((o) => o.status === 'returned_to_doctor'),
        open: orders.filter((o) => !['returned_to_doctor', 'delivered', 'cancelled'].includes(o.status)),
        missed: doses,
        patients,
      };
    },
    pushed: (event, query) => {
      if (event.type === 'pharmacy-order') void query.refresh();
    },
  });

  private change(prescriptionId: string, base: Change, patch: Partial<Change>) {
    this.changes = {
      ...this.changes,
      [prescriptionId]: { ...base, ...(this.changes[prescriptionId] ?? {}), ...patch },
    };
  }

  private async resubmit(order: Order): Promise<void> {
    const note = this.notes[order.id]?.trim();
    if (!note) {
      this.error = msg('请写明改了什么，药师会再审核一次。');
      return;
    }
    this.error = null;
    try {
      await pharmacyApi.resubmitOrder(this.api, order.id, {
        note,
        changes: order.items
          .filter((i) => this.changes[i.prescriptionId])
          .map((i) => ({ prescriptionId: i.prescriptionId, ...(this.changes[i.prescriptionId] as Change) })),
      });
      await this.query.refresh();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async loadAdherence(patientId: string): Promise<void> {
    this.adherence = { ...this.adherence, [patientId]: 'loading' };
    try {
      const result = await pharmacyApi.adherence(this.api, patientId);
      this.adherence = { ...this.adherence, [patientId]: result };
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  override render() {
    const view = this.query.value;
    if (!view) {
      return html`<section class="panel">
        ${
          this.query.error
            ? html`<p role="alert">${errorMessage(this.query.error)}</p>`
            : html`<p class="muted">${msg('正在加载…')}</p>`
        }
      </section>`;
    }
    return html`${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <section class="panel" aria-labelledby="returned-title">
        <h2 id="returned-title">${msg('药师退回的处方')}</h2>
        ${
          view.returned.length === 0
            ? html`<p class="muted">${msg('没有退回的处方。')}</p>`
            : view.returned.map((o) => this.renderReturned(o))
        }
      </section>
      <section class="panel" aria-labelledby="missed-title">
        <h2 id="missed-title">${msg('漏服（最近24小时）')}</h2>
        ${
          view.missed.length === 0
            ? html`<p class="muted">${msg('没有漏服。')}</p>`
            : html`<ul class="plain" data-missed>
                ${view.missed.map(
                  (d) =>
                    html`<li>
                      ${msg(str`${d.patient.displayName}：${d.genericNameZh}，${dateTimeText(d.scheduledAt)}那次没有服`)}
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section class="panel" aria-labelledby="orders-title">
        <h2 id="orders-title">${msg('患者的配药订单')}</h2>
        ${
          view.open.length === 0
            ? html`<p class="muted">${msg('没有进行中的订单。')}</p>`
            : html`<ul class="plain">
                ${view.open.map(
                  (o) =>
                    html`<li>
                      ${o.patient.displayName}：${o.items.map((i) => medicineName(i.medicine)).join('、')} ·
                      ${statusText(o.status)}${o.reason ? `（${o.reason}）` : ''}
                    </li>`,
                )}
              </ul>`
        }
      </section>
      <section class="panel" aria-labelledby="adherence-title">
        <h2 id="adherence-title">${msg('服药依从性（30天）')}</h2>
        <ul class="plain">
          ${view.patients.map((p) => this.renderAdherence(p))}
        </ul>
      </section>`;
  }

  private renderReturned(o: Order) {
    return html`<div class="panel" data-returned=${o.id}>
      <h3>${msg(str`${o.patient.displayName}：${o.reason ?? ''}`)}</h3>
      ${o.items.map((item) => {
        const id = item.prescriptionId;
        const base: Change = { doseAmount: 1, frequency: 'qd', daysSupply: 28, ...(this.changes[id] ?? {}) };
        return html`<p><strong>${medicineName(item.medicine)}</strong></p>
          <label for=${`dose-${id}`}>${msg('每次')}</label>
          <input
            id=${`dose-${id}`}
            type="number"
            min="0.5"
            step="0.5"
            .value=${String(base.doseAmount)}
            @input=${(e: Event) => this.change(id, base, { doseAmount: Number((e.target as HTMLInputElement).value) })}
          />
          <label for=${`freq-${id}`}>${msg('频次')}</label>
          <select
            id=${`freq-${id}`}
            @change=${(e: Event) => this.change(id, base, { frequency: (e.target as HTMLSelectElement).value as Frequency })}
          >
            ${(['qd', 'bid', 'tid', 'qn'] as const).map(
              (f) => html`<option value=${f} ?selected=${f === base.frequency}>${frequencyText(f)}</option>`,
            )}
          </select>
          <label for=${`days-${id}`}>${msg('天数')}</label>
          <input
            id=${`days-${id}`}
            type="number"
            min="1"
            max="180"
            .value=${String(base.daysSupply)}
            @input=${(e: Event) => this.change(id, base, { daysSupply: Number((e.target as HTMLInputElement).value) })}
          />`;
      })}
      <p>
        <label for=${`note-${o.id}`}>${msg('修改说明（必填）')}</label>
        <input
          id=${`note-${o.id}`}
          style="width: 100%"
          .value=${this.notes[o.id] ?? ''}
          @input=${(e: Event) => (this.notes = { ...this.notes, [o.id]: (e.target as HTMLInputElement).value })}
        />
      </p>
      <button class="primary" @click=${() => this.resubmit(o)}>${msg('修改后重新提交审核')}</button>
    </div>`;
  }

  private renderAdherence(p: PatientRecord) {
    const a = this.adherence[p.id];
    return html`<li>
      ${p.displayName}
      ${
        a === undefined
          ? html`<button @click=${() => this.loadAdherence(p.id)}>${msg('查看依从性')}</button>`
          : a === 'loading'
            ? html`<span class="muted">${msg('正在加载…')}</span>`
            : a.medicines.length === 0
              ? html`<span class="muted">${msg('没有在用的药。')}</span>`
              : html`<table data-adherence=${p.id}>
                  ${a.medicines.map(
                    (m) =>
                      html`<tr>
                        <td>${m.genericNameZh}</td>
                        <td>
                          ${
                            m.onTimePercent === null
                              ? msg('还没有到服药时间')
                              : msg(
                                  str`按时${m.onTimePercent}%（按时${m.onTime}，迟服${m.late}，漏服${m.missed}）`,
                                )
                          }
                        </td>
                      </tr>`,
                  )}
                </table>`
      }
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-doctor-pharmacy': DoctorPharmacy;
  }
}
