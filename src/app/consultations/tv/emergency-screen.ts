import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { controls } from '../../design/controls.js';
import { NavigateEvent } from '../../router/events.js';
import { KeepFocus } from '../../input/keep-focus.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../waiting-room.js';
import { confirmLeaving } from '../waiting-place.js';
import { tvHome } from '../../home/paths.js';
import { waitingRoomContext } from '../../state/contexts.js';

/**
 * What the red key (or the emergency tile) opens. It says first what to do in real danger (120),
 * and asks at once for the doctor on duty: an urgent request that jumps every queue and alerts
 * every on-duty doctor. Then it shows what is happening (calling, the live place) and what to do
 * while waiting. The call opens by itself when a doctor takes it (resident-calls.ts).
 */
@customElement('dah-emergency-screen')
@localized()
export class EmergencyScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    css`
      .urgent {
        font-size: var(--dah-font-heading);
        font-weight: 700;
        color: var(--dah-danger);
      }
      h2 {
        font-size: var(--dah-font-body);
        margin: 0;
      }
      ol {
        padding-left: 1.5em;
        margin-top: 0;
      }
      button {
        margin-right: var(--dah-space);
      }
    `,
  ];

  @consume({ context: waitingRoomContext }) room!: WaitingRoom;
  private readonly watcher = new WaitingRoomWatcher(this, () => this.room);
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.call();
  }

  /** The urgent request, at once; a resident already calling is not asked twice. */
  private async call(): Promise<void> {
    const place = this.room.place;
    if (place && place.urgency === 'urgent') return;
    await this.room.join({ doctor: 'on-duty', urgency: 'urgent' });
  }

  private async cancel(): Promise<void> {
    if (this.room.busy || !(await confirmLeaving(this, true))) return;
    if (await this.room.leave()) this.dispatchEvent(new NavigateEvent(tvHome.build()));
  }

  private renderStatus() {
    const { place, problem, busy } = this.room;
    if (!place && problem && !busy) {
      return html`<p role="alert">${problem}</p>
        <button data-autofocus data-focus-key="retry" @click=${() => this.call()}>
          ${msg('再试一次')}
        </button>`;
    }
    let status: string;
    if (place?.status === 'admitted') status = msg('医生来了，正在接通…');
    else if (place) status = `${msg('已经通知值班医生。')}${positionText(place)}`;
    else status = msg('正在呼叫值班医生…');
    return html`<p class="lead" tabindex="0" data-autofocus data-focus-key="status" role="status">
        ${status}
      </p>
      ${place && problem ? html`<p role="alert">${problem}</p>` : null}`;
  }

  override render() {
    const waiting = this.room.place?.status === 'waiting';
    return html`<h1>${msg('紧急呼叫')}</h1>
      <p class="urgent" role="alert">${msg('情况危急时，请马上拨打 120 急救电话。')}</p>
      ${this.renderStatus()}
      <h2>${msg('等医生的时候：')}</h2>
      <ol>
        <li>${msg('胸痛、喘不上气、说话不清、突然头痛得厉害：立刻打 120。')}</li>
        <li>${msg('坐下或躺下，不要一个人走动；开门，方便别人进来。')}</li>
        <li>${msg('把正在吃的药放在手边，医生会问。')}</li>
      </ol>
      ${
        waiting
          ? html`<button data-focus-key="cancel" @click=${this.cancel}>${msg('取消呼叫')}</button>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-emergency-screen': EmergencyScreen;
  }
}
