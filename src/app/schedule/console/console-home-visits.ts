import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PushEvent } from '../../../shared/consultations/schemas.js';
import type {
  HomeVisit,
  HomeVisitList,
  SchedulePushEvent,
  TeamMember,
} from '../../../shared/schedule/schedule-schemas.js';
import { instantAt } from '../../../shared/schedule/shanghai-time.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { halfDayName, homeVisitReasonName, homeVisitSentence, teamRoleLabel } from '../schedule-words.js';
import * as scheduleApi from '../api.js';

/**
 * The township's home visits (上门护理 / 家庭病床, issue 16 §3): each request with the resident and
 * the half-day they asked for; assign a nurse or doctor of the resident's team and a time
 * (the half-day asked for, as proposed); once there, write the note that goes into the record.
 */
@customElement('dah-console-home-visits')
@localized()
export class ConsoleHomeVisits extends LitElement {
  static override styles = [controls, consoleStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private error = '';
  /** The team of each resident with a request open here, for the assignee choice. */
  @state() private teams = new Map<string, TeamMember[]>();

  private readonly visits = new LiveQuery<HomeVisitList>(this, {
    read: () => scheduleApi.homeVisits(this.api),
    pushed: (event, query) => {
      if ((event as PushEvent | SchedulePushEvent).type === 'home-visit-changed') void query.refresh();
    },
    applied: (list) => {
      for (const v of list.homeVisits) {
        if (v.status !== 'requested' || this.teams.has(v.patient.id)) continue;
        scheduleApi.team(this.api, v.patient.id).then(
          (team) => (this.teams = new Map(this.teams).set(v.patient.id, team.members)),
          () => undefined,
        );
      }
    },
  });

  private async act(action: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await action();
    } catch (error) {
      this.error = errorMessage(error);
    }
    void this.visits.refresh();
  }

  private schedule(v: HomeVisit, form: HTMLFormElement): Promise<void> {
    const data = new FormData(form);
    // An hour from the time chosen, in the county's time.
    const startsAt = instantAt(String(data.get('date')), String(data.get('time')));
    const endsAt = new Date(Date.parse(startsAt) + 60 * 60_000).toISOString();
    return this.act(() =>
      scheduleApi.scheduleHomeVisit(this.api, v.id, {
        assigneeId: String(data.get('assignee')),
        startsAt,
        endsAt,
      }),
    );
  }

  override render() {
    const list = this.visits.value?.homeVisits ?? [];
    return html`<section class="panel">
      <h2>${msg('上门护理申请')}</h2>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      ${
        this.visits.value === null
          ? html`<p>${this.visits.error ? errorMessage(this.visits.error) : msg('正在加载，请稍候…')}</p>`
          : list.length === 0
            ? html`<p>${msg('现在没有上门申请。')}</p>`
            : html`<ul class="home-visits">
                ${list.map((v) => html`<li data-home-visit=${v.id}>${this.renderVisit(v)}</li>`)}
              </ul>`
      }
    </section>`;
  }

  private renderVisit(v: HomeVisit) {
    const who = html`<h3>${v.patient.displayName}（${v.patient.address}）</h3>
      <p>${homeVisitSentence(v)}</p>`;
    const cancel = html`<button
      class="danger"
      @click=${() => this.act(() => scheduleApi.cancelHomeVisit(this.api, v.id))}
    >
      ${msg('取消这次上门')}
    </button>`;
    if (v.status === 'requested') {
      const team = this.teams.get(v.patient.id) ?? [];
      const staff = team.filter((m) => m.teamRole !== 'village-doctor' || v.service === 'home-bed');
      return html`${who}
        <form
          @submit=${(e: Event) => {
            e.preventDefault();
            void this.schedule(v, e.currentTarget as HTMLFormElement);
          }}
        >
          <label
            >${msg('谁去')}
            <select name="assignee" required>
              ${staff.map((m) => html`<option value=${m.id}>${teamRoleLabel(m.teamRole)} ${m.displayName}</option>`)}
            </select></label
          >
          <label>${msg('日期')} <input name="date" type="date" required .value=${v.preferredDate} /></label>
          <label
            >${msg(str`时间（申请的是${halfDayName(v.preferredHalfDay)}）`)}
            <input
              name="time"
              type="time"
              required
              .value=${v.preferredHalfDay === 'morning' ? '09:00' : '14:30'}
          /></label>
          <button class="primary" type="submit">${msg('安排上门')}</button>
          ${cancel}
        </form>`;
    }
    if (v.status === 'scheduled') {
      return html`${who}
        <form
          @submit=${(e: Event) => {
            e.preventDefault();
            const note = String(new FormData(e.currentTarget as HTMLFormElement).get('note') ?? '');
            void this.act(() => scheduleApi.completeHomeVisit(this.api, v.id, note));
          }}
        >
          <label
            >${msg(str`上门记录（${homeVisitReasonName(v.reason)}）`)}
            <textarea name="note" required maxlength="1000" rows="2"></textarea>
          </label>
          <button class="primary" type="submit">${msg('已上门，保存记录')}</button>
          ${cancel}
        </form>`;
    }
    return who;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-home-visits': ConsoleHomeVisits;
  }
}
