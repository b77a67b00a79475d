import { createContext } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConsultationSummaryNote, PushEvent } from '../../shared/consultation-schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { PushChannel } from '../api/push-channel.js';
import { preloadCall, prefetchCallToken } from '../call/call-prefetch.js';
import { matchRoute } from '../router/routes.js';
import { AdmittedEvent, WaitingRoom } from '../tv/waiting-room.js';

export interface KioskCallOptions {
  api(): ApiClient;
  push: PushChannel;
  /** Navigates as the app root does (focus remembered, history entry). */
  navigate(path: string): void;
  /** A call comes before any open question: close the dialogs. */
  interrupt(): void;
}

/** The kiosk's one waiting room (the place it asked for), for its screens. */
export const kioskWaitingRoomContext = createContext<WaitingRoom>(Symbol('kiosk-waiting-room'));

/**
 * A care-home kiosk's consultations, on any of its screens, while a nurse is signed in: the place
 * the kiosk asked for (the server keeps it: a reload finds it, the heartbeat keeps it), admission
 * (into the call, /kiosk/call/<id>), and the end of the call with the doctor's summary
 * (/kiosk/summary/<id>; from there back to the resident list). The same waiting room as a TV's:
 * the API answers a kiosk with the kiosk's place.
 */
export class KioskCallController implements ReactiveController {
  /** How long 医生来了，正在接通… shows before the call opens. */
  static admittedPauseMs = 1500;

  readonly waitingRoom: WaitingRoom;
  /** Summaries pushed with 'ended': the summary screen shows them should loading fail. */
  readonly pushedSummaries = new Map<string, ConsultationSummaryNote | null>();
  private unsubscribe: (() => void) | null = null;
  private admitTimer: number | undefined;
  private active = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: KioskCallOptions,
  ) {
    host.addController(this);
    this.waitingRoom = new WaitingRoom(options.api, options.push);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.signedIn(false);
  }

  /**
   * The app root says whether a kiosk with a nurse signed in is here. A kiosk that starts at its
   * resident list while it waits for a doctor opens its waiting room again (after a reload).
   */
  signedIn(nurse: boolean): void {
    if (nurse === this.active) return;
    this.active = nurse;
    if (nurse) {
      this.unsubscribe = this.options.push.subscribe(this.onPush);
      this.waitingRoom.addEventListener(AdmittedEvent.type, this.onAdmitted);
      const startedAt = window.location.pathname;
      void this.waitingRoom.start().then(() => {
        const stillHome = window.location.pathname === startedAt && matchRoute(startedAt)?.screen === 'home';
        if (this.active && stillHome && this.waitingRoom.waiting) this.options.navigate('/kiosk/waiting');
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
    if (event.type !== 'ended') return;
    this.pushedSummaries.set(event.consultationId, event.summary);
    // Without a summary the call screen says the call ended and leads back to the list itself.
    if (event.summary) {
      this.options.interrupt();
      this.options.navigate(`/kiosk/summary/${event.consultationId}`);
    }
  };

  private readonly onAdmitted = (event: Event) => {
    const { consultationId } = event as AdmittedEvent;
    // As on the TV: the call's code and token while 医生来了 shows.
    preloadCall();
    prefetchCallToken(this.options.api(), consultationId);
    window.clearTimeout(this.admitTimer);
    this.admitTimer = window.setTimeout(() => {
      if (!this.active) return;
      this.options.interrupt();
      this.options.navigate(`/kiosk/call/${consultationId}`);
    }, KioskCallController.admittedPauseMs);
  };
}
