import { msg } from '@lit/localize';
import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { QueuePlace } from '../../shared/consultations/schemas.js';
import { preloadCall } from '../call/call-prefetch.js';
import { NavigateEvent } from '../router/events.js';
import { askDialog } from '../ui/dialog-request.js';
import '../ui/progress.js';
import '../ui/state-message.js';
import { KeepFocus } from '../input/keep-focus.js';
import { WaitingRoomWatcher, positionText, type WaitingRoom } from './waiting-room.js';
import { preloadCallScreen } from '../call/call-layer.js';

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

/** What a waiting screen says in each state of the place. */
export interface WaitingWords {
  /** While the server has not yet said whether we wait. */
  loading: string;
  /** Admitted: the doctor is here, the call opens. */
  admitted: (place: QueuePlace) => string;
  /** Not in the queue (or no longer), unless the room has a notice; the action goes to `path`. */
  notWaiting: { message: string; action: string; path: string };
  /** Waiting: whom for, the place (renderPosition), the way out (renderLeave). */
  waiting: (place: QueuePlace) => TemplateResult;
}

/**
 * A waiting screen's place in the queue, on a resident's TV or a care-home kiosk: follows the
 * waiting room (and keeps focus as its words change), loads the call's code while waiting, leaves
 * the queue when asked (the question first) and goes `home`. The host writes the words about
 * whom and what it waits for; the pieces every waiting screen shows are rendered here, in the
 * host's shadow root (with statusText).
 */
export class WaitingPlaceController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly room: () => WaitingRoom,
    private readonly home: string,
  ) {
    new WaitingRoomWatcher(host, room);
    new KeepFocus(host);
    host.addController(this);
  }

  hostConnected(): void {
    // A call follows the wait: its code loads now rather than when the doctor admits.
    preloadCall();
    preloadCallScreen();
  }

  /** Goes to another screen. */
  go(path: string): void {
    this.host.dispatchEvent(new NavigateEvent(path));
  }

  /** Leaves the queue if the answer to the question is to leave; then home. */
  async leave(place: QueuePlace): Promise<void> {
    const room = this.room();
    if (room.busy || !(await confirmLeaving(this.host, place.urgency === 'urgent'))) return;
    if (await room.leave()) this.go(this.home);
  }

  /** The place in the state it is in, in the screen's `words`. */
  renderPlace(words: WaitingWords) {
    const room = this.room();
    const place = room.place;
    if (!room.loaded && !place) return this.renderUnknown(words.loading);
    if (place?.status === 'admitted') return this.renderAdmitted(words.admitted(place));
    if (!place) return this.renderNotWaiting(words.notWaiting);
    return words.waiting(place);
  }

  /** Before the server has said whether we wait: what went wrong (try again), else `loading`. */
  private renderUnknown(loading: string) {
    const room = this.room();
    return room.problem
      ? html`<dah-state-message
          kind="error"
          .message=${room.problem}
          action-label=${msg('再试一次')}
          @dah-state-action=${() => room.restore()}
        ></dah-state-message>`
      : html`<dah-progress label=${loading}></dah-progress>`;
  }

  /** Admitted: `words` (the doctor is here), focused, read out. */
  private renderAdmitted(words: string) {
    return html`<p class="lead" tabindex="0" data-autofocus role="status">${words}</p>`;
  }

  /** Not in the queue (or no longer): `message` unless the room has a notice, and the way to `path`. */
  private renderNotWaiting({ message, action, path }: WaitingWords['notWaiting']) {
    const room = this.room();
    return html`<dah-state-message
        message=${room.notice ?? message}
        action-label=${action}
        @dah-state-action=${() => this.go(path)}
      ></dah-state-message>
      ${this.renderProblem()}`;
  }

  /** The place and the estimated wait in words, focused, read out. */
  renderPosition(place: QueuePlace) {
    return html`<p class="lead" tabindex="0" data-autofocus data-focus-key="position" role="status">
      ${positionText(place)}
    </p>`;
  }

  /** What went wrong last, if anything (the place is kept meanwhile). */
  renderProblem() {
    const problem = this.room().problem;
    return problem ? html`<p role="alert">${problem}</p>` : null;
  }

  /** The big button that leaves the queue (asked first): 取消呼叫 for an urgent call, else `label`. */
  renderLeave(place: QueuePlace, label: string) {
    return html`<button class="leave" data-focus-key="leave" @click=${() => this.leave(place)}>
      ${place.urgency === 'urgent' ? msg('取消呼叫') : label}
    </button>`;
  }
}

/** The leave button's large bold words (each screen places the button). */
export const leaveButtonStyles = css`
  button.leave {
    font-size: var(--dah-font-heading);
    font-weight: 700;
  }
`;
