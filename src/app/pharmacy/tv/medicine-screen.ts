import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import { refillsLeft, reorderBlock } from '../../../shared/pharmacy/reorder-rules.js';
import type { CurrentMedicine } from '../../../shared/pharmacy/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, outboxContext, sessionContext } from '../../state/contexts.js';
import { askDialog } from '../../ui/dialog-request.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { tvMedicineOrders, tvMedicines } from '../paths.js';
import { pendingReorder, placeReorder, reorderEstimate } from '../reorder.js';
import { yuan } from '../words.js';
import { medicineLines, medicineStyles } from './medicines-screen.js';
import * as directoryApi from '../../directory/api.js';
import * as pharmacyApi from '../api.js';

/**
 * One medicine: its dose, times and supply, and 再次配药. The confirmation shows the delivery
 * address on file and the estimated cost after insurance (an estimate: the insurer settles it);
 * the order goes through the device's outbox with one Idempotency-Key (reorder.ts).
 */
@customElement('dah-medicine-screen')
@localized()
export class MedicineScreen extends LitElement {
  static override styles = [controls, tvScreen, medicineStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: outboxContext }) outbox!: OutboxController;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @property({ attribute: 'prescription-id' }) prescriptionId = '';
  @state() private medicine: CurrentMedicine | null = null;
  @state() private error: string | null = null;
  @state() private address: string | null = null;
  /** What became of the reorder: said in words on the screen. */
  @state() private outcome: string | null = null;
  @state() private waiting = false;
  @state() private busy = false;

  // The outlet sets the path's parameters after connecting the element: load once they are known.
  protected override firstUpdated(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      const [{ medicines }, record, pending] = await Promise.all([
        pharmacyApi.myMedicines(this.api),
        this.actor ? directoryApi.patient(this.api, this.actor.id) : Promise.resolve(null),
        pendingReorder(this.outbox, this.prescriptionId),
      ]);
      this.address = record ? (record.careHomeName ?? record.address) : null;
      this.waiting = pending?.state === 'waiting';
      const found = medicines.find((m) => m.prescription.id === this.prescriptionId);
      if (!found) this.error = msg('没有找到这个药，可能医生已经停用。请返回我的药。');
      this.medicine = found ?? null;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private async reorder(): Promise<void> {
    const m = this.medicine;
    if (!m || this.busy) return;
    const { packs, shareFen } = reorderEstimate(m.prescription);
    const address = this.address ?? msg('登记的住址');
    const body = msg(
      str`送到：${address}。共${packs}盒，预计自付${yuan(shareFen)}（医保报销后的估算，以实际结算为准）。`,
    );
    const choice = await askDialog(this, msg('确认再次配药？'), body, [
      { label: msg('确认配药'), value: 'confirm', tone: 'primary' },
      { label: msg('取消'), value: 'cancel' },
    ]);
    if (choice !== 'confirm') return;
    this.busy = true;
    const result = await placeReorder(this.outbox, m.prescription.id);
    this.busy = false;
    if (result.kind === 'sent') {
      this.outcome = msg('已下单。药师审核后会送药上门，进度会在“配药订单”里显示。');
      await this.load();
    } else if (result.kind === 'waiting') {
      this.waiting = true;
      this.outcome = msg('没有网络：订单已存在电视上，联网后会自动发出，不会重复下单。');
    } else {
      this.outcome = errorMessage(result.error);
      await this.load();
    }
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  override render() {
    const back = html`<button data-focus-key="medicines" @click=${() => this.go(tvMedicines.build())}>
        ${msg('返回我的药')}
      </button>
      <button data-focus-key="orders" @click=${() => this.go(tvMedicineOrders.build())}>
        ${msg('配药订单')}
      </button>`;
    if (this.error) {
      return html`<h1>${msg('我的药')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        ${back}`;
    }
    const m = this.medicine;
    if (!m)
      return html`<h1>${msg('我的药')}</h1>
        <dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    return html`<h1>${msg('我的药')}</h1>
      <p class="medicine">${medicineLines(m)}</p>
      <p>${msg(str`还可以续配${refillsLeft(m.prescription)}次`)}</p>
      ${this.outcome ? html`<p role="status">${this.outcome}</p>` : null} ${this.renderAction(m)} ${back}`;
  }

  /** 再次配药, or why not, by the one rule the API and the kiosk use too (shared/pharmacy/reorder-rules.ts). */
  private renderAction(m: CurrentMedicine) {
    if (this.waiting) {
      return html`<p role="status">${msg('这次配药正在等网络，联网后会自动发出。')}</p>`;
    }
    switch (reorderBlock(m.prescription, m.openOrderId, this.api.serverNow())) {
      case 'order-open':
        return html`<p>${msg('这个药的订单正在处理中，可在“配药订单”里查看。')}</p>`;
      case 'no-refills':
        return html`<p>${msg('处方上的续配次数已用完。请找医生重新开药。')}</p>`;
      case 'expired':
        return html`<p>${msg('这张处方已经过期。请找医生重新开药。')}</p>`;
    }
    return html`<button data-autofocus data-focus-key="reorder" ?disabled=${this.busy} @click=${this.reorder}>
      ${msg('再次配药')}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-medicine-screen': MedicineScreen;
  }
}
