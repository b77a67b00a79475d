import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { QueuePlace } from '../../shared/consultation-schemas.js';
import { controls } from '../design/controls.js';
import { NavigateEvent } from '../router/router-controller.js';
import { askDialog } from '../ui/dialog-request.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { KeepFocus } from './keep-focus.js';
import { tvScreen } from './screen-styles.js';
import { WaitingRoomWatcher, positionText, waitingRoomContext, type WaitingRoom } from './waiting-room.js';
import { preloadCall } from '../call/call-prefetch.js';

/** Large status text that focus can reach, so TV screen readers and voice guidance read it. */
export const statusText = css`
  .lead {
    font-size: var(--dah-font-heading);
    font-weight: 700;
    margin: 0 0 var(--dah-space);
    border-radius: var(--dah-radius);
  }
  [tabindex]:focus {
    outline: var(--dah-focus-ring-width) solid var(--dah-focus-ring);
    outline-offset: calc(4 * var(--dah-px));
  }
  .muted {
    color: var(--dah-text-muted);
  }
`;

/** Asks before leaving the queue; true when the resident chose to leave. */
export async function confirmLeaving(from: EventTarget, urgent: boolean): Promise<boolean> {
  const answer = await askDialog(
    from,
    urgent ? msg('要取消紧急呼叫吗？') : msg('要离开等候室吗？'),
    urgent
      ? msg('取消以后，值班医生就不会再来接通您了。')
      : msg('离开以后，您的排队位置就没有了；再找医生要重新排队。'),
    [
      { label: urgent ? msg('不取消') : msg('不离开'), value: 'stay', tone: 'primary' },
      { label: urgent ? msg('取消呼叫') : msg('离开'), value: 'leave', tone: 'danger' },
    ],
  );
  return answer === 'leave';
}

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
    css`
      button.leave {
        margin-top: var(--dah-space);
        font-size: var(--dah-font-heading);
        font-weight: 700;
      }
    `,
  ];

  @consume({ context: waitingRoomContext }) room!: WaitingRoom;
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
    if (await this.room.leave()) this.go('/tv');
  }

  override render() {
    return html`<h1>${msg('等候室')}</h1>
      ${this.renderBody()}`;
  }

  private renderBody() {
    const room = this.room;
    const place = room.place;
    if (!room.loaded && !place) {
      return room.problem
        ? this.renderProblem(room.problem)
        : html`<dah-progress label=${msg('正在查看您的排队位置…')}></dah-progress>`;
    }
    if (place?.status === 'admitted') {
      return html`<p class="lead" tabindex="0" data-autofocus role="status">
        ${msg('医生来了，正在接通…')}
      </p>`;
    }
    if (!place) {
      return html`<dah-state-message
          message=${room.notice ?? msg('您现在没有在排队。')}
          action-label=${msg('找医生视频')}
          @dah-state-action=${() => this.go('/tv/consult')}
        ></dah-state-message>
        ${room.problem ? html`<p role="alert">${room.problem}</p>` : null}`;
    }
    const who =
      place.urgency === 'urgent'
        ? msg('紧急呼叫：值班医生都已经收到通知。')
        : place.doctor === 'family'
          ? msg('您在等家庭医生。')
          : msg('您在等值班医生。');
    return html`<p class="lead" tabindex="0" data-autofocus data-focus-key="position" role="status">
        ${positionText(place)}
      </p>
      <p>${who}</p>
      <p class="muted">${msg('医生准备好以后，电视会自动打开视频。请不要关电视，坐着等一等。')}</p>
      ${room.problem ? html`<p role="alert">${room.problem}</p>` : null}
      <button class="leave" data-focus-key="leave" @click=${() => this.leave(place)}>
        ${place.urgency === 'urgent' ? msg('取消呼叫') : msg('离开等候室')}
      </button>`;
  }

  private renderProblem(problem: string) {
    return html`<dah-state-message
      kind="error"
      .message=${problem}
      action-label=${msg('再试一次')}
      @dah-state-action=${() => this.room.restore()}
    ></dah-state-message>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-waiting-screen': WaitingScreen;
  }
}
