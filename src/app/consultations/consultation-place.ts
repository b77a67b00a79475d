import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsultationSummaryNote, PushEvent } from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import { LiveQuery } from '../api/live-query.js';
import type { PushChannel } from '../api/push-channel.js';
import { preloadCall, type CallPrefetch } from '../call/call-prefetch.js';
import { isHomePath } from '../home/paths.js';
import { AdmittedEvent, WaitingRoom } from './waiting-room.js';
import { summaryPath, waitingPath } from './paths.js';
import { callPath } from '../call/paths.js';
import { preloadCallScreen } from '../call/call-layer.js';

export interface ConsultationPlaceOptions {
  /** Whose screens: a resident's TV, or a care-home kiosk asking for one of its residents. */
  surface: 'tv' | 'kiosk';
  api(): ApiClient;
  push: PushChannel;
  /** Navigates as the app root does (focus remembered, history entry). */
  navigate(path: string): void;
  /** A call comes before any open question: close the dialogs (as Back would). */
  interrupt(): void;
  /** The app's calls begun before their screen opens: the token is asked for on admission. */
  calls: CallPrefetch;
  /** Every push event, before this controller acts on it (the TV's ringing). */
  onPush?(event: PushEvent): void;
}

/**
 * A TV's or a kiosk's place in the waiting room and what follows from it, on any of its screens:
 * the place itself (the server keeps it: a device that starts at Home while it waits opens the
 * waiting room again), admission (医生来了, then into the call), and the end of a consultation
 * with its summary. The app root tells it when the device is signed in.
 */
export class ConsultationPlace implements ReactiveController {
  /** How long 医生来了，正在接通… shows before the call opens. */
  static admittedPauseMs = 1500;

  readonly waitingRoom: WaitingRoom;
  /** Summaries pushed with 'ended': the summary screen shows them should loading fail. */
  readonly pushedSummaries = new Map<string, ConsultationSummaryNote | null>();
  private unsubscribe: (() => void) | null = null;
  private admitTimer: number | undefined;
  private active = false;
  private staff = false;
  private visit = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ConsultationPlaceOptions,
  ) {
    host.addController(this);
    this.waitingRoom = new WaitingRoom(
      options.api,
      (queryOptions, changed) => new LiveQuery({ push: options.push, requestUpdate: changed }, queryOptions),
    );
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.signedIn(false);
  }

  /**
   * A session feature (shell/session-controller.ts), for the kiosk: active while a nurse is signed
   * in. (A TV's place follows its ResidentCallController.)
   */
  sessionChanged(actor: SessionActor | null): void {
    this.staff = actor?.kind === 'kiosk' && actor.staff !== null;
    this.signedIn(this.staff || this.visit);
  }

  /**
   * A self-service visit begins or ends on the kiosk (readings/kiosk/kiosk-visit.ts): its place is
   * the visit's own, so it is followed from the start of the visit to its end, and not beyond.
   */
  visitChanged(live: boolean): void {
    this.visit = live;
    this.signedIn(this.staff || this.visit);
    if (!live && !this.staff) this.waitingRoom.forget();
  }

  signedIn(signedIn: boolean): void {
    if (signedIn === this.active) return;
    this.active = signedIn;
    if (signedIn) {
      this.unsubscribe = this.options.push.subscribe(this.onPush);
      this.waitingRoom.addEventListener(AdmittedEvent.type, this.onAdmitted);
      const startedAt = window.location.pathname;
      void this.waitingRoom.start().then(() => {
        const stillHome = window.location.pathname === startedAt && isHomePath(startedAt);
        if (this.active && stillHome && this.waitingRoom.waiting)
          this.options.navigate(waitingPath(this.options.surface));
      });
    } else {
      this.unsubscribe?.();
      this.unsubscribe = null;
      this.waitingRoom.removeEventListener(AdmittedEvent.type, this.onAdmitted);
      this.waitingRoom.stop();
      window.clearTimeout(this.admitTimer);
    }
  }

  private readonly onPush = (event: PushEvent) => {
    this.options.onPush?.(event);
    if (event.type !== 'ended') return;
    this.pushedSummaries.set(event.consultationId, event.summary);
    // Without a summary the call screen says the call ended and leads back by itself.
    if (event.summary) {
      this.options.interrupt();
      this.options.navigate(summaryPath(this.options.surface, event.consultationId));
    }
  };

  private readonly onAdmitted = (event: Event) => {
    const { consultationId } = event as AdmittedEvent;
    // The call's code and token while 医生来了 shows.
    preloadCall();
    preloadCallScreen();
    this.options.calls.prefetchCallToken(this.options.api(), consultationId);
    window.clearTimeout(this.admitTimer);
    this.admitTimer = window.setTimeout(() => {
      if (!this.active) return;
      this.options.interrupt();
      this.options.navigate(callPath(this.options.surface, consultationId));
    }, ConsultationPlace.admittedPauseMs);
  };
}
