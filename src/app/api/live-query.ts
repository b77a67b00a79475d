import type { ReactiveController, ReactiveElement } from 'lit';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import { LatestRead, type ReadOutcome } from './latest-read.js';
import { PushListenerController } from './push-listener.js';

export interface LiveQueryOptions<T> {
  read(): Promise<T>;
  /** A pushed event: call `query.refresh()` for one that says the list changed, or `query.change()`. */
  pushed?(event: PushEvent, query: LiveQuery<T>): void;
  /** After each applied read (the host is connected): e.g. sound the alert for a new urgent request. */
  applied?(value: T): void;
  /** After a failed read (the last value stays). */
  failed?(error: unknown): void;
}

/**
 * One way to keep a screen's list fresh: read on open, read again each time the push stream
 * (re)opens (what changed before it opened never comes as an event), on the events that say so,
 * and whenever the host asks (its MinuteClock, after an action); a read overtaken by a later one,
 * or by a change made here meanwhile, is not applied (LatestRead, 'read-again'). A failed read
 * keeps the last value and says why in `error`.
 */
export class LiveQuery<T> implements ReactiveController {
  value: T | null = null;
  error: unknown = null;
  private readonly reads: LatestRead<T>;

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: LiveQueryOptions<T>,
  ) {
    this.reads = new LatestRead(options.read, (outcome) => this.settle(outcome), 'read-again');
    new PushListenerController(
      host,
      (event) => options.pushed?.(event, this),
      () => void this.refresh(),
    );
    host.addController(this);
  }

  hostConnected(): void {
    void this.refresh();
  }

  refresh(): Promise<void> {
    return this.reads.refresh();
  }

  /** A change made here (a pushed item, an answer): applied now; a read under way is read again. */
  change(update: (value: T | null) => T): void {
    this.reads.changed();
    this.value = update(this.value);
    this.host.requestUpdate();
  }

  private settle(outcome: ReadOutcome<T>): void {
    // Gone meanwhile: nothing to show, and no alert for a screen nobody sees.
    if (!this.host.isConnected) return;
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
