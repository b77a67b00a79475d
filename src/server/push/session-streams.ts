import type { Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { Actor } from '../identity/actor.js';
import { resolveSessionByHash } from '../identity/sessions.js';

/**
 * How many push streams one session may hold open (a page and a reload overlapping, a second
 * tab), and one person across all their sessions (a resident's TVs, a doctor's browsers).
 * Beyond, 429 too_many_streams: each stream holds a socket and a listener for hours.
 */
export const STREAMS_PER_SESSION = 3;
export const STREAMS_PER_USER = 8;
/** The longest a timer waits; Node's setTimeout cannot wait beyond 2^31-1 ms. */
const MAX_WAIT_MS = 60 * 60 * 1000;

/**
 * Why a stream ends: its session did (the client must not come back with it), or the server is
 * stopping (the client should come back soon, to this or the next process).
 */
export type StreamEnd = 'session-ended' | 'shutdown';

interface OpenStream {
  /** Who the stream was authorised as: a stream outlives its rights if this changes. */
  actorKey: string;
  userKey: string;
  close: (why: StreamEnd) => void;
}

interface WatchedSession {
  streams: Set<OpenStream>;
  timer: NodeJS.Timeout | null;
  /** Whose session it is: log-out everywhere and revocation end sessions by person or device. */
  userId: string | null;
  deviceId: string | null;
}

/** Which watched sessions to re-check: one session, a person's, a device's; none given: all. */
export interface RecheckScope {
  idHash?: string;
  userId?: string;
  deviceId?: string;
}

/**
 * Who an actor is, as far as what its stream may receive: the person, a kiosk's nurse, and a
 * kiosk's self-service visit (whose queue and call events end with it: readings/visit-channels.ts).
 */
function actorKey(actor: Actor): string {
  return actor.kind === 'kiosk'
    ? `kiosk:${actor.id}:${actor.staff?.id ?? ''}:${actor.visit?.id ?? ''}`
    : `${actor.kind}:${actor.id}`;
}

/** When what a stream was authorised as ends by itself: the session, or a kiosk visit's expiry. */
function rightsEndAt(actor: Actor): number {
  return actor.kind === 'kiosk' && actor.visit
    ? Math.min(actor.session.endsAt, actor.visit.expiresAt)
    : actor.session.endsAt;
}

/**
 * The open push streams of every session, closed the moment their session ends. A stream is
 * authorised once, when it opens; this is what makes that authorisation end with the session:
 * whatever ends a session (log-out, log-out everywhere, revoking a device, a kiosk nurse signing
 * out) calls `recheck`, and a timer per session fires when it would expire or idle out by
 * itself (and when a kiosk's nurse idles out), so expiry is noticed without a further request.
 * A recheck resolves the session again exactly as a request would (without touching it) and
 * closes every stream whose session no longer resolves to the same actor.
 */
export class SessionStreams {
  private readonly sessions = new Map<string, WatchedSession>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly db: Db) {}

  /**
   * Registers a stream of this actor's session; `close` ends it. Refuses (429 too_many_streams)
   * beyond the caps. Returns the function that unregisters it once it has ended.
   */
  open(actor: Actor, close: (why: StreamEnd) => void): () => void {
    const idHash = actor.session.idHash;
    const userKey = `${actor.kind}:${actor.id}`;
    const watched = this.sessions.get(idHash);
    if (
      (watched?.streams.size ?? 0) >= STREAMS_PER_SESSION ||
      (this.perUser.get(userKey) ?? 0) >= STREAMS_PER_USER
    )
      throw new ApiError(429, 'too_many_streams', 'Too many open event streams: close another one first.');
    const session = watched ?? {
      streams: new Set<OpenStream>(),
      timer: null,
      userId: actor.kind === 'clinician' ? actor.id : null,
      deviceId: actor.kind === 'clinician' ? null : actor.deviceId,
    };
    this.sessions.set(idHash, session);
    const stream: OpenStream = { actorKey: actorKey(actor), userKey, close };
    session.streams.add(stream);
    this.perUser.set(userKey, (this.perUser.get(userKey) ?? 0) + 1);
    if (!session.timer) this.schedule(idHash, rightsEndAt(actor));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      session.streams.delete(stream);
      const left = (this.perUser.get(userKey) ?? 1) - 1;
      if (left > 0) this.perUser.set(userKey, left);
      else this.perUser.delete(userKey);
      if (session.streams.size === 0 && this.sessions.get(idHash) === session) {
        if (session.timer) clearTimeout(session.timer);
        this.sessions.delete(idHash);
      }
    };
  }

  /** Open streams of a session (tests and diagnostics). */
  count(idHash?: string): number {
    if (idHash) return this.sessions.get(idHash)?.streams.size ?? 0;
    let total = 0;
    for (const session of this.sessions.values()) total += session.streams.size;
    return total;
  }

  /**
   * Something may have ended sessions: re-check those in scope (a session, a person's sessions, a
   * device's), or every watched one (the sweeper's backstop).
   */
  async recheck(scope: RecheckScope = {}): Promise<void> {
    const hashes = [...this.sessions]
      .filter(
        ([hash, session]) =>
          (scope.idHash === undefined || hash === scope.idHash) &&
          (scope.userId === undefined || session.userId === scope.userId) &&
          (scope.deviceId === undefined || session.deviceId === scope.deviceId),
      )
      .map(([hash]) => hash);
    await Promise.all(hashes.map((hash) => this.check(hash)));
  }

  /** Ends every stream: the server is stopping, so each is told to reconnect. */
  closeAll(): void {
    for (const session of this.sessions.values()) {
      if (session.timer) clearTimeout(session.timer);
      session.timer = null;
      for (const stream of [...session.streams]) stream.close('shutdown');
    }
  }

  private schedule(idHash: string, endsAt: number): void {
    const session = this.sessions.get(idHash);
    if (!session) return;
    if (session.timer) clearTimeout(session.timer);
    const wait = Math.min(Math.max(endsAt - Date.now(), 0), MAX_WAIT_MS);
    session.timer = setTimeout(() => {
      session.timer = null;
      void this.check(idHash);
    }, wait);
    session.timer.unref();
  }

  private async check(idHash: string): Promise<void> {
    if (!this.sessions.has(idHash)) return;
    let actor: Actor | null;
    try {
      actor = await resolveSessionByHash(this.db, idHash, false);
    } catch {
      // The database is closing (shutdown) or busy: try again shortly rather than keep rights.
      this.schedule(idHash, Date.now() + 1000);
      return;
    }
    const session = this.sessions.get(idHash);
    if (!session) return;
    const key = actor ? actorKey(actor) : null;
    for (const stream of [...session.streams]) if (stream.actorKey !== key) stream.close('session-ended');
    if (actor && session.streams.size > 0) this.schedule(idHash, rightsEndAt(actor));
  }
}
