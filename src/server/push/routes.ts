import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { ErrorBody } from '../../shared/api-schemas.js';
import { authorize } from '../access/policy.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../deps.js';
import type { PushEvent } from '../../shared/consultations/schemas.js';
import { REPLAY_LIMIT, type StoredPushEvent } from './push-hub.js';
import type { StreamEnd } from './session-streams.js';

/** A comment line this often keeps proxies and TV network stacks from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/** A stopping server's streams come back after 1 to 4 s, spread so a county's TVs do not return at once. */
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_SPREAD_MS = 3000;

/**
 * The last message of a stream the server ends because it is stopping (an update, a restart):
 * `retry` sets when EventSource reconnects (WHATWG HTML §9.2, 'event stream interpretation'), and
 * the `reconnect` event says why, for clients and logs that care. EventSource then reconnects with
 * Last-Event-ID by itself, to the next process, and the replay covers the gap.
 */
export function reconnectHint(random = Math.random): { event: string; data: string; retry: number } {
  const retry = RECONNECT_FIRST_MS + Math.floor(random() * RECONNECT_SPREAD_MS);
  return { event: 'reconnect', data: JSON.stringify({ reason: 'server-restarting', retryMs: retry }), retry };
}

/**
 * The push channel: server-sent events for the signed-in actor (ringing, the queue, invitations,
 * the end of a call). Each event carries its id; EventSource sends the last one back as
 * Last-Event-ID when it reconnects, and whatever was missed is replayed first.
 */
export function registerEventRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: Pick<AppDeps, 'desk' | 'push' | 'streams'>,
): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/events',
    summary: 'Push events (text/event-stream); reconnect with Last-Event-ID to receive what was missed',
    tags: ['events'],
    responses: {
      200: { description: 'A stream of events, each `data` a PushEvent as JSON' },
      401: { description: 'Not signed in', content: { 'application/json': { schema: ErrorBody } } },
      429: {
        description: 'too_many_streams: this session or person already has the most streams allowed open',
        content: { 'application/json': { schema: ErrorBody } },
      },
    },
  });

  app.get('/api/events', async (c) => {
    const actor = authorize(c, 'events:subscribe');
    const { push } = deps;
    const lastSeen = Number(c.req.header('last-event-id') ?? '');
    const returning = Number.isSafeInteger(lastSeen) && lastSeen > 0;
    // A fresh stream starts now; a returning one from the event after the last it saw.
    const after = returning ? lastSeen : await push.latestId(actor.id);
    // A fresh stream on a resident's TV begins with a ring still going on: sent a moment before
    // the TV listened (it was just switched on, the page just loaded), it would be missed.
    const { desk } = deps;
    const current = !returning && actor.kind === 'tv' ? await desk.currentRingFor(actor.id) : null;
    // A ring says whether this very screen answers by itself (auto-answer is per device).
    const personal = (event: PushEvent) =>
      actor.kind === 'tv' && event.type === 'ring'
        ? desk.ringFor(event, actor.deviceId)
        : Promise.resolve(event);
    let open = true;
    let endedBy: StreamEnd | null = null;
    let wake: (() => void) | null = null;
    const end = (why?: StreamEnd) => {
      open = false;
      endedBy ??= why ?? null;
      wake?.();
    };
    // Registered before the answer starts: beyond the caps this is a plain 429, and from here on
    // the end of the session (however it ends) ends this stream too (push/session-streams.ts).
    const release = deps.streams.open(actor, end);
    return streamSSE(c, async (stream) => {
      const queued: StoredPushEvent[] = [];
      const unsubscribe = push.subscribe(actor.id, (event) => {
        queued.push(event);
        wake?.();
      });
      stream.onAbort(() => end());
      try {
        // Without an id: it is the present state, not an event to resume from.
        if (current) await stream.writeSSE({ data: JSON.stringify(await personal(current)) });
        let sent = after;
        const missed = await push.missed(actor.id, after);
        // Away longer than the replay window (or further behind than a replay carries): the
        // client is told to reload its state rather than miss events (issue 18). It resumes
        // from the newest id, which the reset carries.
        if (returning && (missed.length >= REPLAY_LIMIT || !(await push.canReplayAfter(after)))) {
          sent = await push.latestId(actor.id);
          await stream.writeSSE({ event: 'reset', id: String(sent), data: '{}' });
          missed.length = 0;
        }
        for (const event of missed) queued.unshift(event);
        queued.sort((a, b) => a.id - b.id);
        while (open) {
          // Nothing more once the session has ended, not even what was already queued.
          for (let next = queued.shift(); open && next; next = queued.shift()) {
            if (next.id <= sent) continue;
            const event = await personal(next.event);
            if (!open) break;
            await stream.writeSSE({ id: String(next.id), data: JSON.stringify(event) });
            sent = next.id;
          }
          let keepAlive: NodeJS.Timeout | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            keepAlive = setTimeout(resolve, KEEPALIVE_MS);
          });
          // Woken by an event: this wait's keep-alive timer is not needed any more.
          clearTimeout(keepAlive);
          wake = null;
          if (open && queued.length === 0) await stream.write(': keep-alive\n\n');
        }
        if (endedBy === 'shutdown') await stream.writeSSE(reconnectHint());
      } finally {
        unsubscribe();
        release();
      }
    });
  });
}
