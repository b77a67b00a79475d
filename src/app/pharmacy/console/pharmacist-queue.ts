import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Order } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { dateTimeText, medicineName, ruleText, statusText, yuan } from '../words.js';
import * as pharmacyApi from '../api.js';

const OPEN: Order['status'][] = ['submitted', 'under_review', 'approved', 'dispatched'];

/**
 * The pharmacist's review queue (审方, 《处方管理办法》 art. 35, 《医疗机构处方审核规范》 2018):
 * every open order with the software pre-screen's findings and their citations; the pharmacist
 * takes it for review, then approves, sends it back to the doctor with a reason, or rejects it
 * with a reason the resident reads; approved orders are dispatched with the courier and the
 * tracking number, then marked delivered.
 * @summary The pharmacist's console.
 */
@customElement('dah-pharmacist-queue')
@localized()
export class PharmacistQueue extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      .block {
        color: var(--dah-danger);
        font-weight: 700;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
      }
      .row > * {
        margin: 0 calc(var(--dah-space) / 2) calc(var(--dah-space) / 2) 0;
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private busy: string | null = null;
  @state() private error: string | null = null;
  /** Typed per order: the reason, the courier, the tracking number. */
  @state() private typed: Record<string, { reason?: string; courier?: string; tracking?: string }> = {};

  private readonly query = new LiveQuery<Order[]>(this, {
    read: async () => (await pharmacyApi.orders(this.api)).orders.filter((o) => OPEN.includes(o.status)),
    pushed: (event, query) => {
      if (event.type === 'pharmacy-queue-changed' || event.type === 'pharmacy-order') void query.refresh();
    },
  });

  private field(id: string, key: 'reason' | 'courier' | 'tracking', e: Event) {
    this.typed = { ...this.typed, [id]: { ...this.typed[id], [key]: (e.target as HTMLInputElement).value } };
  }

  private async act(order: Order, step: Parameters<typeof pharmacyApi.orderStep>[2]) {
    const typed = this.typed[order.id] ?? {};
    let body: Parameters<typeof pharmacyApi.orderStep>[3];
    if (step === 'return' || step === 'reject') {
      if (!typed.reason?.trim()) {
        this.error = msg('请写明原因（退回给医生，或拒绝时居民会在电视上看到）。');
        return;
      }
      body = { reason: typed.reason.trim() };
    } else if (step === 'dispatch') {
      if (!typed.courier?.trim() || !typed.tracking?.trim()) {
        this.error = msg('请填写快递公司和快递单号。');
        return;
      }
      body = { courier: typed.courier.trim(), trackingNumber: typed.tracking.trim() };
    }
    this.busy = order.id;
    this.error = null;
    try {
      const changed = await pharmacyApi.orderStep(this.api, order.id, step, body);
      this.query.change((list) =>
        (list ?? []).map((o) => (o.id === changed.id ? changed : o)).filter((o) => OPEN.includes(o.status)),
      );
    } catch (error) {
      this.error = errorMessage(error);
      void this.query.refresh();
    } finally {
      this.busy = null;
    }
  }

  override render() {
    const orders = this.query.value;
    return html`<section class="panel" aria-labelledby="rx-queue">
      <h2 id="rx-queue">${msg('审方与配送')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      ${
        orders === null
          ? this.query.error
            ? html`<p role="alert">${errorMessage(this.query.error)}</p>`
            : html`<p class="muted">${msg('正在加载…')}</p>`
          : orders.length === 0
            ? html`<p class="muted">${msg('没有待处理的订单。')}</p>`
            : html`<ul class="plain">
                ${orders.map((o) => this.renderOrder(o))}
              </ul>`
      }
    </section>`;
  }

  private renderOrder(o: Order) {
    const busy = this.busy === o.id;
    const typed = this.typed[o.id] ?? {};
    return html`<li class="panel" data-order=${o.id}>
      <h3>
        ${msg(str`${o.patient.displayName}：${statusText(o.status)}`)}
        <span class="muted">${dateTimeText(o.createdAt)}</span>
      </h3>
      <ul class="plain">
        ${o.items.map(
          (i) => html`<li>${medicineName(i.medicine)} × ${i.packs} · ${yuan(i.lineTotalFen)}</li>`,
        )}
      </ul>
      <p>
        ${msg(str`送到：${o.deliveryAddress}。合计${yuan(o.totalFen)}，预计自付${yuan(o.estimatedPatientShareFen)}（估算）`)}
      </p>
      ${
        o.findings.length
          ? html`<h3>${msg('预审发现')}</h3>
              <ul class="plain" data-findings>
                ${o.findings.map(
                  (f) =>
                    html`<li class=${f.severity === 'block' ? 'block' : ''}>
                      ${f.severity === 'block' ? msg('不宜通过') : msg('请判断')}：${ruleText(f.rule)}：${f.detail}
                      <span class="muted">（${f.citation}）</span>
                    </li>`,
                )}
              </ul>`
          : html`<p class="muted">${msg('预审未发现问题。')}</p>`
      }
      ${this.renderActions(o, busy, typed)}
    </li>`;
  }

  private renderActions(
    o: Order,
    busy: boolean,
    typed: { reason?: string; courier?: string; tracking?: string },
  ) {
    switch (o.status) {
      case 'submitted':
        return html`<button class="primary" ?disabled=${busy} @click=${() => this.act(o, 'review')}>
          ${msg('开始审核')}
        </button>`;
      case 'under_review':
        return html`<div class="row">
          <button class="primary" ?disabled=${busy} @click=${() => this.act(o, 'approve')}>
            ${msg('审核通过')}
          </button>
          <label for=${`reason-${o.id}`}>${msg('原因')}</label>
          <input
            id=${`reason-${o.id}`}
            .value=${typed.reason ?? ''}
            @input=${(e: Event) => this.field(o.id, 'reason', e)}
          />
          <button ?disabled=${busy} @click=${() => this.act(o, 'return')}>${msg('退回医生修改')}</button>
          <button class="danger" ?disabled=${busy} @click=${() => this.act(o, 'reject')}>
            ${msg('拒绝')}
          </button>
        </div>`;
      case 'approved':
        return html`<div class="row">
          <label for=${`courier-${o.id}`}>${msg('快递公司')}</label>
          <input
            id=${`courier-${o.id}`}
            .value=${typed.courier ?? ''}
            @input=${(e: Event) => this.field(o.id, 'courier', e)}
          />
          <label for=${`tracking-${o.id}`}>${msg('快递单号')}</label>
          <input
            id=${`tracking-${o.id}`}
            .value=${typed.tracking ?? ''}
            @input=${(e: Event) => this.field(o.id, 'tracking', e)}
          />
          <button class="primary" ?disabled=${busy} @click=${() => this.act(o, 'dispatch')}>
            ${msg('发货')}
          </button>
        </div>`;
      case 'dispatched':
        return html`<p>${o.courier ?? ''} ${o.trackingNumber ?? ''}</p>
          <button class="primary" ?disabled=${busy} @click=${() => this.act(o, 'deliver')}>
            ${msg('已送达')}
          </button>`;
      default:
        return null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-pharmacist-queue': PharmacistQueue;
  }
}
