import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { PushEvent } from '../../../shared/consultations/schemas.js';
import type {
  MobileVisit,
  MobileVisitInput,
  SchedulePushEvent,
  SlotBookings,
  SlotList,
  TownshipPlaces,
  VehicleType,
} from '../../../shared/schedule/schedule-schemas.js';
import { localDateOf, localTimeOf } from '../../../shared/schedule/shanghai-time.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { LiveQuery } from '../../api/live-query.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { slotSentence, teamRoleLabel, vehicleName, visitOf } from '../schedule-words.js';
import * as scheduleApi from '../api.js';
import './console-slot-form.js';

const VEHICLES: VehicleType[] = ['health-check-van', 'rounds-car', 'ct-van', 'ultrasound-van'];

/**
 * The township's mobile-clinic visits (巡回诊疗, issue 16 §1, §6): create, edit and cancel them,
 * and each slot's bookings against its capacity.
 */
@customElement('dah-console-visits')
@localized()
export class ConsoleVisits extends LitElement {
  static override styles = [controls, consoleStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  @state() private error = '';
  /** The visit being edited, or null for a new one. */
  @state() private editing: MobileVisit | null = null;
  @state() private bookings: SlotBookings | null = null;

  private readonly data = new LiveQuery<{
    visits: MobileVisit[];
    slots: SlotList['slots'];
    /** Null for a nurse: she sees the visits and bookings, the township's doctors keep them. */
    township: TownshipPlaces | null;
  }>(this, {
    read: async () => {
      const [visits, slots, township] = await Promise.all([
        scheduleApi.visits(this.api),
        scheduleApi.slots(this.api),
        scheduleApi.township(this.api).catch(() => null),
      ]);
      return { visits: visits.visits, slots: slots.slots, township };
    },
    pushed: (event, query) => {
      if ((event as PushEvent | SchedulePushEvent).type === 'appointment-changed') void query.refresh();
    },
  });

  private async act(action: () => Promise<unknown>): Promise<boolean> {
    this.error = '';
    try {
      await action();
      return true;
    } catch (error) {
      this.error = errorMessage(error);
      return false;
    } finally {
      void this.data.refresh();
    }
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const d = new FormData(form);
    const input: MobileVisitInput = {
      villageId: String(d.get('village')),
      vehicle: String(d.get('vehicle')) as VehicleType,
      date: String(d.get('date')),
      startTime: String(d.get('start')),
      endTime: String(d.get('end')),
      place: String(d.get('place')),
      teamIds: d.getAll('team').map(String),
    };
    const editing = this.editing;
    const ok = await this.act(() =>
      editing ? scheduleApi.editVisit(this.api, editing.id, input) : scheduleApi.createVisit(this.api, input),
    );
    if (ok) {
      this.editing = null;
      form.reset();
    }
  }

  private async showBookings(slotId: string): Promise<void> {
    await this.act(async () => (this.bookings = await scheduleApi.slotBookings(this.api, slotId)));
  }

  override render() {
    const value = this.data.value;
    if (!value) {
      return html`<section class="panel">
        <p>${this.data.error ? errorMessage(this.data.error) : msg('正在加载，请稍候…')}</p>
      </section>`;
    }
    return html`<section class="panel">
        <h2>${msg('巡诊安排')}</h2>
        ${this.error ? html`<p role="alert">${this.error}</p>` : null}
        <ul class="visits">
          ${value.visits.map(
            (v) =>
              html`<li data-visit=${v.id}>
                ${visitOf(v)}
                ${
                  v.cancelled
                    ? null
                    : !value.township
                      ? null
                      : html`<button @click=${() => (this.editing = v)}>${msg('修改')}</button>
                          <button
                            class="danger"
                            @click=${() => this.act(() => scheduleApi.cancelVisit(this.api, v.id))}
                          >
                            ${msg('取消巡诊')}
                          </button>`
                }
              </li>`,
          )}
        </ul>
        ${value.township ? this.renderForm(value.township) : null}
      </section>
      <section class="panel">
        <h2>${msg('号源与预约')}</h2>
        <table>
          <tbody>
            ${value.slots.map(
              (s) =>
                html`<tr data-slot=${s.id}>
                  <td>${slotSentence(s)}</td>
                  <td>${msg(str`已约${s.booked}/${s.capacity}`)}</td>
                  <td><button @click=${() => this.showBookings(s.id)}>${msg('看谁约了')}</button></td>
                </tr>`,
            )}
          </tbody>
        </table>
        ${
          value.township
            ? html`<dah-console-slot-form
                .visits=${value.visits.filter((v) => !v.cancelled)}
                @dah-slot-opened=${() => void this.data.refresh()}
              ></dah-console-slot-form>`
            : null
        }
        ${
          this.bookings
            ? html`<h3>${slotSentence(this.bookings.slot)}</h3>
                <p class="bookings">
                  ${
                    this.bookings.appointments.length === 0
                      ? msg('还没有人预约。')
                      : this.bookings.appointments.map((a) => a.patient.displayName).join('、')
                  }
                </p>`
            : null
        }
      </section>`;
  }

  /** Create or change a visit: the township's villages and care homes, a team from its staff. */
  private renderForm(township: TownshipPlaces) {
    const e = this.editing;
    const team = new Set(e?.team.map((m) => m.id) ?? []);
    return html`<h3>${e ? msg('修改巡诊') : msg('新的巡诊')}</h3>
      <form
        class="visit-form"
        @submit=${(ev: Event) => {
          ev.preventDefault();
          void this.save(ev.currentTarget as HTMLFormElement);
        }}
      >
        <label
          >${msg('村')}
          <select name="village" required>
            ${township.villages.map(
              (v) => html`<option value=${v.id} ?selected=${e?.village.id === v.id}>${v.name}</option>`,
            )}
          </select></label
        >
        <label
          >${msg('车')}
          <select name="vehicle">
            ${VEHICLES.map((v) => html`<option value=${v} ?selected=${e?.vehicle === v}>${vehicleName(v)}</option>`)}
          </select></label
        >
        <label
          >${msg('日期')} <input name="date" type="date" required .value=${e ? localDateOf(e.startsAt) : ''}
        /></label>
        <label
          >${msg('开始')}
          <input name="start" type="time" required .value=${e ? localTimeOf(e.startsAt) : '09:00'}
        /></label>
        <label
          >${msg('结束')}
          <input name="end" type="time" required .value=${e ? localTimeOf(e.endsAt) : '11:30'}
        /></label>
        <label>${msg('地点')} <input name="place" required maxlength="40" .value=${e?.place ?? ''} /></label>
        <fieldset>
          <legend>${msg('巡诊团队')}</legend>
          ${township.staff.map(
            (p) =>
              html`<label
                ><input type="checkbox" name="team" value=${p.id} .checked=${team.has(p.id)} />
                ${teamRoleLabel(p.role)} ${p.displayName}</label
              >`,
          )}
        </fieldset>
        <button class="primary" type="submit">${e ? msg('保存修改') : msg('添加巡诊')}</button>
        ${e ? html`<button type="button" @click=${() => (this.editing = null)}>${msg('不改了')}</button>` : null}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-visits': ConsoleVisits;
  }
}
