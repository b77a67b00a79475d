import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { IssuedResidentCard, ResidentCardStatus } from '../../shared/identity/card-schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { consoleStyles } from '../design/console-styles.js';
import { controls } from '../design/controls.js';
import { takenOn } from '../directory/record-words.js';
import { getLocale } from '../localization.js';
import { apiContext } from '../state/contexts.js';
import { issueCard, cardStatus, revokeCard } from './card-api.js';

/**
 * The family doctor's QR card (二维码卡) on a resident's page in the console (issue 14 §9): who
 * issued the card in use and when; 打印二维码卡 issues a new card (the old one stops working) and
 * shows it ready to print; 作废 revokes it. The card's content exists only in this answer and in
 * this element while it is shown: the server keeps its hash. Only the resident's own doctors may
 * (the API answers 403 for others; the panel says so).
 */
@customElement('dah-resident-card-panel')
@localized()
export class ResidentCardPanel extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      .buttons button {
        margin: 0 calc(var(--dah-space) / 2) calc(var(--dah-space) / 2) 0;
      }
      iframe {
        display: block;
        width: 100%;
        max-width: 440px;
        height: 300px;
        border: 0;
        background: #fff;
        margin-bottom: calc(var(--dah-space) / 2);
      }
    `,
  ];

  @property({ attribute: 'patient-id' }) patientId = '';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private status: ResidentCardStatus | null = null;
  @state() private loadError: string | null = null;
  @state() private actionError: string | null = null;
  @state() private busy = false;
  @state() private confirmingRevoke = false;
  /** The card just issued, as a printable document (cleared when closed: its content is a secret). */
  @state() private printable: string | null = null;
  @query('iframe') private frame!: HTMLIFrameElement | null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('patientId') && this.patientId) {
      this.status = null;
      this.printable = null;
      this.confirmingRevoke = false;
      void this.load();
    }
  }

  private readonly load = async (): Promise<void> => {
    const id = this.patientId;
    this.loadError = null;
    try {
      const status = await cardStatus(this.api, id);
      if (id === this.patientId) this.status = status;
    } catch (error) {
      if (id !== this.patientId) return;
      const refused =
        error instanceof ApiRequestError && (error.code === 'forbidden' || error.code === 'not_found');
      this.loadError = refused
        ? msg('只有居民的家庭医生和签约团队的医生可以给他发卡或作废。')
        : msg(str`没能读取二维码卡的情况：${errorMessage(error)}`);
    }
  };

  private async issue(): Promise<void> {
    this.busy = true;
    this.actionError = null;
    try {
      const [issued, print] = await Promise.all([
        issueCard(this.api, this.patientId),
        // The encoder loads only with a card (card-print.ts imports uqr).
        import('./card-print.js'),
      ]);
      this.status = issued;
      this.printable = print.cardDocument(issued.content, this.words(issued));
    } catch (error) {
      this.actionError = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private words(card: IssuedResidentCard) {
    const doctor = card.familyDoctor;
    return {
      lang: getLocale(),
      title: msg('临医在家 · 健康驿站自助卡'),
      residentName: card.resident.displayName,
      village: card.resident.village,
      doctorLine: doctor.phone
        ? msg(str`家庭医生：${doctor.displayName}，电话 ${doctor.phone}`)
        : msg(str`家庭医生：${doctor.displayName}`),
      howToUse: msg(
        '在健康驿站的自助机上，把二维码对准扫描口，就能开始自助量血压。卡丢了请告诉家庭医生作废。',
      ),
      issuedLine: card.card ? msg(str`发卡：${takenOn(card.card.issuedAt)}`) : '',
    };
  }

  private async revoke(): Promise<void> {
    this.busy = true;
    this.actionError = null;
    try {
      this.status = await revokeCard(this.api, this.patientId);
      this.printable = null;
      this.confirmingRevoke = false;
    } catch (error) {
      this.actionError = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private print(): void {
    this.frame?.contentWindow?.print();
  }

  override render() {
    return html`<section class="panel" aria-labelledby="card-title" data-card-panel>
      <h2 id="card-title">${msg('自助机二维码卡')}</h2>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    if (this.loadError) {
      return html`<p role="alert" data-card-state="error">${this.loadError}</p>
        <button @click=${this.load}>${msg('再试一次')}</button>`;
    }
    const status = this.status;
    if (!status) return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
    const card = status.card;
    return html`<p data-card-state=${card ? 'in-use' : 'none'}>
        ${
          card
            ? msg(str`在用的卡：${card.issuedBy.displayName}于${takenOn(card.issuedAt)}发放。`)
            : msg('还没有在用的卡。')
        }
      </p>
      <p class="muted small">
        ${msg('居民在健康驿站的自助机上扫这张卡就能开始自助测量。打印新卡时，旧卡会自动作废。')}
      </p>
      ${this.actionError ? html`<p role="alert">${this.actionError}</p>` : null}
      ${this.printable ? this.renderPrintable() : null}
      <div class="buttons">
        <button
          class="primary"
          data-action="issue-card"
          ?disabled=${this.busy}
          @click=${() => void this.issue()}
        >
          ${this.busy ? msg('正在办理…') : msg('打印二维码卡')}
        </button>
        ${
          card && !this.confirmingRevoke
            ? html`<button
                data-action="revoke-card"
                ?disabled=${this.busy}
                @click=${() => (this.confirmingRevoke = true)}
              >
                ${msg('作废')}
              </button>`
            : null
        }
      </div>
      ${this.confirmingRevoke ? this.renderConfirm() : null}`;
  }

  private renderConfirm() {
    return html`<div role="group" aria-labelledby="revoke-question">
      <p id="revoke-question">${msg('作废后，这张卡在自助机上就不能用了。确定作废吗？')}</p>
      <div class="buttons">
        <button
          class="danger"
          data-action="confirm-revoke"
          ?disabled=${this.busy}
          @click=${() => void this.revoke()}
        >
          ${msg('确定作废')}
        </button>
        <button @click=${() => (this.confirmingRevoke = false)}>${msg('不作废')}</button>
      </div>
    </div>`;
  }

  private renderPrintable() {
    return html`<iframe
        title=${msg('二维码卡（打印预览）')}
        data-printable-card
        .srcdoc=${this.printable ?? ''}
      ></iframe>
      <div class="buttons">
        <button class="primary" data-action="print-card" @click=${this.print}>${msg('打印')}</button>
        <button data-action="close-card" @click=${() => (this.printable = null)}>${msg('关闭')}</button>
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-resident-card-panel': ResidentCardPanel;
  }
}
