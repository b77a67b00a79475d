import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Order } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { controls } from '../../design/controls.js';
import { statusText as statusStyles, tvScreen } from '../../design/screen-styles.js';
import { tvHome } from '../../home/paths.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { tvMedicines } from '../paths.js';
import { dateTimeText, medicineName, orderStatusSentence, yuan } from '../words.js';
import * as pharmacyApi from '../api.js';

/**
 * 配药订单: the resident's orders, newest first, each with its status in words (a rejection with
 * the pharmacist's reason, a dispatch with the tracking number); every pushed status change
 * reads the list again.
 */
@customElement('dah-medicine-orders-screen')
@localized()
export class MedicineOrdersScreen extends LitElement {
  static override styles = [controls, tvScreen, statusStyles];

  @consume({ context: apiContext }) api!: ApiClient;

  private readonly query = new LiveQuery<Order[]>(this, {
    read: async () => (await pharmacyApi.orders(this.api)).orders,
    pushed: (event, query) => {
      if (event.type === 'pharmacy-order') void query.refresh();
    },
  });

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    const title = html`<h1>${msg('配药订单')}</h1>`;
    const ways = html`<button data-focus-key="medicines" @click=${() => this.go(tvMedicines.build())}>
        ${msg('返回我的药')}
      </button>
      <button data-focus-key="home" @click=${() => this.go(tvHome.build())}>${msg('返回首页')}</button>`;
    const orders = this.query.value;
    if (orders === null && this.query.error) {
      return html`${title}
        <dah-state-message
          kind="error"
          .message=${errorMessage(this.query.error)}
          action-label=${msg('再试一次')}
          @dah-state-action=${() => void this.query.refresh()}
        ></dah-state-message>
        ${ways}`;
    }
    if (orders === null) return html`${title}<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    if (orders.length === 0) {
      return html`${title}
        <p>${msg('还没有配药订单。在“我的药”里选一个药，按“再次配药”。')}</p>
        ${ways}`;
    }
    return html`${title}
      <ul>
        ${orders.map(
          (order, i) =>
            html`<li>
              <p class="lead" tabindex="0" data-focus-key=${`order-${order.id}`} ?data-autofocus=${i === 0}>
                ${order.items.map((item) => medicineName(item.medicine)).join('、')}：${orderStatusSentence(order)}
              </p>
              <p class="muted">
                ${msg(
                  str`${dateTimeText(order.createdAt)}下单，预计自付${yuan(order.estimatedPatientShareFen)}（估算）`,
                )}
              </p>
            </li>`,
        )}
      </ul>
      ${ways}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-medicine-orders-screen': MedicineOrdersScreen;
  }
}
