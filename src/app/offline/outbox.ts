/**
 * The outbox: every write a device makes (a reading now, a pharmacy reorder later) goes to
 * IndexedDB first, with an id made on the device, and is then sent in order, retried with
 * exponential backoff and full jitter until the API answers. The API is idempotent by that id,
 * so a retry after a lost answer stores nothing twice. Nothing is lost across reloads, the TV going
 * offline, the API down or restarted, or the power cut: the write is on disk before it is sent.
 * A refusal that retrying cannot change (409 conflict, 400, 403, 404) is set aside and surfaced.
 * Storage full (issue 18 item 2): a write the disk refuses is held in memory, sent in its turn like
 * the others, and moved to disk as soon as space frees; the counts say so, so the TV can tell the
 * resident in words. Nothing already kept is ever evicted to make room.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface OutboxWrite {
  /** What it is, for the screens that show waiting or refused writes ('reading', 'reorder'). */
  kind: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** JSON body; carries the device-made `id` the API de-duplicates by, unless `id` is given apart. */
  body: Record<string, unknown>;
  /**
   * The device-made id, when the API takes it outside the body (a reorder's Idempotency-Key
   * header); else the body's `id`.
   */
  id?: string;
  /** Extra request headers kept with the write, so every retry sends the same (Idempotency-Key). */
  headers?: Record<string, string>;
}

export interface OutboxItem extends OutboxWrite {
  id: string;
  /** Order of sending: writes leave in the order they were made. */
  seq: number;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: 'waiting' | 'rejected';
  /** The refusal, for a rejected write (an API error code), or the last failure while waiting. */
  lastError: { status: number; code: string } | null;
}

/** How the API answered one attempt. */
export type SendOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; status: number; code: string; retryAfterMs?: number }
  | { kind: 'rejected'; status: number; code: string };

export type Sender = (item: OutboxItem) => Promise<SendOutcome>;

interface OutboxSchema extends DBSchema {
  writes: { key: string; value: OutboxItem; indexes: { seq: number; kind: string } };
}

/**
 * The database's schema versions. 1: the `writes` store by id, indexed by `seq`. 2: a `kind` index
 * (what waits, per kind of write, for the screens' counts), and every kept write normalised to
 * today's shape. An upgrade only adds: nothing written by an older version is dropped.
 */
export const OUTBOX_DB_VERSION = 2;

/**
 * The device's storage is full and the write could not be kept even in memory (the outbox holds at
 * most MAX_HELD there): the screen must say so (never 'sent').
 */
export class OutboxFullError extends Error {
  readonly code = 'storage_full';
  constructor(cause: unknown) {
    super(`The device's storage is full; the write was not kept (${String(cause)})`);
  }
}

/**
 * Writes held in memory while the disk is full, at most: a resident enters a few readings a day, so
 * this is days of them, and a bound keeps a stuck TV from growing without end.
 */
export const MAX_HELD = 200;

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/** A write kept by an older version, in today's shape (fields added later get their defaults). */
function normalised(item: Partial<OutboxItem> & { id: string }, index: number): OutboxItem {
  return {
    kind: item.kind ?? 'write',
    method: item.method ?? 'POST',
    path: item.path ?? '',
    body: item.body ?? { id: item.id },
    id: item.id,
    seq: typeof item.seq === 'number' ? item.seq : index,
    createdAt: item.createdAt ?? 0,
    attempts: item.attempts ?? 0,
    nextAttemptAt: item.nextAttemptAt ?? 0,
    state: item.state === 'rejected' ? 'rejected' : 'waiting',
    lastError: item.lastError ?? null,
  };
}

/** Opens the outbox database at today's version, upgrading an older one in place. */
export function openOutboxDb(name: string): Promise<IDBPDatabase<OutboxSchema>> {
  return openDB<OutboxSchema>(name, OUTBOX_DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      // A damaged or half-made database (no store where one should be) is made whole again.
      const writes = database.objectStoreNames.contains('writes')
        ? transaction.objectStore('writes')
        : database.createObjectStore('writes', { keyPath: 'id' });
      if (!writes.indexNames.contains('seq')) writes.createIndex('seq', 'seq');
      if (!writes.indexNames.contains('kind')) writes.createIndex('kind', 'kind');
      if (oldVersion >= 1 && oldVersion < 2) {
        let cursor = await writes.openCursor();
        let index = 0;
        while (cursor) {
          await cursor.update(normalised(cursor.value, index++));
          cursor = await cursor.continue();
        }
      }
    },
  });
}

/**
 * Asks the browser to keep this origin's storage under pressure (the outbox holds writes not yet
 * sent). A refusal is no error: the outbox still works, only with eviction possible.
 */
export async function askPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return false;
  }
}

export interface OutboxOptions {
  dbName?: string;
  send: Sender;
  /** First retry after about this long (full jitter: a random delay up to the bound). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  now?: () => number;
}

/** A version-4 UUID from crypto.getRandomValues (crypto.randomUUID needs Chromium 92; TVs run 76). */
export function deviceMadeId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * What an HTTP answer means for a write: 2xx done; 408, 429 and 5xx (and 401, a session that may
 * come back) worth retrying; so is csrf_failed: a TV started with no network is signed in from its
 * kept session, which has no CSRF token, until the API answers once the network is back, and the
 * outbox sends at that same moment (shell/session-controller.ts); any other 4xx a refusal no retry
 * can change.
 */
export function outcomeOf(status: number, code: string, retryAfterSeconds: number | null): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'done' };
  const retryAfterMs =
    retryAfterSeconds !== null && retryAfterSeconds >= 0 ? retryAfterSeconds * 1000 : undefined;
  if (status === 408 || status === 429 || status === 401 || status >= 500 || code === 'csrf_failed') {
    return retryAfterMs === undefined
      ? { kind: 'retry', status, code }
      : { kind: 'retry', status, code, retryAfterMs };
  }
  return { kind: 'rejected', status, code };
}

/** The default sender: fetch with the CSRF token of the current session; no answer at all is a retry. */
export function fetchSender(csrfToken: () => string | null, baseUrl = ''): Sender {
  return async (item) => {
    let response: Response;
    try {
      const token = csrfToken();
      response = await fetch(baseUrl + item.path, {
        method: item.method,
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          ...item.headers,
          ...(token ? { 'x-csrf-token': token } : {}),
        },
        body: JSON.stringify(item.body),
      });
    } catch {
      return { kind: 'retry', status: 0, code: 'network' };
    }
    let code = 'internal';
    try {
      const payload = (await response.json()) as { error?: { code?: string } };
      code = payload.error?.code ?? code;
    } catch {
      // Not JSON (a proxy's error page): the status says enough.
    }
    const retryAfter = response.headers.get('retry-after');
    return outcomeOf(response.status, code, retryAfter === null ? null : Number(retryAfter));
  };
}

/**
 * What the outbox holds: `held` of them (waiting or refused) are in memory only, because the disk
 * was full; they are lost if the TV is switched off before they are sent or space frees.
 */
export interface OutboxCounts {
  waiting: number;
  rejected: number;
  held: number;
}

type Listener = (state: OutboxCounts) => void;

export class Outbox {
  private readonly listeners = new Set<Listener>();
  private waiting = 0;
  private rejectedCount = 0;
  private heldCount = 0;
  /** Writes the disk refused (quota), in order; moved to disk when space frees. */
  private readonly held = new Map<string, OutboxItem>();
  private lastSeq = 0;
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  /**
   * The network is back: the waiting writes go now, not when their backoff runs out (after a minute
   * offline the next try may be a minute away, and a resident would see '等待发送' for nothing).
   */
  private readonly onOnline = () => {
    this.dueNow = true;
    void this.flush();
  };
  /** The next pass sends waiting writes whatever their backoff says (set when the network returns). */
  private dueNow = false;

  private constructor(
    private readonly db: IDBPDatabase<OutboxSchema>,
    private readonly options: Required<Omit<OutboxOptions, 'dbName'>>,
  ) {}

  /** Opens (or reopens, after a reload) the outbox and counts what waits. */
  static async open(options: OutboxOptions): Promise<Outbox> {
    const db = await openOutboxDb(options.dbName ?? 'dah-outbox');
    const outbox = new Outbox(db, {
      send: options.send,
      baseDelayMs: options.baseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 5 * 60_000,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    });
    await outbox.recount();
    return outbox;
  }

  /**
   * Stores the write, then tries to send it; resolves once it is on disk, or, with the disk full,
   * held in memory (`counts.held` says so). Throws OutboxFullError only past MAX_HELD.
   */
  async enqueue(write: OutboxWrite): Promise<OutboxItem> {
    const id = write.id ?? write.body.id;
    if (typeof id !== 'string' || !id) throw new TypeError('an outbox write needs a device-made id');
    const now = this.options.now();
    this.lastSeq = Math.max(this.lastSeq + 1, now);
    const item: OutboxItem = {
      ...write,
      id,
      seq: this.lastSeq,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'waiting',
      lastError: null,
    };
    if (this.held.has(id)) throw new TypeError(`the write ${id} is already in the outbox`);
    // add(), not put(): a second enqueue of the same id is a bug in the caller, not a new write.
    try {
      await this.db.add('writes', item);
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      // Storage full: held in memory and sent in its turn; the writes kept before stay kept.
      if (this.held.size >= MAX_HELD) throw new OutboxFullError(error);
      this.held.set(id, item);
    }
    await this.recount();
    if (this.started) void this.flush();
    return item;
  }

  /** Sends when due (and at once when the browser comes back online) until stopped. */
  start(): void {
    if (this.started) return;
    this.started = true;
    addEventListener('online', this.onOnline);
    void this.flush();
  }

  stop(): void {
    this.started = false;
    removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Stops and closes the database once a send in flight has been recorded. */
  async close(): Promise<void> {
    this.stop();
    await this.flushing;
    this.db.close();
  }

  /** How many writes wait to be sent, how many were refused, how many are in memory only. */
  get counts(): OutboxCounts {
    return { waiting: this.waiting, rejected: this.rejectedCount, held: this.heldCount };
  }

  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.counts);
    return () => this.listeners.delete(listener);
  }

  /** Every write, on disk or held in memory, in the order they were made. */
  async items(): Promise<OutboxItem[]> {
    const stored = await this.db.getAllFromIndex('writes', 'seq');
    if (!this.held.size) return stored;
    return [...stored, ...this.held.values()].sort((a, b) => a.seq - b.seq);
  }

  /** The refused writes, for the screen that explains them; `dismiss` once the user has seen one. */
  async rejected(): Promise<OutboxItem[]> {
    return (await this.items()).filter((item) => item.state === 'rejected');
  }

  async dismiss(id: string): Promise<void> {
    if (!this.held.delete(id)) await this.db.delete('writes', id);
    await this.recount();
  }

  /** A write after an attempt: in memory while held there, else on disk. */
  private async update(item: OutboxItem): Promise<void> {
    if (this.held.has(item.id)) this.held.set(item.id, item);
    else await this.db.put('writes', item);
  }

  private async remove(id: string): Promise<void> {
    if (!this.held.delete(id)) await this.db.delete('writes', id);
  }

  /** Moves the held writes to disk while it takes them (space freed); stops at the first refusal. */
  private async persistHeld(): Promise<void> {
    for (const item of [...this.held.values()]) {
      try {
        await this.db.add('writes', item);
      } catch (error) {
        if (isQuotaError(error)) return;
        // Already on disk (an earlier attempt whose answer was lost): the disk's copy is the one.
        if ((error as { name?: string } | null)?.name !== 'ConstraintError') return;
      }
      this.held.delete(item.id);
    }
  }

  /**
   * Sends every due write in order; the first that must wait holds back the ones after it (order
   * is kept). One flush at a time: a call during a flush runs another pass after it.
   */
  flush(): Promise<void> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.pass().finally(() => {
      this.flushing = null;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.flushing;
  }

  private async pass(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.held.size) {
      await this.persistHeld();
      await this.recount();
    }
    const dueNow = this.dueNow;
    this.dueNow = false;
    for (const item of await this.items()) {
      if (item.state !== 'waiting') continue;
      const now = this.options.now();
      if (item.nextAttemptAt > now && !dueNow) {
        this.schedule(item.nextAttemptAt - now);
        return;
      }
      const outcome = await this.options.send(item);
      if (outcome.kind === 'done') {
        await this.remove(item.id);
      } else if (outcome.kind === 'rejected') {
        await this.update({
          ...item,
          attempts: item.attempts + 1,
          state: 'rejected',
          lastError: { status: outcome.status, code: outcome.code },
        });
      } else {
        const attempts = item.attempts + 1;
        const bound = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempts - 1));
        const delay = Math.max(outcome.retryAfterMs ?? 0, Math.round(this.options.random() * bound));
        await this.update({
          ...item,
          attempts,
          nextAttemptAt: this.options.now() + delay,
          lastError: { status: outcome.status, code: outcome.code },
        });
        await this.recount();
        this.schedule(delay);
        return;
      }
      await this.recount();
    }
  }

  private schedule(delayMs: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, delayMs));
  }

  private async recount(): Promise<void> {
    const all = await this.items();
    const last = all[all.length - 1];
    if (last) this.lastSeq = Math.max(this.lastSeq, last.seq);
    const waiting = all.filter((i) => i.state === 'waiting').length;
    const rejected = all.length - waiting;
    const held = this.held.size;
    if (waiting === this.waiting && rejected === this.rejectedCount && held === this.heldCount) return;
    this.waiting = waiting;
    this.rejectedCount = rejected;
    this.heldCount = held;
    for (const listener of this.listeners) listener(this.counts);
  }
}
