import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { FamilyDoctorTeam, RecordSummary } from '../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { tvSummary } from '../consultations/paths.js';
import { controls } from '../design/controls.js';
import { statusText, tvScreen } from '../design/screen-styles.js';
import { tvHome } from '../home/paths.js';
import { KeepFocus } from '../input/keep-focus.js';
import { getLocale } from '../localization.js';
import { formatCalendarDate } from '../dates.js';
import { relativeAge } from '../offline/read-cache.js';
import { NavigateEvent } from '../router/events.js';
import { appointmentSentence, homeVisitReasonName, homeVisitSentence } from '../schedule/schedule-words.js';
import { apiContext, sessionContext } from '../state/contexts.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import {
  allergyName,
  colourWord,
  conditionName,
  medicineText,
  readingText,
  takenOn,
  teamMemberText,
} from './record-words.js';
import * as scheduleApi from '../schedule/api.js';

type Page = 'summary' | 'readings' | 'medicines' | 'consultations' | 'visits';

/**
 * 我的健康档案 (issue 16 §5): a summary page (conditions, allergies, the latest readings with their
 * colour, current medicines, the next appointment, the family-doctor team) and from it a page each
 * for readings, medicines, consultations with their summaries and home visits. Every fact is a
 * focus stop, so the remote reaches it and voice guidance reads it; an empty section says so.
 */
@customElement('dah-record-screen')
@localized()
export class RecordScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    css`
      .fact {
        margin: 0 0 calc(var(--dah-space) / 2);
        padding: calc(var(--dah-space) / 4);
      }
      .pages {
        display: flex;
        flex-wrap: wrap;
        margin: var(--dah-space) calc(var(--dah-space) / -4) 0;
      }
      .pages button {
        margin: calc(var(--dah-space) / 4);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  @state() private record: RecordSummary | null = null;
  /** When the record shown is the TV's kept copy (the API out of reach), when it was kept. */
  @state() private storedAt: number | null = null;
  @state() private team: FamilyDoctorTeam | null = null;
  @state() private error: string | null = null;
  @state() private page: Page = 'summary';
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.actor) return;
    this.error = null;
    const id = this.actor.id;
    // The team is a help, not the record: the page stands without it.
    scheduleApi.team(this.api, id).then(
      (team) => (this.team = team),
      () => undefined,
    );
    try {
      const { value, storedAt } = await scheduleApi.recordSummary(this.api, id);
      this.record = value;
      this.storedAt = storedAt;
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private fact(label: string, value: string, autofocus = false) {
    return html`<p class="fact" tabindex="0" ?data-autofocus=${autofocus}>${label}：${value}</p>`;
  }

  override render() {
    void this.keepFocus;
    const title = html`<h1>${msg('我的健康档案')}</h1>
      ${this.renderAge()}`;
    if (this.error) {
      return html`${title}<dah-state-message
          kind="error"
          .message=${this.error}
          action-label=${msg('再试一次')}
          @dah-state-action=${this.load}
        ></dah-state-message>`;
    }
    const r = this.record;
    if (!r) return html`${title}<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    const back =
      this.page === 'summary'
        ? html`<button
            data-focus-key="home"
            @click=${() => this.dispatchEvent(new NavigateEvent(tvHome.build()))}
          >
            ${msg('返回首页')}
          </button>`
        : html`<button data-focus-key="back" @click=${() => (this.page = 'summary')}>
            ${msg('返回档案首页')}
          </button>`;
    return html`${title}${this.renderPage(r)}
      <div class="pages">${this.page === 'summary' ? this.pageButtons() : null} ${back}</div>`;
  }

  /** Offline, the kept copy says how old it is, so nobody takes it for today's. */
  private renderAge() {
    if (this.storedAt === null) return null;
    const age = relativeAge(this.storedAt, Date.now(), getLocale());
    return html`<p class="kept" role="status">${msg(str`现在没有连上网络，这里是${age}保存的档案。`)}</p>`;
  }

  private pageButtons() {
    const pages: [Page, string][] = [
      ['readings', msg('测量记录')],
      ['medicines', msg('我在吃的药')],
      ['consultations', msg('看过的视频问诊')],
      ['visits', msg('上门记录')],
    ];
    return pages.map(
      ([page, label]) =>
        html`<button data-focus-key=${`page-${page}`} @click=${() => (this.page = page)}>${label}</button>`,
    );
  }

  private renderPage(r: RecordSummary) {
    const none = msg('无');
    switch (this.page) {
      case 'summary': {
        const birth = formatCalendarDate(r.patient.birthDate, 'longDate');
        const readings = r.latestReadings
          .map((x) => `${readingText(x)}（${colourWord(x.colour)}）`)
          .join('；');
        return html`${this.fact(msg('姓名'), r.patient.displayName, true)}
        ${this.fact(msg('出生日期'), birth)}
        ${this.fact(msg('慢性病'), r.conditions.map(conditionName).join('、') || none)}
        ${this.fact(msg('过敏'), r.allergies.map(allergyName).join('、') || msg('没有记录过敏'))}
        ${this.fact(msg('最近测量'), readings || msg('还没有测量记录'))}
        ${this.fact(msg('在吃的药'), r.medicines.map(medicineText).join('；') || msg('现在没有在吃的药'))}
        ${this.fact(
          msg('下次预约'),
          r.nextAppointment ? appointmentSentence(r.nextAppointment) : msg('没有预约'),
        )}
        ${(this.team?.members ?? []).map((m) => html`<p class="fact" tabindex="0">${teamMemberText(m)}</p>`)}`;
      }
      case 'readings':
        return html`<h2>${msg('测量记录')}</h2>
          ${this.list(
            r.latestReadings.map((x) => `${takenOn(x.takenAt)} ${readingText(x)}（${colourWord(x.colour)}）`),
            msg('还没有测量记录。量过血压或血糖以后，结果会显示在这里。'),
          )}`;
      case 'medicines':
        return html`<h2>${msg('我在吃的药')}</h2>
          ${this.list(r.medicines.map(medicineText), msg('现在没有在吃的药。医生开药以后会显示在这里。'))}`;
      case 'consultations':
        return html`<h2>${msg('看过的视频问诊')}</h2>
          ${
            r.consultations.length === 0
              ? this.list([], msg('还没有看过视频问诊。'))
              : html`<ul>
                  ${r.consultations.map(
                    (c, i) =>
                      html`<li>
                        <button
                          ?data-autofocus=${i === 0}
                          data-focus-key=${`summary-${c.id}`}
                          @click=${() => this.dispatchEvent(new NavigateEvent(tvSummary.build({ consultationId: c.id })))}
                        >
                          ${msg(str`${c.doctor.displayName}医生：${c.reason}`)}${
                            c.summary ? msg(str`。诊断：${c.summary.diagnosis}`) : ''
                          }
                        </button>
                      </li>`,
                  )}
                </ul>`
          }`;
      case 'visits':
        return html`<h2>${msg('上门记录')}</h2>
          ${this.list(
            r.homeVisits.map((v) =>
              v.status === 'done'
                ? msg(
                    str`${homeVisitReasonName(v.reason)}：${v.assignee?.displayName ?? ''}上门。记录：${v.visitNote ?? ''}`,
                  )
                : homeVisitSentence(v),
            ),
            msg('还没有上门记录。'),
          )}`;
    }
  }

  /** Each line a focus stop, so it is read aloud; an empty list says so in words. */
  private list(lines: string[], empty: string) {
    if (lines.length === 0) return html`<p class="fact" tabindex="0" data-autofocus>${empty}</p>`;
    return html`<ul>
      ${lines.map((line, i) => html`<li class="fact" tabindex="0" ?data-autofocus=${i === 0}>${line}</li>`)}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-record-screen': RecordScreen;
  }
}
