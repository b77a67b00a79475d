import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { QueueEntry } from '../../../shared/consultations/schemas.js';
import { ApiRequestError, type ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { apiContext } from '../../state/contexts.js';
import { renderLatestReadings } from '../../readings/latest-readings.js';
import { icon } from '../../ui/icons.js';
import { alertSound, type AlertSound } from './alert-sound.js';
import { kioskOriginWords } from '../kiosk-rules.js';
import { consoleStyles } from '../../design/console-styles.js';
import { MinuteClock } from './minute-clock.js';
import { LiveQuery } from '../../api/live-query.js';
import { minutesSince, patientFacts, waitingText } from './waiting-time.js';
import { consoleCall } from '../../call/paths.js';
import * as consultationsApi from '../api.js';

/**
 * The doctor's waiting list: urgent first, then oldest (the API's order, kept as given). It
 * refreshes on every queue-changed push and once a minute, when waiting times are re-worded. A
 * new urgent request sounds the alert and puts a 紧急 banner with that patient on top. A request
 * from a care-home kiosk says where the resident is and which nurse is with them.
 * @summary The queue of waiting patients, with 接诊 (admit).
 */
@customElement('dah-console-queue')
@localized()
export class ConsoleQueue extends LitElement {
  static override styles = [
    controls,
    consoleStyles,
    css`
      header {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
      }
      header h2 {
        margin-right: var(--dah-space);
      }
      .count {
        flex: 1;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th {
        text-align: left;
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
        font-weight: 400;
        padding: 0 var(--dah-space) calc(var(--dah-space) / 2) 0;
      }
      td {
        padding: calc(var(--dah-space) / 2) var(--dah-space) calc(var(--dah-space) / 2) 0;
        border-top: 1px solid #33404d;
        vertical-align: top;
      }
      tr.urgent td {
        background: #2a1616;
      }
      tr.urgent td:first-child {
        box-shadow: inset 6px 0 0 var(--dah-emergency-bg);
        padding-left: 12px;
      }
      .name {
        font-weight: 700;
      }
      td.action {
        text-align: right;
        padding-right: 0;
        white-space: nowrap;
      }
      .banner {
        display: flex;
        align-items: center;
        background: var(--dah-emergency-bg);
        color: var(--dah-on-emergency);
        border-radius: var(--dah-radius);
        padding: var(--dah-space) calc(var(--dah-space) * 1.5);
        margin-bottom: var(--dah-space);
        font-size: calc(var(--dah-font-body) * 1.25);
      }
      .banner svg {
        font-size: 2em;
        margin-right: var(--dah-space);
        flex: none;
      }
      .banner .text {
        flex: 1;
      }
      .banner strong {
        display: block;
        font-size: 1.2em;
      }
      .banner p {
        margin: 4px 0 0;
        font-size: var(--dah-font-body);
      }
      .banner button {
        margin-left: calc(var(--dah-space) / 2);
        background: #fff;
        color: #000;
      }
      .banner button.primary {
        background: var(--dah-ok);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  /** The alert: the console's shared WebAudio sound (tests put a stand-in here). */
  sound: Pick<AlertSound, 'play' | 'unlock'> = alertSound;

  @state() private actionError: string | null = null;
  @state() private admitting: string | null = null;
  /** The urgent banner was acknowledged; a new urgent request shows it again. */
  @state() private bannerDismissed = false;
  /** The browser kept the alert silent (no click on the page yet). */
  @state() private soundBlocked = false;

  /** The queue: read on open, when the push stream opens, on queue-changed, and each minute. */
  private readonly query = new LiveQuery<QueueEntry[]>(this, {
    read: async () => (await consultationsApi.queue(this.api)).entries,
    pushed: (event, query) => {
      if (event.type === 'queue-changed') void query.refresh();
    },
    applied: (entries) => this.noticeUrgent(entries),
  });
  /** Re-words the waiting times each minute, and refetches quietly in case a push was lost. */
  readonly clock = new MinuteClock(this, () => void this.refresh());
  private readonly seenUrgent = new Set<string>();

  private get entries(): QueueEntry[] | null {
    return this.query.value;
  }

  /** The last list stays on screen on a failed read; the note says it may be out of date. */
  private get loadError(): string | null {
    return this.query.error === null ? null : errorMessage(this.query.error);
  }

  /** Reads the list again; resolves once the list shown is the latest read's. */
  refresh(): Promise<void> {
    return this.query.refresh();
  }

  /** A request that was not urgent before, or not here before, sounds the alert. */
  private noticeUrgent(entries: QueueEntry[]): void {
    const fresh = entries.filter((e) => e.urgency === 'urgent' && !this.seenUrgent.has(e.id));
    if (fresh.length === 0) return;
    for (const entry of fresh) this.seenUrgent.add(entry.id);
    this.bannerDismissed = false;
    void this.sound.play('urgent').then((audible) => (this.soundBlocked = !audible));
  }

  private async admit(entry: QueueEntry): Promise<void> {
    this.admitting = entry.id;
    this.actionError = null;
    try {
      const consultation = await consultationsApi.admit(this.api, entry.id);
      this.dispatchEvent(new NavigateEvent(consoleCall.build({ consultationId: consultation.id })));
    } catch (error) {
      const gone =
        error instanceof ApiRequestError && (error.code === 'not_found' || error.code === 'conflict');
      this.actionError = gone
        ? msg(
            str`${entry.patient.displayName}已经不在队列里了（可能已被其他医生接诊，或自己离开了）。列表已刷新。`,
          )
        : errorMessage(error);
      if (gone) void this.refresh();
    } finally {
      this.admitting = null;
    }
  }

  private enableSound(): void {
    this.sound.unlock();
    void this.sound.play('urgent').then((audible) => (this.soundBlocked = !audible));
  }

  override render() {
    const entries = this.entries;
    return html`
      <header>
        <h2>${msg('候诊队列')}</h2>
        <span class="count muted" role="status">
          ${entries === null ? '' : entries.length === 0 ? msg('没有人在等') : msg(str`${entries.length} 人在等`)}
        </span>
        <button @click=${() => this.refresh()}>${msg('刷新')}</button>
      </header>
      ${this.renderBanner()}
      ${
        this.loadError
          ? html`<p role="alert" data-load-error>
              ${entries === null ? this.loadError : msg(str`列表可能不是最新的：${this.loadError}`)}
            </p>`
          : null
      }
      ${this.actionError ? html`<p role="alert" data-action-error>${this.actionError}</p>` : null}
      ${
        entries === null
          ? this.loadError
            ? null
            : html`<p role="status">${msg('正在加载，请稍候…')}</p>`
          : entries.length === 0
            ? html`<p class="muted" data-empty>
                ${msg('现在没有人在等。有人请求视频问诊时，这里会立刻出现；紧急求助会响铃提示。')}
              </p>`
            : this.renderTable(entries)
      }
    `;
  }

  private renderBanner() {
    const urgent = (this.entries ?? []).filter((e) => e.urgency === 'urgent');
    const first = urgent[0];
    if (!first || this.bannerDismissed) return null;
    const more = urgent.length - 1;
    return html`<div class="banner" role="alert" data-urgent-banner>
      ${icon('emergency')}
      <div class="text">
        <strong>${msg(str`紧急：${first.patient.displayName}需要马上接诊`)}</strong>
        <p>
          ${patientFacts(first.patient)} ·${first.kiosk ? ` ${kioskOriginWords(first.kiosk)} ·` : ''}
          ${waitingText(minutesSince(first.waitingSince, this.clock.now))}${first.reason ? ` · ${first.reason}` : ''}
        </p>
        ${more > 0 ? html`<p>${msg(str`还有 ${more} 位紧急患者在等。`)}</p>` : null}
        ${
          this.soundBlocked
            ? html`<p>${msg('浏览器没有让提示音响起。点“开启提示音”，以后的紧急求助就会响铃。')}</p>`
            : null
        }
      </div>
      ${this.soundBlocked ? html`<button @click=${this.enableSound}>${msg('开启提示音')}</button>` : null}
      <button class="primary" ?disabled=${this.admitting !== null} @click=${() => this.admit(first)}>
        ${msg('立即接诊')}
      </button>
      <button @click=${() => (this.bannerDismissed = true)}>${msg('知道了')}</button>
    </div>`;
  }

  private renderTable(entries: QueueEntry[]) {
    return html`<table>
      <thead>
        <tr>
          <th>${msg('紧急程度')}</th>
          <th>${msg('患者')}</th>
          <th>${msg('就诊原因')}</th>
          <th>${msg('最新体征')}</th>
          <th>${msg('已等候')}</th>
          <th><span class="muted">${msg('操作')}</span></th>
        </tr>
      </thead>
      <tbody>
        ${entries.map((entry) => this.renderEntry(entry))}
      </tbody>
    </table>`;
  }

  private renderEntry(entry: QueueEntry) {
    const urgent = entry.urgency === 'urgent';
    const minutes = minutesSince(entry.waitingSince, this.clock.now);
    return html`<tr class=${urgent ? 'urgent' : ''} data-entry-id=${entry.id}>
      <td>
        ${
          urgent
            ? html`<span class="urgent-badge">${icon('emergency')}${msg('紧急')}</span>`
            : html`<span class="muted">${msg('普通')}</span>`
        }
      </td>
      <td>
        <div class="name">${entry.patient.displayName}</div>
        <div class="small muted" data-facts>${patientFacts(entry.patient)}</div>
        ${
          // Asked at a care-home kiosk: where the resident is and which nurse is with them.
          entry.kiosk ? html`<div class="small" data-kiosk>${kioskOriginWords(entry.kiosk)}</div>` : null
        }
        <div class="small muted">${entry.doctor === 'family' ? msg('找家庭医生') : msg('找值班医生')}</div>
      </td>
      <td>${entry.reason || html`<span class="muted">${msg('（没有填写）')}</span>`}</td>
      <td class="small" data-readings>${renderLatestReadings(entry.latestReadings, entry.colour?.colour)}</td>
      <td><time datetime=${entry.waitingSince} data-waiting>${waitingText(minutes)}</time></td>
      <td class="action">
        <button
          class="primary"
          ?disabled=${this.admitting !== null}
          aria-label=${msg(str`接诊 ${entry.patient.displayName}`)}
          @click=${() => this.admit(entry)}
        >
          ${this.admitting === entry.id ? msg('正在接诊…') : msg('接诊')}
        </button>
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-queue': ConsoleQueue;
  }
}
