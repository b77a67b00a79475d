import type { PushEvent } from '../../src/shared/consultations/schemas.js';
import type { ApiSession } from './stack.js';

export interface ReceivedEvent {
  /** null: sent without an id, as the present state when the stream opened (a ring going on). */
  id: number | null;
  event: PushEvent;
}

/**
 * Reads the push channel (GET /api/events) as a session, the way EventSource does: `next`
 * waits for the next event that matches, `close` ends the stream.
 */
export async function openEvents(session: ApiSession, lastEventId?: number) {
  const controller = new AbortController();
  const response = await session.fetch('/api/events', {
    headers: {
      accept: 'text/event-stream',
      ...(lastEventId ? { 'last-event-id': String(lastEventId) } : {}),
    },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`events: ${response.status} ${await response.text()}`);
  const received: ReceivedEvent[] = [];
  let notify = null as (() => void) | null;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  let endedNotify = null as (() => void) | null;
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: ?(.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (data) received.push({ id: id ? Number(id) : null, event: JSON.parse(data) as PushEvent });
          notify?.();
        }
      }
    } catch {
      // Aborted by close().
    }
    ended = true;
    endedNotify?.();
    notify?.();
  })();
  let consumed = 0;
  return {
    received,
    /** The next event (after those already taken) that matches, within `timeoutMs`. */
    async next(match: (event: PushEvent) => boolean = () => true, timeoutMs = 5000): Promise<ReceivedEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (consumed < received.length) {
          const candidate = received[consumed++] as ReceivedEvent;
          if (match(candidate.event)) return candidate;
        }
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(`no matching push event; got ${JSON.stringify(received.map((r) => r.event))}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
          setTimeout(resolve, left);
        });
      }
    },
    /** Resolves when the server ends the stream; rejects if it is still open after `timeoutMs`. */
    async ended(timeoutMs = 5000): Promise<void> {
      if (ended) return;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the stream is still open')), timeoutMs);
        endedNotify = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
    get isOpen(): boolean {
      return !ended;
    },
    close(): void {
      controller.abort();
    },
  };
}
