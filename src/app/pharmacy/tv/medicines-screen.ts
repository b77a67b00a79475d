import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CurrentMedicine } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import { tvHome } from '../../home/paths.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, outboxContext } from '../../state/contexts.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { tvMedicine, tvMedicineOrders } from '../paths.js';
import { REORDER_KIND } from '../reorder.js';
import * as pharmacyApi from '../api.js';

// The big lines of one medicine live with the feature: the kiosk's visit shows them too.
export { medicineLines, medicineStyles } from '../medicine-lines.js';
import { medicineLines, medicineStyles } from '../medicine-lines.js';

/**
 * 我的药: the resident's current medicines in large text, each with its next dose time and the
 * days of supply left; a medicine opens its page (再次配药). A reorder waiting for the network
 * is said here too.
 */
@customElement('dah-medicines-screen')
@localized()
export class MedicinesScreen extends LitElement {
  static override styles = [controls, tvScreen, medicineStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: outboxContext }) outbox!: OutboxController;
  @state() private waitingOrders = 0;
  private unsubscribe: (() => void) | null = null;

  private readonly query = new LiveQuery<CurrentMedicine[]>(this, {
    read: async () => (await pharmacyApi.myMedicines(this.api)).medicines,
    pushed: (event, query) => {
      if (event.type === 'pharmacy-order') void query.refresh();
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    const count = () =>
      void this.outbox
        .pending(REORDER_KIND)
        .then((items) => (this.waitingOrders = items.filter((i) => i.state === 'waiting').length));
    this.unsubscribe = this.outbox.subscribe(count);
    count();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    const title = html`<h1>${msg('我的药')}</h1>`;
    const list = this.query.value;
    const waiting = this.waitingOrders
      ? html`<p role="status">${msg('没有网络：配药订单已存在电视上，联网后会自动发出。')}</p>`
      : null;
    const ways = html`<button
        data-focus-key="orders"
        ?data-autofocus=${list !== null && list.length === 0}
        @click=${() => this.go(tvMedicineOrders.build())}
      >
        ${msg('配药订单')}
      </button>
      <button data-focus-key="home" @click=${() => this.go(tvHome.build())}>${msg('返回首页')}</button>`;
    if (list === null && this.query.error) {
      return html`${title}
        <dah-state-message
          kind="error"
          .message=${errorMessage(this.query.error)}
          action-label=${msg('再试一次')}
          @dah-state-action=${() => void this.query.refresh()}
        ></dah-state-message>
        ${ways}`;
    }
    if (list === null) {
      return html`${title}<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    }
    if (list.length === 0) {
      return html`${title}
        <p>${msg('还没有开过的药。医生给您开药以后，会显示在这里。')}</p>
        ${waiting} ${ways}`;
    }
    return html`${title} ${waiting}
      <ul>
        ${list.map(
          (m, i) =>
            html`<li>
              <button
                class="medicine"
                data-focus-key=${`medicine-${m.prescription.id}`}
                ?data-autofocus=${i === 0}
                @click=${() => this.go(tvMedicine.build({ prescriptionId: m.prescription.id }))}
              >
                ${medicineLines(m)}
              </button>
            </li>`,
        )}
      </ul>
      ${ways}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-medicines-screen': MedicinesScreen;
  }
}
