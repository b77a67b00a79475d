import { ContextProvider, type Context } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../shared/identity/schemas.js';
import type { ApiClient } from './api/api-client.js';
import type { PushChannel } from './api/push-channel.js';
import type { CallPrefetch } from './call/call-prefetch.js';
import { ResidentCallController } from './call/resident-calls.js';
import { ConsultationPlace } from './consultations/consultation-place.js';
import { KioskIdleController } from './identity/kiosk-idle.js';
import type { UserActivity } from './input/user-activity.js';
import { ScheduleReminders } from './schedule/schedule-reminders.js';
import { OutboxController } from './offline/outbox-controller.js';
import { PharmacyFeature } from './pharmacy/pharmacy-feature.js';
import { KioskVisitController } from './readings/kiosk/kiosk-visit.js';
import { routeDef, type Route } from './router/routes.js';
import type { SessionFeature } from './shell/session-controller.js';
import * as contexts from './state/contexts.js';
import type { Surface } from './state/session.js';

export interface FeatureOptions {
  api(): ApiClient;
  push: PushChannel;
  /** Navigates as the app root does (focus remembered, history entry). */
  navigate(path: string): void;
  /** A call comes before any open question: close the dialogs (as Back would). */
  interrupt(): void;
  /** The app's calls begun before their screen opens (token, standby, the answered call). */
  calls: CallPrefetch;
  /** The screen on show is a call. */
  inCall(): boolean;
  /** Every key and touch, announced by the key router: the kiosk's idle timers subscribe. */
  activity: UserActivity;
  /** Who is signed in now (the kiosk's idle sign-out changes it). */
  actor(): SessionActor | null;
  setActor(actor: SessionActor | null): void;
}

/**
 * The features' controllers that live as long as a session, one list: each hears every sign-in
 * and sign-out (shell/session-controller.ts). The outbox and the pharmacy's reminders among them.
 * What of them the screens read is provided from `host` as contexts (state/contexts.ts).
 */
export function createFeatures(
  host: ReactiveControllerHost & HTMLElement,
  options: FeatureOptions,
  surface: () => Surface,
) {
  /** A resident's TV: ringing, the waiting room, admission and the end of a call, on any screen. */
  const residentCalls = new ResidentCallController(host, options);
  /** A care-home kiosk with a nurse signed in: the place it asked for, admission, the end of the call. */
  const kioskCalls = new ConsultationPlace(host, { ...options, surface: 'kiosk' });
  /** A kiosk left alone signs its nurse out, unless a resident is waiting or in a call. */
  const kioskIdle = new KioskIdleController(host, {
    api: options.api,
    activity: options.activity,
    busy: () => kioskCalls.waitingRoom.waiting || options.inCall(),
    signedOut: (actor) => {
      const kiosk = options.actor();
      options.setActor(
        actor === undefined && kiosk?.kind === 'kiosk' ? { ...kiosk, staff: null } : (actor ?? null),
      );
    },
  });
  /** A resident's TV: the evening-before and morning-of reminders of visits and appointments. */
  const reminders = new ScheduleReminders(host, options);
  /** A TV's or kiosk's writes kept on disk until the API has them (readings, reorders, reminder answers). */
  const outbox = new OutboxController({ csrfToken: () => options.api().csrf }, host);
  /** A resident's TV: order status toasts and medication reminders (never over a call or a ring). */
  const pharmacy = new PharmacyFeature(host, {
    ...options,
    outbox,
    busy: () => residentCalls.ringing || options.inCall(),
  });
  /** A health station's kiosk: a resident's self-service visit (measure, a doctor, a reorder) and its end. */
  const kioskVisit = new KioskVisitController(host, { ...options, place: kioskCalls, outbox });
  const list: SessionFeature[] = [
    residentCalls,
    kioskCalls,
    kioskIdle,
    reminders,
    outbox,
    pharmacy,
    kioskVisit,
  ];
  const provide = <T>(context: Context<unknown, T>, value: T) =>
    new ContextProvider(host, { context, initialValue: value });
  provide(contexts.waitingRoomContext, residentCalls.place.waitingRoom);
  provide(contexts.kioskWaitingRoomContext, kioskCalls.waitingRoom);
  provide(contexts.outboxContext, outbox);
  provide(contexts.kioskVisitContext, kioskVisit);
  // A summary the push stream brought with the end of a consultation on this surface.
  provide(contexts.pushedSummaryContext, (consultationId: string) =>
    (surface() === 'kiosk' ? kioskCalls : residentCalls.place).pushedSummaries.get(consultationId),
  );
  /** Opens with no nurse signed in: the route says so, or it is a self-service visit's call or summary while the visit lasts. */
  const opensWithoutStaff = (route: Route | null) =>
    route !== null && (routeDef(route)?.withoutStaff === true || kioskVisit.isVisitScreen(route.screen));
  return { residentCalls, kioskCalls, kioskVisit, reminders, outbox, pharmacy, list, opensWithoutStaff };
}
