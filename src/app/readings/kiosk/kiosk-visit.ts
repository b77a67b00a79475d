import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../../shared/identity/schemas.js';
import type { ReadingValues } from '../../../shared/readings/schemas.js';
import type { ApiClient } from '../../api/api-client.js';
import type { PushChannel } from '../../api/push-channel.js';
import type { UserActivity } from '../../input/user-activity.js';
import type { OutboxController } from '../../offline/outbox-controller.js';
import { kioskHome } from '../../home/paths.js';
import * as readingsApi from '../api.js';
import { kioskSelfService } from '../paths.js';
import { realClock, type VisitClock } from './visit-clock.js';

/** A visit left alone this long ends, and the screen forgets the resident (issue 14 §9). */
export const VISIT_IDLE_MS = 60_000;

/** The visit's own screens (routes.ts): identification and measuring, the doctor, the reorder. */
export const VISIT_SCREENS: readonly string[] = ['self-service', 'visit-consult', 'visit-medicines'];

/**
 * What the visit needs of the kiosk's place in the waiting room (consultations/consultation-place.ts),
 * by shape: state/contexts.ts carries this controller, so it imports nothing that imports contexts.
 */
export interface VisitPlace {
  visitChanged(live: boolean): void;
  readonly pushedSummaries: Map<string, unknown>;
  readonly waitingRoom: { readonly waiting: boolean; restore(): Promise<void> };
}

export interface KioskVisitOptions {
  api(): ApiClient;
  push: PushChannel;
  navigate(path: string): void;
  /** The kiosk's place in the waiting room: the visit's own while it lasts. */
  place: VisitPlace;
  /** The screen on show is a call. */
  inCall(): boolean;
  /** The kiosk's outbox: the visit's readings leave before the visit ends (they need it). */
  outbox: OutboxController;
  /** Every key and touch, from the key router: each restarts the visit's idle minute. */
  activity: UserActivity;
}

/**
 * A self-service visit beyond its own screen (issue 14 §9: measure, see a doctor and reorder in one
 * visit, no nurse present): who is visiting, the result to go back to, and the visit's end. While
 * it lasts the kiosk's push stream and waiting room run for it (the API grants a visit exactly that:
 * server access/roles.ts KIOSK_VISIT), the call and its summary open without staff, and the kiosk's
 * Home is the visit's result. A minute without a touch or a key ends it, except while the resident
 * waits for the doctor or is in the call (the self-service screen runs its own minute, which knows
 * its rest and the minute between readings). Its end forgets everything on this page and asks the
 * API to end the visit, which cuts the place, the call and the stream there too.
 */
export class KioskVisitController implements ReactiveController {
  static idleMs = VISIT_IDLE_MS;
  /** Tests give a clock they move on. */
  static clock: VisitClock = realClock;

  patient: { id: string; displayName: string } | null = null;
  /** The visit's id: its readings name it, so the outbox may deliver them after it ends. */
  id: string | null = null;
  /** The visit's result, shown again when the resident comes back from the doctor or the pharmacy. */
  result: ReadingValues | null = null;
  private cancelIdle: (() => void) | null = null;
  private stopListening: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    host: ReactiveControllerHost,
    private readonly options: KioskVisitOptions,
  ) {
    host.addController(this);
  }

  get live(): boolean {
    return this.patient !== null;
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stopWatching();
  }

  /** A session feature: a nurse signing in, or the kiosk signed out, ends a visit on this page. */
  sessionChanged(actor: SessionActor | null): void {
    if (!this.live) return;
    if (!(actor?.kind === 'kiosk' && actor.staff === null)) {
      void this.end();
      return;
    }
    // The session read again (the stream was refused, a reload of the session): a kiosk without a
    // nurse gets no stream of its own (session-controller.ts), the visit's goes on.
    this.options.push.open();
  }

  /** Tells `fn` of every change (begin, result, end); returns the function that stops it. */
  watch(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The resident identified: the visit's stream and waiting room start. */
  begin(visit: { id: string; patient: { id: string; displayName: string } }): void {
    this.patient = visit.patient;
    this.id = visit.id;
    this.result = null;
    this.options.push.open();
    this.options.place.visitChanged(true);
    this.stopListening?.();
    this.stopListening = this.options.activity.subscribe(this.restartIdle);
    this.restartIdle();
    this.changed();
  }

  setResult(values: ReadingValues): void {
    this.result = values;
    this.changed();
  }

  /** Screens of the visit beyond its own: they open without staff while it lasts. */
  isVisitScreen(screen: string | undefined): boolean {
    return this.live && (screen === 'call' || screen === 'summary');
  }

  /** A path that keeps the visit: its own screens, and its call and summary while it lasts. */
  keepsVisit(pathname: string): boolean {
    return this.live && /^\/kiosk\/(self-service$|visit\/|call\/|summary\/)/.test(pathname);
  }

  /**
   * The screen on show changed: anything but the visit's screens (Back to the kiosk's start, the
   * staff sign-in) ends the visit. The self-service screen ends it itself (its readings go first).
   */
  routeChanged(screen: string | undefined): void {
    if (!this.live || screen === undefined || VISIT_SCREENS.includes(screen) || this.isVisitScreen(screen))
      return;
    void this.end();
  }

  /** Where a navigation goes: the kiosk's Home during a visit is the visit's result. */
  destination(path: string): string {
    return this.live && path === kioskHome.build() ? kioskSelfService.build() : path;
  }

  /**
   * Ends the visit: this page forgets the resident at once (the stream closes, the place is
   * dropped, any call screen leaves for the start); the readings taken leave the outbox (the visit
   * is what lets this kiosk write them); then the API ends the visit and cuts the rest.
   */
  async end(): Promise<void> {
    if (!this.live) return;
    this.patient = null;
    this.id = null;
    this.result = null;
    this.stopWatching();
    this.options.place.visitChanged(false);
    this.options.place.pushedSummaries.clear();
    this.options.push.close();
    this.changed();
    if (window.location.pathname !== kioskSelfService.build())
      this.options.navigate(kioskSelfService.build());
    await this.settleOutbox().catch(() => undefined);
    await readingsApi.endKioskVisit(this.options.api()).catch(() => undefined);
  }

  private async settleOutbox(): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const waiting = (await this.options.outbox.pending('reading')).filter(
        (item) => item.state === 'waiting',
      );
      if (waiting.length === 0) return;
      await (await this.options.outbox.ready()).flush();
    }
  }

  private stopWatching(): void {
    this.stopListening?.();
    this.stopListening = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
  }

  private readonly restartIdle = () => {
    this.cancelIdle?.();
    this.cancelIdle = KioskVisitController.clock.after(KioskVisitController.idleMs, this.expire);
  };

  private readonly expire = () => {
    this.cancelIdle = null;
    if (!this.live) return;
    const onOwnScreen = window.location.pathname === kioskSelfService.build();
    // Waiting for the doctor or in the call is not idleness; the self-service screen keeps its own minute.
    const busy = this.options.place.waitingRoom.waiting || this.options.inCall();
    if (onOwnScreen || busy) {
      // Reading the place keeps the API's visit going as long as the wait and the call last.
      if (busy) void this.options.place.waitingRoom.restore().catch(() => undefined);
      this.restartIdle();
      return;
    }
    void this.end();
  };

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
