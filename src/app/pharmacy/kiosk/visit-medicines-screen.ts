import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { refillsLeft, reorderBlock } from '../../../shared/pharmacy/reorder-rules.js';
import type { CurrentMedicine } from '../../../shared/pharmacy/schemas.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { KeepFocus } from '../../input/keep-focus.js';
import { deviceMadeId } from '../../offline/outbox.js';
import type { KioskVisitController } from '../../readings/kiosk/kiosk-visit.js';
import { kioskSelfService } from '../../readings/paths.js';
import { visitEnded } from '../../readings/kiosk/visit-ended.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext, kioskVisitContext } from '../../state/contexts.js';
import { askDialog } from '../../ui/dialog-request.js';
import '../../ui/progress.js';
import '../../ui/state-message.js';
import { medicineLines, medicineStyles } from '../medicine-lines.js';
import { reorderEstimate } from '../reorder.js';
import { yuan } from '../words.js';
import * as pharmacyApi from '../api.js';

/** What became of a press of 续药 for one medicine, in words on the screen. */
type Outcome = { kind: 'sent' } | { kind: 'failed'; message: string };

/**
 * 续药 in a self-service visit (issue 14 §9: measure, see a doctor and get medicine in one visit):
 * the visited resident's current medicines, each with 续药 where the prescription allows another
 * supply (the same rules as the TV's 再次配药: refills left, no order on its way, still valid),
 * asked first with the cost after insurance, delivered to the address on file. The order goes
 * straight to the API with a key made for the press and kept for this medicine while the screen
 * is open: a press again after a failure cannot order twice. Nothing stays once the visit ends.
 */
@customElement('dah-visit-medicines')
@localized()
export class VisitMedicinesScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    medicineStyles,
    css`
      li {
        margin-bottom: calc(var(--dah-space) * 1.5);
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      .actions button,
      li button {
        min-height: var(--dah-target);
        margin: calc(var(--dah-space) / 2) var(--dah-space) 0 0;
      }
      [role='alert'] {
        color: var(--dah-danger);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: kioskVisitContext }) visit!: KioskVisitController;
  @state() private medicines: CurrentMedicine[] | null = null;
  @state() private error: string | null = null;
  @state() private busy: string | null = null;
  @state() private outcomes = new Map<string, Outcome>();
  /** The key of each medicine's reorder, made at its first press (a retry sends it again). */
  private readonly keys = new Map<string, string>();
  private stopWatching: (() => void) | null = null;
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopWatching = this.visit.watch(() => {
      // The visit ended: forget the resident's medicines at once.
      if (!this.visit.live) this.forget();
      this.requestUpdate();
    });
    if (this.visit.live) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching?.();
    this.forget();
  }

  private forget(): void {
    this.medicines = null;
    this.outcomes = new Map();
    this.keys.clear();
    this.error = null;
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      const { medicines } = await pharmacyApi.myMedicines(this.api);
      if (this.visit.live) this.medicines = medicines;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  private async reorder(m: CurrentMedicine): Promise<void> {
    if (this.busy) return;
    const { packs, shareFen } = reorderEstimate(m.prescription);
    const choice = await askDialog(
      this,
      msg('确认续药？'),
      msg(
        str`送到您登记的住址。共${packs}盒，预计自付${yuan(shareFen)}（医保报销后的估算，以实际结算为准）。药师审核以后送药上门。`,
      ),
      [
        { label: msg('确认续药'), value: 'confirm', tone: 'primary' },
        { label: msg('取消'), value: 'cancel' },
      ],
    );
    if (choice !== 'confirm' || !this.visit.live) return;
    const id = m.prescription.id;
    const key = this.keys.get(id) ?? deviceMadeId();
    this.keys.set(id, key);
    this.busy = id;
    let outcome: Outcome;
    try {
      await pharmacyApi.reorder(this.api, [id], key);
      outcome = { kind: 'sent' };
    } catch (error) {
      const offline = !(error instanceof ApiRequestError);
      outcome = {
        kind: 'failed',
        message: offline
          ? msg('没有连上网络，订单没有发出。请再按一次续药（不会重复下单），或请工作人员帮忙。')
          : errorMessage(error),
      };
    }
    this.busy = null;
    if (!this.visit.live) return;
    this.outcomes = new Map(this.outcomes).set(id, outcome);
    if (outcome.kind === 'sent') await this.load();
  }

  override render() {
    const patient = this.visit.patient;
    if (!patient) return this.renderEnded();
    const back = html`<button data-focus-key="result" @click=${() => this.go(kioskSelfService.build())}>
      ${msg('回到测量结果')}
    </button>`;
    if (this.error) {
      return html`<h1>${msg('续药')}</h1>
        <dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>
        <div class="actions">${back}</div>`;
    }
    if (!this.medicines)
      return html`<h1>${msg('续药')}</h1>
        <dah-progress label=${msg('正在查看您的药，请稍候…')}></dah-progress>`;
    if (this.medicines.length === 0)
      return html`<h1>${msg(str`${patient.displayName}的药`)}</h1>
        <p class="lead" role="status" tabindex="0" data-autofocus>
          ${msg('医生没有给您开长期用的药，这里没有可以续的药。需要开药，请找医生看看。')}
        </p>
        <div class="actions">${back}</div>`;
    return html`<h1>${msg(str`${patient.displayName}的药`)}</h1>
      <ul>
        ${this.medicines.map((m, i) => this.renderMedicine(m, i === 0))}
      </ul>
      <div class="actions">${back}</div>`;
  }

  private renderMedicine(m: CurrentMedicine, first: boolean) {
    const p = m.prescription;
    const outcome = this.outcomes.get(p.id);
    return html`<li>
      <p class="medicine">${medicineLines(m)}</p>
      ${
        outcome?.kind === 'sent'
          ? html`<p role="status">
              ${msg('已下单。药师审核以后送药上门，进度会在您家电视的“配药订单”里显示。')}
            </p>`
          : outcome
            ? html`<p role="alert">${outcome.message}</p>`
            : null
      }
      ${this.renderAction(m, first)}
    </li>`;
  }

  /** 续药, or why not, by the one rule the API and the TV use too (shared/pharmacy/reorder-rules.ts). */
  private renderAction(m: CurrentMedicine, first: boolean) {
    switch (reorderBlock(m.prescription, m.openOrderId, this.api.serverNow())) {
      case 'order-open':
        return html`<p>${msg('这个药的订单正在处理中，药师审核以后送药上门。')}</p>`;
      case 'no-refills':
        return html`<p>${msg('处方上的续配次数已用完。请找医生看看，重新开药。')}</p>`;
      case 'expired':
        return html`<p>${msg('这张处方已经过期。请找医生看看，重新开药。')}</p>`;
    }
    const busy = this.busy === m.prescription.id;
    return html`<button
      class="primary"
      ?data-autofocus=${first}
      data-focus-key=${`reorder-${m.prescription.id}`}
      ?disabled=${this.busy !== null}
      @click=${() => this.reorder(m)}
    >
      ${busy ? msg('正在下单…') : msg(str`续药（还可以续配${refillsLeft(m.prescription)}次）`)}
    </button>`;
  }

  /** The visit has ended (idle, 结束, a new resident): nobody's medicines, the way back to the start. */
  private renderEnded() {
    return visitEnded(this, msg('续药'), msg('这次自助服务已经结束。要续药，请重新开始：先核对身份。'));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-visit-medicines': VisitMedicinesScreen;
  }
}
