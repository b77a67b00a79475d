import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import type { PushChannel } from '../api/push-channel.js';
import { deepActiveElement } from '../input/spatial-navigation.js';
import '../ui/toast.js';
import { IncomingCallChoiceEvent } from './incoming-call.js';
import './incoming-call.js';
import { Ringtone } from './ringtone.js';
import { ConsultationPlace } from '../consultations/consultation-place.js';
import { preloadCall, type CallPrefetch } from './call-prefetch.js';
import { matchPath } from '../router/route.js';
import { tvCall } from './paths.js';
import {
  idle,
  preparedCall,
  ringReducer,
  shownRing,
  type Ring,
  type RingEvent,
  type RingState,
} from './ring-machine.js';
import { preloadCallScreen } from './call-layer.js';
import * as consultationsApi from '../consultations/api.js';

export interface ResidentCallOptions {
  api(): ApiClient;
  push: PushChannel;
  /** Navigates as the app root does (focus remembered, history entry). */
  navigate(path: string): void;
  /** A call comes before any open question: close the dialogs (as Back would). */
  interrupt(): void;
  /** The app's calls begun before their screen opens (token, standby, the answered call). */
  calls: CallPrefetch;
}

/**
 * The one owner of a ring's life on a resident's TV, and what else reaches it over the push
 * channel: admission from the waiting room and the end of a consultation through its
 * ConsultationPlace, which it shares with the kiosk. A ring's states and every change between
 * them are the pure reducer in ring-machine.ts (idle → ringing → standingBy → answering → inCall,
 * or declined / missed / cancelled); this controller feeds it the events (the push stream, the
 * green and Back keys, the countdown, the API's answers) and does what each change means (the
 * full-screen incoming call, its ringtone and countdown, the standby and the started call through
 * the app's CallPrefetch, a short 未接来电 message). The app root creates one, tells it when a
 * resident's TV is signed in, renders it, and hands it the green and Back keys while it rings.
 * While it rings, the app root draws that call's screen under it (`preparedCall`), waiting for
 * the answer, and hides the screen on show: answering then only takes the ringing away, and
 * declining shows that screen again as it was (bench/call-answer.ts).
 */
export class ResidentCallController implements ReactiveController {
  /** How long a message such as 未接来电 stays. */
  static noticeMs = 10_000;
  /** After the answer, the ringing gives way to the call screen within this long. */
  static callScreenWithinMs = 120;
  /** One tick of the auto-answer countdown. */
  static countdownTickMs = 1000;

  /** The resident's place in the waiting room, admission, and the end with its summary. */
  readonly place: ConsultationPlace;
  /** The ring's state (ring-machine.ts); changed only by `dispatch`. */
  private state: RingState = idle;
  private notice = '';
  private opener: HTMLElement | null = null;
  private readonly ringtone = new Ringtone();
  private countdownTimer: number | undefined;
  private noticeTimer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ResidentCallOptions,
  ) {
    host.addController(this);
    this.place = new ConsultationPlace(host, { ...options, surface: 'tv', onPush: this.onPush });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.signedIn(false);
  }

  get ringing(): boolean {
    return shownRing(this.state) !== null;
  }

  /** The consultation whose call screen the app root draws under the ringing, the screen on show hidden. */
  get preparedCall(): string | null {
    return preparedCall(this.state);
  }

  /** A session feature (shell/session-controller.ts): active while a resident's TV is signed in. */
  sessionChanged(actor: SessionActor | null): void {
    this.signedIn(actor?.kind === 'tv');
  }

  /**
   * Whether a resident's TV is signed in. Then the waiting room asks the server
   * for the resident's place: a TV that starts at Home while its resident waits opens the
   * waiting room again (after a reload, a power cut, standby).
   */
  signedIn(resident: boolean): void {
    this.place.signedIn(resident);
    if (!resident) {
      window.clearTimeout(this.noticeTimer);
      this.notice = '';
      this.dispatch({ type: 'signed-out' });
    }
  }

  /** OK on 接听, or the green key: answer, then into the call. False when nothing rings. */
  answer(): boolean {
    if (!this.ringing) return false;
    this.dispatch({ type: 'answer' });
    return true;
  }

  /** Back or 拒接: decline. False when nothing rings. */
  decline(): boolean {
    if (!this.ringing) return false;
    this.dispatch({ type: 'decline' });
    return true;
  }

  /** The one way the ring changes: the reducer says the next state, `enter` does what it means. */
  private dispatch(event: RingEvent): void {
    const before = this.state;
    const after = ringReducer(before, event);
    if (after === before) return;
    this.state = after;
    // First: a focus given back after the update (dismiss) must wait for the incoming call to go.
    this.host.requestUpdate();
    this.enter(before, after);
  }

  private enter(before: RingState, after: RingState): void {
    const was = shownRing(before);
    const now = shownRing(after);
    if (now && now !== was && after.phase === 'ringing') return this.startRinging(now, before, after);
    if (after.phase === 'answering' && before.phase !== 'answering') {
      this.stopRinging();
      return this.sendAnswer(after.ring);
    }
    if (!was || now) return;
    // The ring's life ended: declined, missed, cancelled, or the call is on show.
    const restoreFocus =
      after.phase !== 'inCall' && !(after.phase === 'cancelled' && after.why === 'signed-out');
    this.dismiss(before, restoreFocus);
    if (after.phase === 'declined') {
      // If this does not arrive, the doctor's side stops ringing after its own timeout.
      consultationsApi.decline(this.options.api(), after.ring.consultationId).catch(() => undefined);
    } else if (after.phase === 'missed') {
      this.say(
        after.answeredElsewhere ? msg('这个视频电话已经在另一台电视上接听了。') : this.missedText(after.ring),
      );
    } else if (after.phase === 'cancelled' && after.why === 'hung-up') {
      this.say(msg('医生已经挂断了这个电话。需要的话，请在“视频问诊”里找医生。'));
    }
  }

  private readonly onPush = (event: PushEvent) => {
    switch (event.type) {
      case 'ring':
        if (shownRing(this.state)?.consultationId === event.consultationId) return;
        // While it rings: the call's code loads, so answering connects without waiting for it.
        preloadCall();
        preloadCallScreen();
        return this.dispatch({ type: 'ring', ring: event, where: this.whereIs(event) });
      case 'ring-cancelled':
        return this.dispatch({
          type: 'ring-cancelled',
          consultationId: event.consultationId,
          answeredElsewhere: event.answeredElsewhere,
        });
      case 'ended':
        // The place then shows the summary.
        return this.dispatch({ type: 'ended', consultationId: event.consultationId });
      default:
        return;
    }
  };

  private whereIs(ring: Ring): 'its-call' | 'another-call' | 'elsewhere' {
    const path = window.location.pathname;
    if (path === tvCall.build({ consultationId: ring.consultationId })) return 'its-call';
    return matchPath(tvCall.pattern, path) === null ? 'elsewhere' : 'another-call';
  }

  /** A new ring on screen (in place of none, or of another ring). */
  private startRinging(ring: Ring, before: RingState, after: RingState): void {
    if (!shownRing(before)) {
      this.options.interrupt();
      const active = deepActiveElement();
      this.opener = active instanceof HTMLElement ? active : null;
    }
    this.stopRinging();
    this.releasePrepared(before);
    // Over another call, that call stays on screen until this one is answered; elsewhere the TV
    // stands by in the call's room (early media) and the call's screen is drawn under the ringing.
    if (preparedCall(after)) {
      this.options.calls.prepareCall(this.options.api(), ring.consultationId, () =>
        this.dispatch({ type: 'standby-joined', ring }),
      );
    }
    this.ringtone.start();
    if (ring.autoAnswerSeconds !== null) {
      this.countdownTimer = window.setInterval(
        () => this.dispatch({ type: 'tick' }),
        ResidentCallController.countdownTickMs,
      );
    }
  }

  /** POST …/answer; the call token comes with the answer. */
  private sendAnswer(ring: Ring): void {
    const { calls } = this.options;
    const answering = () => this.state.phase === 'answering' && this.state.ring === ring;
    consultationsApi
      .answer(this.options.api(), ring.consultationId, calls.standingBy(ring.consultationId))
      .then(
        ({ call, standbyAdmitted }) => {
          if (!answering()) return;
          // The call starts now: the standby carries on, or a connection with the answer's token;
          // the call screen drawn under the ringing takes it over (ringing over another call, the
          // one the app navigates to). The ringing, saying 正在接通, goes once the main thread is
          // idle, or after a moment at the latest: a full-screen repaint at once held the call's
          // first requests back (bench/call-answer.ts).
          calls.startCall(ring.consultationId, call, standbyAdmitted);
          this.dispatch({ type: 'answered', ring });
          window.requestIdleCallback(
            () => {
              if (!answering()) {
                // Back in that moment: the call that already started hangs up, not 15 s later
                // (the screen drawn under the ringing hung it up as it went).
                void calls.takeStartedCall(ring.consultationId)?.then((started) => started?.session.leave());
                return;
              }
              // The address first: the prepared screen then stays as it is, the same element.
              this.options.navigate(tvCall.build({ consultationId: ring.consultationId }));
              this.dispatch({ type: 'call-shown', ring });
            },
            { timeout: ResidentCallController.callScreenWithinMs },
          );
        },
        (error: unknown) => {
          // 403/404/409: the call is over (the doctor hung up, another screen answered). Otherwise
          // network trouble: the call is still there; one more press tries again.
          const gone = error instanceof ApiRequestError && [403, 404, 409].includes(error.status);
          this.dispatch({ type: 'answer-failed', ring, gone, error: gone ? '' : errorMessage(error) });
        },
      );
  }

  private stopRinging(): void {
    this.ringtone.stop();
    window.clearInterval(this.countdownTimer);
  }

  /** Takes the incoming call away; `restoreFocus`: back to where focus was before it rang. */
  private dismiss(before: RingState, restoreFocus: boolean): void {
    this.stopRinging();
    this.releasePrepared(before);
    const opener = this.opener;
    this.opener = null;
    if (restoreFocus && opener) {
      void (this.host.updateComplete ?? Promise.resolve()).then(() => {
        if (opener.isConnected) opener.focus({ preventScroll: true });
      });
    }
  }

  /** The screen on show comes back in place of the call screen drawn under the ringing. */
  private releasePrepared(before: RingState): void {
    const prepared = preparedCall(before);
    if (prepared) this.options.calls.abandonCall(prepared);
  }

  private missedText(ring: Ring): string {
    const name = ring.caller.displayName;
    return ring.caller.role === 'specialist'
      ? msg(str`未接来电：${name}专家刚才打来过视频电话。`)
      : msg(str`未接来电：${name}医生刚才打来过视频电话。`);
  }

  private say(text: string): void {
    this.notice = text;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.notice = '';
      this.host.requestUpdate();
    }, ResidentCallController.noticeMs);
    this.host.requestUpdate();
  }

  private readonly onChoice = (event: IncomingCallChoiceEvent) => {
    if (event.answer) this.answer();
    else this.decline();
  };

  /** The incoming call over everything, and any short message. */
  render() {
    const state = this.state;
    const ring = shownRing(state);
    const shown = state.phase === 'ringing' || state.phase === 'standingBy' ? state : null;
    return html`${
      ring
        ? html`<dah-incoming-call
            .caller=${ring.caller}
            .reason=${ring.reason}
            .countdown=${shown?.countdown ?? null}
            .busy=${state.phase === 'answering'}
            .error=${shown?.error ?? ''}
            @dah-incoming-call-choice=${this.onChoice}
          ></dah-incoming-call>`
        : nothing
    }
    ${this.notice ? html`<dah-toast .message=${this.notice}></dah-toast>` : nothing}`;
  }
}
