import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { getLocale } from '../localization.js';
import { type ConnectionStatus } from '../state/connection.js';
import { icon } from '../ui/icons.js';
import type { OutboxController } from '../offline/outbox-controller.js';
import { connectionContext, outboxContext } from '../state/contexts.js';
import { whenFirstFrameShown } from './first-frame.js';
import { dateFormat, isDateFormatMade } from '../dates.js';

/** The help action asked for (same place on every screen, WCAG 3.2.6). */
export class HelpRequestEvent extends Event {
  static readonly type = 'dah-help';
  constructor() {
    super(HelpRequestEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * Always on the TV and kiosk: clock, date, whether the service can be reached (in words, with
 * an icon), and Help in the same place on every screen.
 */
@customElement('dah-status-bar')
@localized()
export class StatusBar extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
      }
      /* A header outside <main> is the page's banner landmark: the clock and status are in one. */
      header {
        display: flex;
        align-items: center;
        justify-content: flex-end;
        padding: var(--dah-safe-y) var(--dah-safe-x) 0;
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
      }
      span {
        display: inline-flex;
        align-items: center;
        margin-left: calc(var(--dah-space) * 1.5);
      }
      .time {
        color: var(--dah-text);
        font-weight: 700;
      }
      .offline {
        color: var(--dah-danger);
      }
      svg {
        margin-right: calc(var(--dah-space) / 3);
      }
      button {
        margin-left: calc(var(--dah-space) * 1.5);
        min-height: var(--dah-target);
        font-size: var(--dah-font-small);
      }
    `,
  ];

  @consume({ context: connectionContext, subscribe: true }) connection: ConnectionStatus = 'online';
  @consume({ context: outboxContext }) outbox?: OutboxController;
  @state() private now = new Date();
  /** Readings (and other writes) on this device that the API has not taken yet. */
  @state() private waiting = 0;
  private timer: number | undefined;
  private clockReady = false;
  private unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The first Intl.DateTimeFormat of a locale loads its data: about 150-250 ms at CPU 6x, measured
    // on the cold start (bench/profile-cold-start.ts). Made when the main thread is idle after the
    // first screen is up, never before Home's first interactive frame; the clock shows from then.
    if (!isDateFormatMade('weekdayDate') || !isDateFormatMade('clock')) {
      const ready = () => {
        this.clockReady = true;
        this.requestUpdate();
      };
      whenFirstFrameShown(() => {
        if (window.requestIdleCallback) window.requestIdleCallback(ready, { timeout: 1000 });
        else window.setTimeout(ready, 0);
      });
    } else this.clockReady = true;
    this.tick();
    this.unsubscribe = this.outbox?.subscribe((counts) => (this.waiting = counts.waiting));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.timer);
    this.unsubscribe?.();
  }

  /** Wakes at the start of each minute rather than polling. */
  private tick(): void {
    this.now = new Date();
    this.timer = window.setTimeout(() => this.tick(), 60_000 - (this.now.getTime() % 60_000) + 50);
  }

  private connectionText(): string {
    switch (this.connection) {
      case 'online':
        return msg('网络正常');
      case 'degraded':
        return msg('视频服务暂时不可用');
      case 'offline':
        return msg('没有连上网络');
    }
  }

  override render() {
    // Another language chosen later: its formats are made at once (the start is long over).
    const locale = getLocale();
    const made = this.clockReady
      ? { date: dateFormat('weekdayDate', locale), time: dateFormat('clock', locale) }
      : null;
    return html`<header>
      <span class=${this.connection === 'online' ? '' : 'offline'} data-connection=${this.connection}
        >${icon(this.connection === 'online' ? 'online' : 'offline')}${this.connectionText()}</span
      >
      ${
        this.waiting > 0
          ? html`<span data-outbox-waiting=${this.waiting}
              >${msg(str`${this.waiting}条测量结果等待发送`)}</span
            >`
          : null
      }
      ${
        made
          ? html`<span>${made.date.format(this.now)}</span>
              <span class="time">${made.time.format(this.now)}</span>`
          : null
      }
      <button data-focus-key="help" @click=${() => this.dispatchEvent(new HelpRequestEvent())}>
        ${msg('帮助')}
      </button>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-status-bar': StatusBar;
  }
}
