import type { ApiErrorCode } from '../../shared/api-errors.js';
import type { PushEvent } from '../../shared/consultations/schemas.js';

export type PushListener = (event: PushEvent) => void;

const REFUSED_FIRST_WAIT_MS = 2000;
const REFUSED_LONGEST_WAIT_MS = 60_000;

/**
 * The one push channel from the API (GET /api/events, server-sent events): ringing, the queue
 * position, invitations, the end of a call. EventSource reconnects by itself and sends the last
 * event id it saw, so the API replays whatever was missed during a brief disconnect. A fresh
 * stream starts from its own moment, though: what changed between a screen's request and that
 * moment never comes as an event, so a screen that lists something reads it again when the
 * channel opens (subscribe's `opened`).
 */
export class PushChannel {
  private source: EventSource | null = null;
  private readonly listeners = new Set<PushListener>();
  private readonly openListeners = new Set<() => void>();
  /** Waits before asking to sign in again after a refusal; doubles up to a minute. */
  private refusedWaitMs = REFUSED_FIRST_WAIT_MS;
  private refusedTimer: ReturnType<typeof setTimeout> | undefined;
  /** The newest event id handled: a replayed or repeated event is not handled twice. */
  private lastId = 0;
  /** Whether the owner wants the channel open (between open and close). */
  private wanted = false;

  /**
   * Called when the API refuses the stream for good: its session ended (expired, revoked, signed
   * out: the API closes the stream then, and the reconnection is refused) or too many streams are
   * open. EventSource gives up after such an answer; the owner signs in again and reopens.
   */
  onRefused: (() => void) | null = null;

  /**
   * Why the API last refused the stream when signing in again cannot help (too_many_streams: the
   * app is open on too many screens), or null while the stream is open or was never refused so.
   * `onRefusal` hears each change, so the app can say it in words (error-messages.ts).
   */
  refusal: ApiErrorCode | null = null;
  onRefusal: ((code: ApiErrorCode | null) => void) | null = null;

  constructor(private readonly url = '/api/events') {}

  /** Opens the channel (once signed in); calling it again while open does nothing. */
  open(): void {
    this.wanted = true;
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    this.source = new EventSource(this.url, { withCredentials: true });
    this.source.onerror = () => {
      // While CONNECTING, EventSource retries by itself; CLOSED means the API said no.
      if (this.source?.readyState !== EventSource.CLOSED) return;
      this.source = null;
      void this.refused();
    };
    this.source.onopen = () => {
      this.refusedWaitMs = REFUSED_FIRST_WAIT_MS;
      this.setRefusal(null);
      this.reopened();
    };
    // Away longer than the API replays: what was missed is gone, so every screen reads its state
    // again, as on a fresh stream; events carry on from the id the reset names.
    this.source.addEventListener('reset', (message) => {
      const id = Number((message as MessageEvent<string>).lastEventId);
      if (Number.isSafeInteger(id) && id > 0) this.lastId = id;
      this.reopened();
    });
    this.source.onmessage = (message: MessageEvent<string>) => {
      // Ids increase; one already handled (a replay overlapping what arrived) is dropped.
      const id = Number(message.lastEventId);
      if (message.lastEventId !== '' && Number.isSafeInteger(id)) {
        if (id <= this.lastId) return;
        this.lastId = id;
      }
      let event: PushEvent;
      try {
        event = JSON.parse(message.data) as PushEvent;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) listener(event);
    };
  }

  /**
   * EventSource gives up on a refusal without saying why (it cannot read the status), so one
   * plain request asks. Too many streams: signing in again would not help, so the channel says so
   * and tries again itself, later each time; otherwise (the session ended) the owner signs in
   * again. Either way it waits 2 s, doubling up to a minute, so a refused app does not hammer.
   */
  private async refused(): Promise<void> {
    const code = await this.whyRefused();
    // Closed by the owner meanwhile (signed out), or reopened: nothing to retry.
    if (this.source || !this.wanted) return;
    const wait = this.refusedWaitMs;
    this.refusedWaitMs = Math.min(wait * 2, REFUSED_LONGEST_WAIT_MS);
    clearTimeout(this.refusedTimer);
    if (code === 'too_many_streams') {
      this.setRefusal(code);
      this.refusedTimer = setTimeout(() => this.open(), wait);
    } else {
      this.refusedTimer = setTimeout(() => this.onRefused?.(), wait);
    }
  }

  /** The error code the API answers the stream's request with now; null if it opens or cannot say. */
  private async whyRefused(): Promise<ApiErrorCode | null> {
    const aborter = new AbortController();
    try {
      const response = await fetch(this.url, {
        credentials: 'include',
        headers: { accept: 'text/event-stream' },
        signal: aborter.signal,
      });
      if (response.ok) return null;
      const body = (await response.json()) as { error?: { code?: ApiErrorCode } } | null;
      return body?.error?.code ?? null;
    } catch {
      return null;
    } finally {
      // A stream that opened after all is not kept: the EventSource is the one channel.
      aborter.abort();
    }
  }

  private setRefusal(code: ApiErrorCode | null): void {
    if (code === this.refusal) return;
    this.refusal = code;
    this.onRefusal?.(code);
  }

  private reopened(): void {
    for (const opened of [...this.openListeners]) opened();
  }

  close(): void {
    this.wanted = false;
    clearTimeout(this.refusedTimer);
    this.setRefusal(null);
    this.source?.close();
    this.source = null;
  }

  /**
   * Calls `listener` with every event, and `opened` each time the stream (re)opens, until the
   * returned function is called.
   */
  subscribe(listener: PushListener, opened?: () => void): () => void {
    this.listeners.add(listener);
    if (opened) this.openListeners.add(opened);
    return () => {
      this.listeners.delete(listener);
      if (opened) this.openListeners.delete(opened);
    };
  }
}
