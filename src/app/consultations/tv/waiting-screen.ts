import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { QueuePlace } from '../../../shared/consultations/schemas.js';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { type WaitingRoom } from '../waiting-room.js';
import { WaitingPlaceController, leaveButtonStyles } from '../waiting-place.js';
import { tvHome } from '../../home/paths.js';
import { tvConsult } from '../paths.js';
import { waitingRoomContext } from '../../state/contexts.js';

/**
 * 等候室: the resident's place in the queue and the estimated wait, in words, updated live; a big
 * button to leave (asked first). The place lives on the server, so a reload or a power cut brings
 * it back; when a doctor admits the resident the call opens by itself (resident-calls.ts).
 */
@customElement('dah-waiting-screen')
@localized()
export class WaitingScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    statusText,
    leaveButtonStyles,
    css`
      button.leave {
        margin-top: var(--dah-space);
      }
    `,
  ];

  @consume({ context: waitingRoomContext }) room!: WaitingRoom;
  private readonly waiting = new WaitingPlaceController(this, () => this.room, tvHome.build());

  override render() {
    return html`<h1>${msg('等候室')}</h1>
      ${this.waiting.renderPlace({
        loading: msg('正在查看您的排队位置…'),
        admitted: () => msg('医生来了，正在接通…'),
        notWaiting: {
          message: msg('您现在没有在排队。'),
          action: msg('找医生视频'),
          path: tvConsult.build(),
        },
        waiting: (place) => this.renderWaiting(place),
      })}`;
  }

  private renderWaiting(place: QueuePlace) {
    const who =
      place.urgency === 'urgent'
        ? msg('紧急呼叫：值班医生都已经收到通知。')
        : place.doctor === 'family'
          ? msg('您在等家庭医生。')
          : msg('您在等值班医生。');
    return html`${this.waiting.renderPosition(place)}
      <p>${who}</p>
      <p class="muted">${msg('医生准备好以后，电视会自动打开视频。请不要关电视，坐着等一等。')}</p>
      ${this.waiting.renderProblem()} ${this.waiting.renderLeave(place, msg('离开等候室'))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-waiting-screen': WaitingScreen;
  }
}
