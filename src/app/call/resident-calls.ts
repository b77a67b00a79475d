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
import { preloadCallScreen } from './call-layer.js';
import * as consultationsApi from '../consultations/api.js';

type Ring = Extract<PushEvent, { type: 'ring' }>;

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
 * What reaches a resident's TV over the push channel, on any screen: a doctor calling (the
 * full-screen incoming call, its ringtone and auto-answer countdown), the ringing stopping (a
 * short 未接来电 message); admission from the waiting room and the end of a consultation through
 * its ConsultationPlace, which it shares with the kiosk. The app root creates one, tells it when a
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
  private ring: Ring | null = null;
  private countdown: number | null = null;
  private answering = false;
  private error = '';
  private notice = '';
  private opener: HTMLElement | null = null;
  /** The consultation whose call screen is drawn under the ringing. */
  private prepared: string | null = null;
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
    return this.ring !== null;
  }

  /** The consultation whose call screen the app root draws under the ringing, the screen on show hidden. */
  get preparedCall(): string | null {
    return this.prepared;
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
      this.dismiss(false);
    }
  }

  /** OK on 接听, or the green key: answer, then into the call. False when nothing rings. */
  answer(): boolean {
    const ring = this.ring;
    if (!ring) return false;
    if (this.answering) return true;
    this.answering = true;
    this.error = '';
    this.stopRinging();
    this.host.requestUpdate();
    consultationsApi
      .answer(this.options.api(), ring.consultationId, this.options.calls.standingBy(ring.consultationId))
      .then(
        ({ call, standbyAdmitted }) => {
          if (this.ring !== ring) return;
          // The call starts now: the standby carries on, or a connection with the answer's token;
          // the call screen drawn under the ringing takes it over (ringing over another call, the
          // one the app navigates to). The ringing, saying 正在接通, goes once the main thread is
          // idle, or after a moment at the latest: a full-screen repaint at once held the call's
          // first requests back (bench/call-answer.ts).
          this.options.calls.startCall(ring.consultationId, call, standbyAdmitted);
          window.requestIdleCallback(
            () => {
              if (this.ring !== ring) {
                // Back in that moment: the call that already started hangs up, not 15 s later
                // (the screen drawn under the ringing hung it up as it went).
                void this.options.calls
                  .takeStartedCall(ring.consultationId)
                  ?.then((started) => started?.session.leave());
                return;
              }
              // The address first: the prepared screen then stays as it is, the same element.
              this.options.navigate(tvCall.build({ consultationId: ring.consultationId }));
              this.dismiss(false);
            },
            { timeout: ResidentCallController.callScreenWithinMs },
          );
        },
        (error: unknown) => {
          if (this.ring !== ring) return;
          this.answering = false;
          if (error instanceof ApiRequestError && [403, 404, 409].includes(error.status)) {
            // The call is over (the doctor hung up, another screen answered).
            this.dismiss(true);
            this.say(msg('医生已经挂断了这个电话。需要的话，请在“视频问诊”里找医生。'));
          } else {
            // Network trouble: the call is still there; one more press tries again.
            this.error = errorMessage(error);
            this.host.requestUpdate();
          }
        },
      );
    return true;
  }

  /** Back or 拒接: decline. False when nothing rings. */
  decline(): boolean {
    const ring = this.ring;
    if (!ring) return false;
    this.dismiss(true);
    // If this does not arrive, the doctor's side stops ringing after its own timeout.
    consultationsApi.decline(this.options.api(), ring.consultationId).catch(() => undefined);
    return true;
  }

  private readonly onPush = (event: PushEvent) => {
    switch (event.type) {
      case 'ring':
        return this.startRinging(event);
      case 'ring-cancelled':
        if (this.ring?.consultationId !== event.consultationId || this.answering) return;
        this.say(
          event.answeredElsewhere
            ? msg('这个视频电话已经在另一台电视上接听了。')
            : this.missedText(this.ring),
        );
        this.dismiss(true);
        return;
      case 'ended':
        // The place then shows the summary.
        if (this.ring?.consultationId === event.consultationId) this.dismiss(true);
        return;
      default:
        return;
    }
  };

  private startRinging(ring: Ring): void {
    if (this.ring?.consultationId === ring.consultationId) return;
    // While it rings: the call's code loads, so answering connects without waiting for it.
    preloadCall();
    preloadCallScreen();
    if (window.location.pathname === tvCall.build({ consultationId: ring.consultationId })) return;
    if (!this.ring) {
      this.options.interrupt();
      const active = deepActiveElement();
      this.opener = active instanceof HTMLElement ? active : null;
    }
    this.stopRinging();
    this.releasePrepared();
    // Over another call, that call stays on screen until this one is answered.
    if (matchPath(tvCall.pattern, window.location.pathname) === null) {
      this.options.calls.prepareCall(this.options.api(), ring.consultationId);
      this.prepared = ring.consultationId;
    }
    this.ring = ring;
    this.answering = false;
    this.error = '';
    this.ringtone.start();
    this.countdown = ring.autoAnswerSeconds;
    if (this.countdown !== null) {
      this.countdownTimer = window.setInterval(() => {
        if (this.countdown === null) return;
        this.countdown -= 1;
        if (this.countdown <= 0) this.answer();
        else this.host.requestUpdate();
      }, ResidentCallController.countdownTickMs);
    }
    this.host.requestUpdate();
  }

  private stopRinging(): void {
    this.ringtone.stop();
    window.clearInterval(this.countdownTimer);
    this.countdown = null;
  }

  /** Takes the incoming call away; `restoreFocus`: back to where focus was before it rang. */
  private dismiss(restoreFocus: boolean): void {
    this.stopRinging();
    const hadRing = this.ring !== null;
    this.ring = null;
    this.answering = false;
    this.error = '';
    this.releasePrepared();
    this.host.requestUpdate();
    const opener = this.opener;
    this.opener = null;
    if (hadRing && restoreFocus && opener) {
      void (this.host.updateComplete ?? Promise.resolve()).then(() => {
        if (opener.isConnected) opener.focus({ preventScroll: true });
      });
    }
  }

  /** The screen on show comes back in place of the call screen drawn under the ringing. */
  private releasePrepared(): void {
    if (this.prepared) this.options.calls.abandonCall(this.prepared);
    this.prepared = null;
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
    const ring = this.ring;
    return html`${
      ring
        ? html`<dah-incoming-call
            .caller=${ring.caller}
            .reason=${ring.reason}
            .countdown=${this.countdown}
            .busy=${this.answering}
            .error=${this.error}
            @dah-incoming-call-choice=${this.onChoice}
          ></dah-incoming-call>`
        : nothing
    }
    ${this.notice ? html`<dah-toast .message=${this.notice}></dah-toast>` : nothing}`;
  }
}
