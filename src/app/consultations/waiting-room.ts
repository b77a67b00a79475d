import { msg, str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PushEvent, QueuePlace, QueueRequest } from '../../shared/consultations/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import * as consultationsApi from './api.js';

export type JoinRequest = Partial<QueueRequest> & Pick<QueueRequest, 'doctor'>;

/** A doctor admitted the resident: join this consultation's call. */
export class AdmittedEvent extends Event {
  static readonly type = 'admitted';
  constructor(readonly consultationId: string) {
    super(AdmittedEvent.type);
  }
}

/**
 * What the waiting room reads its place through: the one LiveQuery (api/live-query.ts), made by
 * whoever makes the room (ConsultationPlace). Described here rather than imported: state/contexts.ts
 * types this module, and live-query.ts reaches contexts.ts (no import cycles, check-structure.mjs).
 */
export interface PlaceQuery {
  start(): Promise<void>;
  stop(): void;
  refresh(): Promise<void>;
  change(update: (place: QueuePlace | null) => QueuePlace | null): void;
}

/** The LiveQuery's options the waiting room gives (api/live-query.ts LiveQueryOptions). */
export interface PlaceQueryOptions {
  read(): Promise<QueuePlace | null>;
  applied(place: QueuePlace | null): void;
  failed(error: unknown): void;
  pushed(event: PushEvent): void;
  overtakenByChange: 'drop';
}

/** Makes the room's LiveQuery; `changed`: the query's answer or a change was applied. */
export type PlaceQueryFactory = (options: PlaceQueryOptions, changed: () => void) => PlaceQuery;

/**
 * The resident's place in the virtual waiting room. The place lives on the server (a reload, a
 * power cut or standby loses nothing): this asks for it when the TV starts, keeps it alive with a
 * heartbeat while waiting, follows the pushed 'queue' events, and says when a doctor admits the
 * resident. One per app, provided by the app root; screens watch it with WaitingRoomWatcher.
 * @event change - the place, or what went wrong, changed
 * @event admitted - AdmittedEvent: a doctor admitted the resident
 */
export class WaitingRoom extends EventTarget {
  /** The server forgets a place after 10 minutes without a heartbeat; every 30 s is plenty. */
  static heartbeatMs = 30_000;

  /** The resident's place while waiting or just admitted; null when not in the queue. */
  place: QueuePlace | null = null;
  /** Whether the server has answered once (before that, nobody knows whether we wait). */
  loaded = false;
  /** What went wrong last, in words (what happened, what to do); the place is kept meanwhile. */
  problem: string | null = null;
  /** Said once when the server dropped the place (the wait expired). */
  notice: string | null = null;
  /** A request (join, leave) is under way. */
  busy = false;
  private timer: number | undefined;
  private active = false;
  /**
   * The place as the API has it, read through the one LiveQuery (api/live-query.ts): on start,
   * each time the push stream (re)opens, on a retry; only the latest read's answer is applied, and
   * not one a change here (a join, a leave, a pushed place) overtook, which is newer.
   */
  private readonly query: PlaceQuery;

  constructor(
    private readonly api: () => ApiClient,
    liveQuery: PlaceQueryFactory,
  ) {
    super();
    this.query = liveQuery(
      {
        read: async () => {
          try {
            return await consultationsApi.myQueuePlace(this.api());
          } catch (error) {
            if (error instanceof ApiRequestError && error.status === 404) return null;
            throw error;
          }
        },
        applied: (place) => {
          this.apply(place, false);
          this.problem = null;
          this.loaded = true;
        },
        failed: (error) => {
          this.problem = errorMessage(error);
          this.schedule();
          this.loaded = true;
        },
        pushed: (event) => this.onPush(event),
        overtakenByChange: 'drop',
      },
      () => this.changed(),
    );
  }

  get waiting(): boolean {
    return this.place?.status === 'waiting';
  }

  /** Signed in as a resident's TV: find out whether we are waiting, and follow the queue. */
  start(): Promise<void> {
    if (this.active) return Promise.resolve();
    this.active = true;
    document.addEventListener('visibilitychange', this.onVisible);
    // Read again each time the stream opens: admitted between the read and the stream opening,
    // that 'admitted' never comes.
    return this.query.start();
  }

  stop(): void {
    this.active = false;
    this.query.stop();
    document.removeEventListener('visibilitychange', this.onVisible);
    window.clearTimeout(this.timer);
  }

  /**
   * Forgets the place and what was said about it, stopped (a kiosk visit ended: the next resident
   * at the kiosk must not see whom it waited for).
   */
  forget(): void {
    this.stop();
    this.place = null;
    this.problem = null;
    this.notice = null;
    this.loaded = false;
    this.changed();
  }

  /**
   * GET /api/queue/mine: after a reload or a power cut the place comes back from the server.
   * Resolves once the place known is the latest read's (a read overtaken by a later one waits for it).
   */
  restore(): Promise<void> {
    return this.query.refresh();
  }

  /** Asks for a doctor. Resolves true once in the queue; on failure `problem` says why. */
  async join(request: JoinRequest): Promise<boolean> {
    this.busy = true;
    this.problem = null;
    this.notice = null;
    this.changed();
    try {
      this.apply(
        await consultationsApi.joinQueue(this.api(), { urgency: 'routine', reason: '', ...request }),
      );
      this.loaded = true;
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) {
        // Already waiting (another tab, a double press): the place we have is the answer.
        await this.restore();
        return this.waiting;
      }
      this.problem = errorMessage(error);
      // A read of the place under way started before this failure: its answer must not wipe the
      // problem out (the emergency screen would say 正在呼叫 with nothing under way).
      this.query.change(() => this.place);
      return false;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  /** Leaves the queue (DELETE). Resolves true once out; on failure `problem` says why. */
  async leave(): Promise<boolean> {
    this.busy = true;
    this.problem = null;
    this.changed();
    try {
      await consultationsApi.leaveQueue(this.api());
      this.apply(null);
      return true;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) {
        this.apply(null);
        return true;
      }
      this.problem = errorMessage(error);
      return false;
    } finally {
      this.busy = false;
      this.changed();
    }
  }

  private onPush(event: PushEvent): void {
    if (event.type !== 'queue') return;
    this.apply(event.place);
    this.problem = null;
    this.loaded = true;
    this.changed();
  }

  /** Back from standby: tell the server at once that we are still here. */
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.waiting) void this.heartbeat();
  };

  /** `change`: a join, a leave or a push, which makes any read under way out of date. */
  private apply(place: QueuePlace | null, change = true): void {
    const before = this.place;
    if (place && (place.status === 'left' || place.status === 'expired')) {
      if (place.status === 'expired')
        this.notice = msg('等了很久没有回应，排队已经取消。需要的话请重新排队。');
      place = null;
    }
    this.place = place;
    // A change made here: any read under way is older than it (and is dropped).
    if (change) this.query.change(() => place);
    this.schedule();
    const admitted = place?.status === 'admitted' ? place.consultationId : null;
    if (admitted && !(before?.status === 'admitted' && before.consultationId === admitted)) {
      this.dispatchEvent(new AdmittedEvent(admitted));
    }
  }

  /** The next heartbeat (while waiting) or retry (after a failed restore). */
  private schedule(): void {
    window.clearTimeout(this.timer);
    if (!this.active) return;
    if (this.waiting) {
      this.timer = window.setTimeout(() => void this.heartbeat(), WaitingRoom.heartbeatMs);
    } else if (this.problem && !this.place) {
      this.timer = window.setTimeout(() => void this.restore(), WaitingRoom.heartbeatMs);
    }
  }

  private async heartbeat(): Promise<void> {
    window.clearTimeout(this.timer);
    try {
      this.apply(await consultationsApi.queueHeartbeat(this.api()));
      this.problem = null;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 404) {
        // The server no longer has our place: it expired, or a doctor took it while we were away.
        this.problem = null;
        this.place = null;
        await this.restore();
        if (!this.place) this.notice = msg('等了很久没有回应，排队已经取消。需要的话请重新排队。');
      } else {
        // Offline for a moment: the server keeps the place for 10 minutes; keep trying.
        this.problem = msg('暂时连不上服务器，您的位置还保留着。网络恢复后会自动更新。');
        this.schedule();
      }
    }
    this.changed();
  }

  private changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Re-renders a screen whenever the waiting room changes. */
export class WaitingRoomWatcher implements ReactiveController {
  private room: WaitingRoom | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly get: () => WaitingRoom | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.room = this.get() ?? null;
    this.room?.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.room?.removeEventListener('change', this.onChange);
    this.room = null;
  }

  private readonly onChange = () => this.host.requestUpdate();
}

/** The place in words: 前面还有2位，大约等10分钟. */
export function positionText(place: QueuePlace): string {
  const ahead = place.position - 1;
  const minutes = place.estimatedWaitMinutes;
  if (ahead === 0) {
    return minutes <= 1
      ? msg('下一位就是您，医生马上就来。')
      : msg(str`下一位就是您，大约等${minutes}分钟。`);
  }
  return minutes <= 1
    ? msg(str`前面还有${ahead}位，医生很快就来。`)
    : msg(str`前面还有${ahead}位，大约等${minutes}分钟。`);
}
