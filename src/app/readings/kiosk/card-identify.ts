import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cardSecretOf } from '../../../shared/identity/card-format.js';
import type { KioskVisit } from '../../../shared/readings/schemas.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { statusText } from '../../design/screen-styles.js';
import { startCardVisit } from '../../identity/card-api.js';
import { ScannerInput } from '../../input/scanner-input.js';
import { apiContext } from '../../state/contexts.js';
import { realClock, type VisitClock } from './visit-clock.js';

/** A visit started with the family doctor's QR card; the self-service screen goes on from here. */
export class CardVisitEvent extends Event {
  static readonly type = 'dah-card-visit';
  constructor(readonly visit: KioskVisit) {
    super(CardVisitEvent.type, { bubbles: true, composed: true });
  }
}

type CardState = 'ready' | 'reading' | 'unknown' | 'revoked' | 'too-many' | 'failed';

/** A refusal stays as long as a visit waits for a touch (the screen's idle end), then the next resident finds the screen as new. */
const MESSAGE_MS = 60_000;

/**
 * The self-service kiosk's other way to identify (issue 14 §9): the family doctor's QR card held to
 * the scanner. The scanner types the card as keys (a keyboard wedge); the key router recognises the
 * burst and this element hears it through ScannerInput, so the ID-card pad beside it never gets
 * the card's digits. Each state in words, with what to do next.
 */
@customElement('dah-kiosk-card-identify')
@localized()
export class KioskCardIdentify extends LitElement {
  static override styles = [
    statusText,
    css`
      :host {
        display: block;
      }
      p {
        margin: var(--dah-space) 0 0;
      }
      [role='alert'] {
        color: var(--dah-danger);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  /** The self-service screen's clock (tests move it on). */
  @property({ attribute: false }) clock: VisitClock = realClock;
  @state() private cardState: CardState = 'ready';
  @state() private failure = '';
  private cancelClear: (() => void) | null = null;

  constructor() {
    super();
    new ScannerInput(this, (code) => void this.identify(code));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cancelClear?.();
    this.cancelClear = null;
  }

  private refused(state: Exclude<CardState, 'ready' | 'reading'>): void {
    this.cardState = state;
    this.cancelClear?.();
    this.cancelClear = this.clock.after(MESSAGE_MS, () => {
      this.cancelClear = null;
      this.cardState = 'ready';
    });
  }

  private async identify(code: string): Promise<void> {
    if (this.cardState === 'reading') return;
    // Read as a burst but not a card of ours (a damaged print, another format): no request.
    if (!cardSecretOf(code)) return this.refused('unknown');
    this.cancelClear?.();
    this.cardState = 'reading';
    try {
      const visit = await startCardVisit(this.api, code);
      this.cardState = 'ready';
      this.dispatchEvent(new CardVisitEvent(visit));
    } catch (error) {
      const code = error instanceof ApiRequestError ? error.code : null;
      if (code === 'card_unknown') this.refused('unknown');
      else if (code === 'card_revoked') this.refused('revoked');
      else if (code === 'too_many_attempts') this.refused('too-many');
      else {
        this.failure = errorMessage(error);
        this.refused('failed');
      }
    }
  }

  override render() {
    switch (this.cardState) {
      case 'ready':
        return html`<p data-card-state="ready">
          ${msg('有家庭医生给的二维码卡？把卡上的二维码对准扫描口，不用按键。')}
        </p>`;
      case 'reading':
        return html`<p class="lead" role="status" data-card-state="reading">${msg('正在读卡，请稍候…')}</p>`;
      case 'unknown':
        return html`<p role="alert" data-card-state="unknown">
          ${msg('这张卡认不出来。请找家庭医生重新办一张卡，或者用身份证的最后4位和出生日期。')}
        </p>`;
      case 'revoked':
        return html`<p role="alert" data-card-state="revoked">
          ${msg('这张卡已经作废了。请找家庭医生领新卡，或者用身份证的最后4位和出生日期。')}
        </p>`;
      case 'too-many':
        return html`<p role="alert" data-card-state="too-many">
          ${msg('试的次数太多，这台终端暂时不能再试。请10分钟后再试，或请工作人员帮忙。')}
        </p>`;
      case 'failed':
        return html`<p role="alert" data-card-state="failed">${this.failure}</p>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-card-identify': KioskCardIdentify;
  }
}
