import type { ReactiveController, ReactiveElement } from 'lit';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import { LatestRead, type ReadOutcome } from './latest-read.js';
import type { PushChannel } from './push-channel.js';
import { PushListenerController } from './push-listener.js';

export interface LiveQueryOptions<T> {
  read(): Promise<T>;
  /** A pushed event: call `query.refresh()` for one that says the list changed, or `query.change()`. */
  pushed?(event: PushEvent, query: LiveQuery<T>): void;
  /** After each applied read (the host is connected): e.g. sound the alert for a new urgent request. */
  applied?(value: T): void;
  /** After a failed read (the last value stays). */
  failed?(error: unknown): void;
  /**
   * A read under way when a change is made here: read again (default: the change may be only part
   * of the news) or drop it (the change is the newer news: a join, a leave, a pushed place).
   */
  overtakenByChange?: 'read-again' | 'drop';
}

/**
 * What a LiveQuery lives in when it is not a screen: an object that lives as long as a session
 * (the waiting room), with the app's push channel, told of each change, and started and stopped
 * by its owner (`start()`, `stop()`).
 */
export interface LiveQueryOwner {
  readonly push: PushChannel;
  requestUpdate(): void;
}

/**
 * One way to keep a screen's list fresh: read on open, read again each time the push stream
 * (re)opens (what changed before it opened never comes as an event), on the events that say so,
 * and whenever the host asks (its MinuteClock, after an action); a read overtaken by a later one,
 * or by a change made here meanwhile, is not applied (LatestRead). A failed read keeps the last
 * value and says why in `error`. A screen's query lives while the screen is connected; a
 * session's (LiveQueryOwner) between its owner's `start()` and `stop()`.
 */
export class LiveQuery<T> implements ReactiveController {
  value: T | null = null;
  error: unknown = null;
  private readonly reads: LatestRead<T>;
  /** A session's query: between start() and stop(); its push subscription meanwhile. */
  private started = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveElement | LiveQueryOwner,
    private readonly options: LiveQueryOptions<T>,
  ) {
    this.reads = new LatestRead(
      options.read,
      (outcome) => this.settle(outcome),
      options.overtakenByChange ?? 'read-again',
    );
    if (isElement(host)) {
      new PushListenerController(host, this.onPush, this.onOpened);
      host.addController(this);
    }
  }

  hostConnected(): void {
    void this.refresh();
  }

  /** A session's query: follow the push channel and read now; resolves once the first read settled. */
  start(): Promise<void> {
    if (isElement(this.host)) return this.refresh();
    this.started = true;
    this.unsubscribe?.();
    this.unsubscribe = this.host.push.subscribe(this.onPush, this.onOpened);
    return this.refresh();
  }

  /** A session's query ends: no more reads applied, no more events heard. */
  stop(): void {
    this.started = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  refresh(): Promise<void> {
    return this.reads.refresh();
  }

  /** A change made here (a pushed item, an answer): applied now; a read under way is read again or dropped. */
  change(update: (value: T | null) => T): void {
    this.reads.changed();
    this.value = update(this.value);
    this.host.requestUpdate();
  }

  private readonly onPush = (event: PushEvent) => this.options.pushed?.(event, this);
  private readonly onOpened = () => void this.refresh();

  private get live(): boolean {
    return isElement(this.host) ? this.host.isConnected : this.started;
  }

  private settle(outcome: ReadOutcome<T>): void {
    // Gone meanwhile: nothing to show, and no alert for a screen nobody sees.
    if (!this.live) return;
    if (outcome.ok) {
      this.value = outcome.value;
      this.error = null;
      this.options.applied?.(outcome.value);
    } else {
      this.error = outcome.error;
      this.options.failed?.(outcome.error);
    }
    this.host.requestUpdate();
  }
}

function isElement(host: ReactiveElement | LiveQueryOwner): host is ReactiveElement {
  return 'addController' in host;
}
