import type { PushEvent } from '../../shared/consultations/schemas.js';
import type { Db } from '../db/types.js';

export interface StoredPushEvent {
  id: number;
  event: PushEvent;
}

type Listener = (event: StoredPushEvent) => void;

/** How long a missed event can still be replayed to a client that comes back. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/** At most this many missed events are replayed; a client further behind reloads its state. */
export const REPLAY_LIMIT = 500;

/**
 * The push channel's one owner. Every event is stored first, with an increasing id, then handed
 * to the open streams of its recipients; a client that reconnects with Last-Event-ID gets what
 * it missed from the store, so nothing is lost across a brief disconnect. Open streams are also
 * who is online (specialists' status in the console). In memory: one API process is the
 * embedded default; several processes would fan out through Redis pub/sub.
 */
export class PushHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly db: Db) {}

  async publish(recipientIds: readonly string[], event: PushEvent): Promise<void> {
    const payload = JSON.stringify(event);
    const createdAt = new Date().toISOString();
    for (const recipientId of new Set(recipientIds)) {
      const row = await this.db
        .insertInto('pushEvents')
        .values({ recipientId, payload, createdAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const listener of this.listeners.get(recipientId) ?? []) listener({ id: row.id, event });
    }
  }

  /** Events for a recipient after `afterId`, oldest first. */
  async missed(recipientId: string, afterId: number): Promise<StoredPushEvent[]> {
    const rows = await this.db
      .selectFrom('pushEvents')
      .select(['id', 'payload'])
      .where('recipientId', '=', recipientId)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(REPLAY_LIMIT)
      .execute();
    return rows.map((row) => ({ id: row.id, event: JSON.parse(row.payload) as PushEvent }));
  }

  /**
   * Whether everything after `afterId` is still stored. Ids increase across all recipients and
   * pruning drops the oldest, so when the oldest id kept is beyond `afterId + 1` (or nothing is
   * kept), events of this recipient may have been dropped: the client must reload its state.
   */
  async canReplayAfter(afterId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('pushEvents')
      .select((eb) => eb.fn.min('id').as('id'))
      .executeTakeFirst();
    const oldest = row?.id === null || row?.id === undefined ? null : Number(row.id);
    return oldest !== null && oldest <= afterId + 1;
  }

  /** The newest event id of a recipient: a fresh stream starts after it. */
  async latestId(recipientId: string): Promise<number> {
    const row = await this.db
      .selectFrom('pushEvents')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('recipientId', '=', recipientId)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  subscribe(recipientId: string, listener: Listener): () => void {
    let set = this.listeners.get(recipientId);
    if (!set) this.listeners.set(recipientId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(recipientId);
    };
  }

  isOnline(userId: string): boolean {
    return this.listeners.has(userId);
  }

  /** Drops events too old to be replayed. */
  async prune(now = Date.now()): Promise<void> {
    await this.db
      .deleteFrom('pushEvents')
      .where('createdAt', '<', new Date(now - KEEP_MS).toISOString())
      .execute();
  }
}
