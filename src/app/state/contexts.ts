// Every shared piece of state the app root provides, one line each (Home Assistant's
// src/data/context/index.ts). Consumers pick the one they need with @consume.
import { createContext } from '@lit/context';
import type { SessionActor } from '../../shared/identity/schemas.js';
import type { ConsultationSummaryNote } from '../../shared/consultations/schemas.js';
import type { ApiClient } from '../api/api-client.js';
import type { CallPrefetch } from '../call/call-prefetch.js';
import type { PushChannel } from '../api/push-channel.js';
import type { OutboxController } from '../offline/outbox-controller.js';
import type { WaitingRoom } from '../consultations/waiting-room.js';
import type { KioskVisitController } from '../readings/kiosk/kiosk-visit.js';
import type { UserActivity } from '../input/user-activity.js';
import type { HomeTile } from '../router/route.js';
import type { ConnectionStatus } from './connection.js';
import type { Settings } from './settings.js';

/** The API client, provided once by the app root. */
export const apiContext = createContext<ApiClient>(Symbol('api'));

/** The one push stream (server-sent events) while someone is signed in. */
export const pushContext = createContext<PushChannel>(Symbol('push'));

/** Who this page is signed in as (a clinician, a TV's resident, a kiosk), or null. */
export const sessionContext = createContext<SessionActor | null>(Symbol('session'));

/** The person's settings on this device (text size, voice guidance, language). */
export const settingsContext = createContext<Settings>(Symbol('settings'));

/** Whether the API answers: online, or offline until a check succeeds again. */
export const connectionContext = createContext<ConnectionStatus>(Symbol('connection'));

/** A resident's TV: its one place in the waiting room, kept by the app root for every screen. */
export const waitingRoomContext = createContext<WaitingRoom>(Symbol('waiting-room'));

/** A care-home kiosk: the place it asked for on behalf of a resident (the same shape as a TV's). */
export const kioskWaitingRoomContext = createContext<WaitingRoom>(Symbol('kiosk-waiting-room'));

/** A health station's kiosk: the resident's self-service visit (who, the result, its end). */
export const kioskVisitContext = createContext<KioskVisitController>(Symbol('kiosk-visit'));

/** Every key and touch of the person at the screen, announced by the key router (idle timers subscribe). */
export const userActivityContext = createContext<UserActivity>(Symbol('user-activity'));

/** The TV's Home tiles, from the route registry (router/registry.ts). */
export const homeTilesContext = createContext<(HomeTile & { screen: string; path: string })[]>(
  Symbol('home-tiles'),
);

/** A summary the push stream brought with a consultation's end, before the API is asked for it. */
export const pushedSummaryContext = createContext<
  (consultationId: string) => ConsultationSummaryNote | null | undefined
>(Symbol('pushed-summary'));

/** Calls begun before their screen opens (a prefetched token, a standby, an answered call). */
export const callPrefetchContext = createContext<CallPrefetch>(Symbol('call-prefetch'));

/** The device's outbox: writes kept on disk until the API has them (reorders, reminder answers, readings). */
export const outboxContext = createContext<OutboxController>(Symbol('outbox'));
