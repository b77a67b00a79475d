import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import type {
  AppointmentKind,
  AppointmentList,
  HomeVisitList,
  MobileVisitList,
  SchedulePushEvent,
  Slot,
} from '../../shared/schedule/schedule-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { LiveQuery } from '../api/live-query.js';
import { controls } from '../design/controls.js';
import { statusText, tvScreen } from '../design/screen-styles.js';
import { tvHome } from '../home/paths.js';
import { KeepFocus } from '../input/keep-focus.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext } from '../state/contexts.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import './home-visit-request.js';
import type { HomeVisitRequestedEvent } from './home-visit-request.js';
import { appointmentSentence, homeVisitSentence, places, slotSentence, visitOf } from './schedule-words.js';
import * as scheduleApi from './api.js';

/** The quick row: the family doctor by video in the middle, where focus starts. */
const QUICK: AppointmentKind[] = ['health-centre', 'video', 'mobile-clinic'];

interface Schedule {
  slots: Slot[];
  appointments: AppointmentList['appointments'];
  homeVisits: HomeVisitList['homeVisits'];
  visits: MobileVisitList['visits'];
}

function kindName(kind: AppointmentKind): string {
  switch (kind) {
    case 'video':
      return msg('和家庭医生视频');
    case 'health-centre':
      return msg('到卫生院看病');
    case 'mobile-clinic':
      return msg('巡诊车来时看病');
  }
}

/** Changes another screen (or the township) made: read again. */
function scheduleChanged(event: PushEvent | SchedulePushEvent): boolean {
  return event.type === 'appointment-changed' || event.type === 'home-visit-changed';
}

/**
 * 预约与巡诊 (issue 16 §1-3): book the earliest time of each kind in one press (Home: ↓, OK, then
 * OK or ←/→ and OK: at most 4 presses), my appointments with cancel, home visits (who comes when,
 * and asking for one), and the mobile clinic's coming visits in one sentence each.
 */
@customElement('dah-appointments-screen')
@localized()
export class AppointmentsScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    css`
      .quick {
        display: flex;
        margin: 0 calc(var(--dah-space) / -4);
      }
      .quick button {
        flex: 1 1 0;
        margin: 0 calc(var(--dah-space) / 4);
        text-align: left;
      }
      .notice {
        border-left: calc(6 * var(--dah-px)) solid var(--dah-accent, currentColor);
        padding-left: var(--dah-space);
      }
      li button {
        margin-left: var(--dah-space);
      }
    `,
  ];

  @consume({ context: apiContext }) api!: ApiClient;
  /** What just happened (booked, cancelled, why not), in words with what to do. */
  @state() private notice = '';
  @state() private view: 'main' | 'home-visit' | AppointmentKind = 'main';
  @state() private busy = false;
  private readonly keepFocus = new KeepFocus(this);

  private readonly schedule = new LiveQuery<Schedule>(this, {
    read: async () => {
      const [slots, appointments, homeVisits, visits] = await Promise.all([
        scheduleApi.slots(this.api),
        scheduleApi.appointments(this.api),
        scheduleApi.homeVisits(this.api),
        scheduleApi.visits(this.api),
      ]);
      return {
        slots: slots.slots,
        appointments: appointments.appointments.filter((a) => a.status === 'booked'),
        homeVisits: homeVisits.homeVisits.filter((v) => v.status === 'requested' || v.status === 'scheduled'),
        visits: visits.visits,
      };
    },
    pushed: (event, query) => {
      if (scheduleChanged(event as PushEvent | SchedulePushEvent)) void query.refresh();
    },
  });

  private async book(slot: Slot): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const booked = await scheduleApi.book(this.api, slot.id);
      this.notice = msg(str`已预约：${appointmentSentence(booked)}。要取消，在下面“我的预约”里按取消。`);
      this.view = 'main';
    } catch (error) {
      this.notice = errorMessage(error);
    } finally {
      this.busy = false;
      void this.schedule.refresh();
    }
  }

  private async cancel(id: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const cancelled = await scheduleApi.cancelAppointment(this.api, id);
      this.notice = msg(str`已取消：${appointmentSentence(cancelled)}`);
    } catch (error) {
      this.notice = errorMessage(error);
    } finally {
      this.busy = false;
      void this.schedule.refresh();
    }
  }

  private readonly requested = (event: HomeVisitRequestedEvent) => {
    this.notice = msg(str`已申请上门：${homeVisitSentence(event.homeVisit)}`);
    this.view = 'main';
    void this.schedule.refresh();
  };

  override render() {
    void this.keepFocus;
    const title = html`<h1>${msg('预约与巡诊')}</h1>`;
    const s = this.schedule.value;
    if (!s) {
      if (this.schedule.error) {
        return html`${title}<dah-state-message
            kind="error"
            .message=${errorMessage(this.schedule.error)}
            action-label=${msg('再试一次')}
            @dah-state-action=${() => void this.schedule.refresh()}
          ></dah-state-message>`;
      }
      return html`${title}<dah-progress label=${msg('正在加载，请稍候…')}></dah-progress>`;
    }
    const notice = this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : null;
    if (this.view === 'home-visit') {
      return html`${title}${notice}
        <dah-home-visit-request @dah-home-visit-requested=${this.requested}></dah-home-visit-request>
        <button data-focus-key="back" @click=${() => (this.view = 'main')}>${msg('返回预约与巡诊')}</button>`;
    }
    if (this.view !== 'main') return html`${title}${notice}${this.renderSlots(s, this.view)}`;
    return html`${title}${notice}
      <h2>${msg('预约最近的时间（按确认键就约好）')}</h2>
      <div class="quick">${QUICK.map((kind) => this.renderQuick(s, kind))}</div>
      <h2>${msg('我的预约')}</h2>
      ${
        s.appointments.length === 0
          ? html`<p>${msg('还没有预约。')}</p>`
          : html`<ul>
              ${s.appointments.map(
                (a) =>
                  html`<li>
                    <span tabindex="0">${appointmentSentence(a)}</span>
                    <button
                      data-focus-key=${`cancel-${a.id}`}
                      ?disabled=${this.busy}
                      @click=${() => void this.cancel(a.id)}
                    >
                      ${msg('取消这个预约')}
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <h2>${msg('上门护理')}</h2>
      <ul>
        ${s.homeVisits.map((v) => html`<li tabindex="0">${homeVisitSentence(v)}</li>`)}
      </ul>
      <button data-focus-key="home-visit" @click=${() => (this.view = 'home-visit')}>
        ${msg('请护士或医生上门')}
      </button>
      <h2>${msg('巡诊车什么时候来')}</h2>
      ${
        s.visits.length === 0
          ? html`<p tabindex="0">${msg('最近没有巡诊车来您的村。定下来以后会显示在这里。')}</p>`
          : html`<ul>
              ${s.visits.map((v) => html`<li tabindex="0">${visitOf(v)}</li>`)}
            </ul>`
      }
      <h2>${msg('选别的时间')}</h2>
      <div class="quick">
        ${QUICK.map(
          (kind) =>
            html`<button data-focus-key=${`more-${kind}`} @click=${() => (this.view = kind)}>
              ${kindName(kind)}
            </button>`,
        )}
      </div>
      <p>
        <button data-focus-key="home" @click=${() => this.dispatchEvent(new NavigateEvent(tvHome.build()))}>
          ${msg('返回首页')}
        </button>
      </p>`;
  }

  private renderQuick(s: Schedule, kind: AppointmentKind) {
    const slot = s.slots.find((x) => x.kind === kind && x.booked < x.capacity);
    return html`<button
      data-focus-key=${`quick-${kind}`}
      ?data-autofocus=${kind === 'video'}
      ?disabled=${this.busy}
      @click=${() => (slot ? void this.book(slot) : (this.view = kind))}
    >
      ${kindName(kind)}<br />${slot ? slotSentence(slot) : msg('暂时没有可约的时间')}
    </button>`;
  }

  private renderSlots(s: Schedule, kind: AppointmentKind) {
    const slots = s.slots.filter((x) => x.kind === kind);
    return html`<h2>${kindName(kind)}</h2>
      ${
        slots.length === 0
          ? html`<p>${msg('暂时没有可约的时间。请过几天再看，或打电话给家庭医生。')}</p>`
          : html`<ul>
              ${slots.map(
                (slot, i) =>
                  html`<li>
                    <button
                      ?data-autofocus=${i === 0}
                      data-focus-key=${`slot-${slot.id}`}
                      ?disabled=${this.busy}
                      @click=${() => void this.book(slot)}
                    >
                      ${slotSentence(slot)}（${places(slot)}）
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <button data-focus-key="back" @click=${() => (this.view = 'main')}>${msg('返回预约与巡诊')}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-appointments-screen': AppointmentsScreen;
  }
}
