import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MobileVisit, SlotInput } from '../../../shared/schedule/schedule-schemas.js';
import { instantAt, localDateOf } from '../../../shared/schedule/shanghai-time.js';
import type { ApiClient } from '../../api/api-client.js';
import { errorMessage } from '../../api/error-messages.js';
import { consoleStyles } from '../../design/console-styles.js';
import { controls } from '../../design/controls.js';
import { apiContext } from '../../state/contexts.js';
import { visitOf } from '../schedule-words.js';
import * as scheduleApi from '../../schedule/api.js';

/** A slot was opened (the list reads itself again). */
export class SlotOpenedEvent extends Event {
  constructor() {
    super('dah-slot-opened', { bubbles: true, composed: true });
  }
}

/**
 * Opening a slot (issue 16 §1, §2): places at one of the township's visits, at the health centre,
 * or the doctor's own video consultation time; the server checks the visit's window.
 */
@customElement('dah-console-slot-form')
@localized()
export class ConsoleSlotForm extends LitElement {
  static override styles = [controls, consoleStyles];

  @consume({ context: apiContext }) api!: ApiClient;
  /** The township's visits that are not called off. */
  @property({ attribute: false }) visits: MobileVisit[] = [];
  @state() private error = '';
  @state() private where = '';

  private async open(form: HTMLFormElement): Promise<void> {
    const d = new FormData(form);
    const where = String(d.get('where'));
    const date = String(d.get('date'));
    const base = {
      startsAt: instantAt(date, String(d.get('start'))),
      endsAt: instantAt(date, String(d.get('end'))),
      capacity: Number(d.get('capacity')),
    };
    const input: SlotInput = where.startsWith('visit:')
      ? { kind: 'mobile-clinic', visitId: where.slice('visit:'.length), ...base }
      : { kind: where === 'video' ? 'video' : 'health-centre', ...base };
    this.error = '';
    try {
      await scheduleApi.createSlot(this.api, input);
      this.dispatchEvent(new SlotOpenedEvent());
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  override render() {
    const visit = this.visits.find((v) => `visit:${v.id}` === this.where);
    return html`<h3>${msg('放号')}</h3>
      ${this.error ? html`<p role="alert">${this.error}</p>` : null}
      <form
        class="slot-form"
        @submit=${(ev: Event) => {
          ev.preventDefault();
          void this.open(ev.currentTarget as HTMLFormElement);
        }}
      >
        <label
          >${msg('号源')}
          <select
            name="where"
            required
            @change=${(ev: Event) => (this.where = (ev.target as HTMLSelectElement).value)}
          >
            <option value="">${msg('请选择')}</option>
            ${this.visits.map((v) => html`<option value=${`visit:${v.id}`}>${visitOf(v)}</option>`)}
            <option value="health-centre">${msg('卫生院门诊')}</option>
            <option value="video">${msg('我的视频问诊')}</option>
          </select></label
        >
        <label
          >${msg('日期')}
          <input name="date" type="date" required .value=${visit ? localDateOf(visit.startsAt) : ''}
        /></label>
        <label>${msg('开始')} <input name="start" type="time" required value="09:00" /></label>
        <label>${msg('结束')} <input name="end" type="time" required value="09:30" /></label>
        <label
          >${msg('名额')} <input name="capacity" type="number" min="1" max="200" required value="5"
        /></label>
        <button class="primary" type="submit">${msg('放号')}</button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-console-slot-form': ConsoleSlotForm;
  }
}
