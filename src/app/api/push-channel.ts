import { createContext } from '@lit/context';
import type { PushEvent } from '../../shared/consultation-schemas.js';

export type PushListener = (event: PushEvent) => void;

/**
 * The one push channel from the API (GET /api/events, server-sent events): ringing, the queue
 * position, invitations, the end of a call. EventSource reconnects by itself and sends the last
 * event id it saw, so the API replays whatever was missed during a brief disconnect.
 */
export class PushChannel {
  private source: EventSource | null = null;
  private readonly listeners = new Set<PushListener>();

  constructor(private readonly url = '/api/events') {}

  /** Opens the channel (once signed in); calling it again while open does nothing. */
  open(): void {
    if (this.source && this.source.readyState !== EventSource.CLOSED) return;
    this.source = new EventSource(this.url, { withCredentials: true });
    this.source.onmessage = (message: MessageEvent<string>) => {
      let event: PushEvent;
      try {
        event = JSON.parse(message.data) as PushEvent;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) listener(event);
    };
  }

  close(): void {
    this.source?.close();
    this.source = null;
  }

  /** Calls `listener` with every event until the returned function is called. */
  subscribe(listener: PushListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const pushContext = createContext<PushChannel>(Symbol('push'));
