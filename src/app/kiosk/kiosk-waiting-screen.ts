import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { QueuePlace } from '../../shared/consultation-schemas.js';
import { preloadCall } from '../call/call-prefetch.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/router-controller.js';
import { KeepFocus } from '../tv/keep-focus.js';
import { tvScreen } from '../tv/screen-styles.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from '../tv/waiting-room.js';
import { confirmLeaving, statusText } from '../tv/waiting-screen.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { kioskWaitingRoomContext } from './kiosk-calls.js';

/**
 * The kiosk's waiting room: whom it asked a doctor for, their place in the queue and the
 * estimated wait in words, updated live; a big button to leave (asked first). The place lives on
 * the server and the kiosk keeps it with a heartbeat, so a reload brings it back; when a doctor
 * admits the resident the call opens by itself (kiosk-calls.ts).
 */
@customElement('dah-kiosk-waiting')
@localized()
export class KioskWaitingScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    css`
      button.leave {
        margin: var(--dah-space) var(--dah-space) 0 0;
        font-size: var(--dah-font-heading);
        font-weight: 700;
      }
    `,
  ];

  @consume({ context: kioskWaitingRoomContext }) room!: WaitingRoom;
  private readonly watcher = new WaitingRoomWatcher(this, () => this.room);
  private readonly keepFocus = new KeepFocus(this);

  override connectedCallback(): void {
    super.connectedCallback();
    // A call follows the wait: its code loads now rather than when the doctor admits.
    preloadCall();
  }

  private go(path: string): void {
    this.dispatchEvent(new NavigateEvent(path));
  }

  private async leave(place: QueuePlace): Promise<void> {
    if (this.room.busy || !(await confirmLeaving(this, place.urgency === 'urgent'))) return;
    if (await this.room.leave()) this.go('/kiosk');
  }

  override render() {
    return html`<h1>${msg('等候医生')}</h1>
      ${this.renderBody()}`;
  }

  private renderBody() {
    const room = this.room;
    const place = room.place;
    if (!room.loaded && !place) {
      return room.problem
        ? html`<dah-state-message
            kind="error"
            .message=${room.problem}
            action-label=${msg('再试一次')}
            @dah-state-action=${() => this.room.restore()}
          ></dah-state-message>`
        : html`<dah-progress label=${msg('正在查看排队位置…')}></dah-progress>`;
    }
    const who = place?.patient?.displayName ?? msg('这位居民');
    if (place?.status === 'admitted') {
      return html`<p class="lead" tabindex="0" data-autofocus role="status">
        ${msg(str`医生来了，正在为${who}接通…`)}
      </p>`;
    }
    if (!place) {
      return html`<dah-state-message
          message=${room.notice ?? msg('这台终端现在没有在排队。')}
          action-label=${msg('回到居民名单')}
          @dah-state-action=${() => this.go('/kiosk')}
        ></dah-state-message>
        ${room.problem ? html`<p role="alert">${room.problem}</p>` : null}`;
    }
    const doctor =
      place.urgency === 'urgent'
        ? msg('紧急请求：值班医生都已经收到通知。')
        : place.doctor === 'family'
          ? msg('在等家庭医生。')
          : msg('在等值班医生。');
    return html`<p class="muted">${msg(str`正在为${who}请医生视频问诊。`)}${doctor}</p>
      <p class="lead" tabindex="0" data-autofocus data-focus-key="position" role="status">
        ${positionText(place)}
      </p>
      <p class="muted">${msg('医生准备好以后，这台终端会自动打开视频。请陪老人坐在屏幕前等一等。')}</p>
      ${room.problem ? html`<p role="alert">${room.problem}</p>` : null}
      <button class="leave" data-focus-key="leave" @click=${() => this.leave(place)}>
        ${place.urgency === 'urgent' ? msg('取消呼叫') : msg('取消排队')}
      </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-waiting': KioskWaitingScreen;
  }
}
