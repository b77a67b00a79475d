import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { QueuePlace } from '../../../shared/consultations/schemas.js';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import type { WaitingRoom } from '../waiting-room.js';
import { WaitingPlaceController, leaveButtonStyles } from '../waiting-place.js';
import { kioskHome } from '../../home/paths.js';
import { kioskWaitingRoomContext } from '../../state/contexts.js';

/**
 * The kiosk's waiting room: whom it asked a doctor for, their place in the queue and the
 * estimated wait in words, updated live; a big button to leave (asked first). The place lives on
 * the server and the kiosk keeps it with a heartbeat, so a reload brings it back; when a doctor
 * admits the resident the call opens by itself (consultations/consultation-place.ts).
 */
@customElement('dah-kiosk-waiting')
@localized()
export class KioskWaitingScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    leaveButtonStyles,
    css`
      button.leave {
        margin: var(--dah-space) var(--dah-space) 0 0;
      }
    `,
  ];

  @consume({ context: kioskWaitingRoomContext }) room!: WaitingRoom;
  private readonly waiting = new WaitingPlaceController(this, () => this.room, kioskHome.build());

  override render() {
    return html`<h1>${msg('等候医生')}</h1>
      ${this.waiting.renderPlace({
        loading: msg('正在查看排队位置…'),
        admitted: (place) => {
          const who = this.who(place);
          return msg(str`医生来了，正在为${who}接通…`);
        },
        notWaiting: {
          message: msg('这台终端现在没有在排队。'),
          action: msg('回到居民名单'),
          path: kioskHome.build(),
        },
        waiting: (place) => this.renderWaiting(place),
      })}`;
  }

  private who(place: QueuePlace): string {
    return place.patient?.displayName ?? msg('这位居民');
  }

  private renderWaiting(place: QueuePlace) {
    const doctor =
      place.urgency === 'urgent'
        ? msg('紧急请求：值班医生都已经收到通知。')
        : place.doctor === 'family'
          ? msg('在等家庭医生。')
          : msg('在等值班医生。');
    const who = this.who(place);
    return html`<p class="muted">${msg(str`正在为${who}请医生视频问诊。`)}${doctor}</p>
      ${this.waiting.renderPosition(place)}
      <p class="muted">${msg('医生准备好以后，这台终端会自动打开视频。请陪老人坐在屏幕前等一等。')}</p>
      ${this.waiting.renderProblem()} ${this.waiting.renderLeave(place, msg('取消排队'))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-kiosk-waiting': KioskWaitingScreen;
  }
}
