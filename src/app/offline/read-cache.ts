/**
 * The TV's cache of API reads, so it starts and shows its resident's own data with no network
 * (issue 18). Network first: every read goes to the API, and only when the API cannot be reached
 * does the last answer stored here come back, with the moment it was stored so the screen can say
 * how old it is. Only a resident's own TV keeps one (one person per device); the kiosk (many
 * residents) and the console never do. It is emptied on sign-out and on any 401, so one session's
 * answers never show in another's.
 */
import { surfaceOfLocation } from '../state/session.js';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export interface CachedRead {
  path: string;
  body: unknown;
  storedAt: number;
}

export interface ReadCacheStore {
  get(path: string): Promise<CachedRead | undefined>;
  /**
   * The kept session answer (who this TV is), read at once without IndexedDB: a TV started with
   * no network shows Home from it in its first frame (issue 18, cold start).
   */
  keptSession?(): CachedRead | undefined;
  put(path: string, body: unknown): Promise<void>;
  clear(): Promise<void>;
}

interface ReadCacheSchema extends DBSchema {
  answers: { key: string; value: CachedRead };
}

/**
 * The reads worth keeping: the session (who this TV is), the resident's record, past consultations
 * and devices, and the resident's own readings and appointments. Nothing that lists other
 * people, and nothing a clinician reads.
 */
const CACHEABLE: readonly RegExp[] = [
  /^\/api\/auth\/session$/,
  /^\/api\/patients\/[^/]+(\/(summary|team))?$/,
  /^\/api\/consultations\/mine$/,
  /^\/api\/devices\/mine$/,
  // Not the pharmacy's reads: its answers carry the server's time, which a kept copy would make
  // stale; medication reminders keep their own schedule on the TV (pharmacy/reminders).
  /^\/api\/(readings|schedule|appointments)(\/[^?]*)?(\?.*)?$/,
];

export function isCacheableRead(path: string): boolean {
  return CACHEABLE.some((pattern) => pattern.test(path));
}

/** The session's answer (who this TV is) is also kept in localStorage: see ReadCache. */
const SESSION_PATH = '/api/auth/session';
const SESSION_COPY_KEY = 'dah.read-cache.session';

function isWhole(entry: unknown): entry is CachedRead {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof (entry as CachedRead).storedAt === 'number' &&
    'body' in entry
  );
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * IndexedDB-backed; if IndexedDB is missing or broken, reads simply are not kept (never an error).
 * A damaged cache recovers by itself (issue 18 item 2): a database whose schema is not ours (its
 * store deleted, a version from elsewhere) is deleted and made again, since all it holds are copies
 * the next reads fetch again; a damaged entry counts as none. The session's answer is also kept in
 * localStorage, apart from IndexedDB, so a TV whose IndexedDB is damaged still knows offline whose
 * TV it is and shows Home, with each screen saying what it cannot show.
 */
export class ReadCache implements ReadCacheStore {
  private db: Promise<IDBPDatabase<ReadCacheSchema> | null> | null = null;

  constructor(
    private readonly dbName = 'dah-read-cache',
    private readonly now: () => number = Date.now,
  ) {}

  private open(): Promise<IDBPDatabase<ReadCacheSchema> | null> {
    if (this.db) return this.db;
    this.db = this.openWhole().catch(() => null);
    return this.db;
  }

  private openAt(): Promise<IDBPDatabase<ReadCacheSchema>> {
    return openDB<ReadCacheSchema>(this.dbName, 1, {
      upgrade(database) {
        database.createObjectStore('answers', { keyPath: 'path' });
      },
      // Another page deletes or upgrades it (a repair): let go, and open again on next use.
      blocking: (_current, _next, event) => {
        (event.target as IDBDatabase).close();
        this.db = null;
      },
      // Deleted or upgraded elsewhere: open again on next use.
      terminated: () => (this.db = null),
    });
  }

  private async openWhole(): Promise<IDBPDatabase<ReadCacheSchema>> {
    try {
      const db = await this.openAt();
      if (db.objectStoreNames.contains('answers')) return db;
      db.close();
    } catch (error) {
      // A newer version than ours (VersionError) is remade below; anything else means no IndexedDB.
      if ((error as { name?: string } | null)?.name !== 'VersionError') throw error;
    }
    await deleteDatabase(this.dbName);
    return this.openAt();
  }

  async get(path: string): Promise<CachedRead | undefined> {
    let entry: unknown;
    try {
      entry = await (await this.open())?.get('answers', path);
    } catch {
      entry = undefined;
    }
    // A damaged entry (wrong shape) is as good as none: the screen says it cannot load.
    if (isWhole(entry)) return entry;
    return path === SESSION_PATH ? sessionCopy() : undefined;
  }

  keptSession(): CachedRead | undefined {
    return sessionCopy();
  }

  async put(path: string, body: unknown): Promise<void> {
    const entry: CachedRead = { path, body, storedAt: this.now() };
    if (path === SESSION_PATH) keepSessionCopy(entry);
    try {
      await (await this.open())?.put('answers', entry);
    } catch {
      // Quota or a closed database: the answer is not kept; the next read tries again.
    }
  }

  async clear(): Promise<void> {
    keepSessionCopy(null);
    try {
      await (await this.open())?.clear('answers');
    } catch {
      // Nothing kept, nothing to clear; a broken database is dropped below.
      await deleteDatabase(this.dbName);
      this.db = null;
    }
  }
}

function sessionCopy(): CachedRead | undefined {
  try {
    const entry: unknown = JSON.parse(localStorage.getItem(SESSION_COPY_KEY) ?? 'null');
    return isWhole(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

function keepSessionCopy(entry: CachedRead | null): void {
  try {
    if (entry) localStorage.setItem(SESSION_COPY_KEY, JSON.stringify(entry));
    else localStorage.removeItem(SESSION_COPY_KEY);
  } catch {
    // localStorage full or off: IndexedDB's copy is the only one.
  }
}

/** '2 hours ago' / '2小时前', for an answer stored at `storedAt`. */
export function relativeAge(storedAt: number, now: number, locale: string): string {
  const seconds = Math.max(0, Math.round((now - storedAt) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 60) return format.format(-Math.max(1, seconds), 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return format.format(-hours, 'hour');
  return format.format(-Math.round(hours / 24), 'day');
}

/** The read cache of this page: only a resident's own TV keeps reads (never a kiosk or the console). */
export function tvReadCache(): ReadCache | null {
  return surfaceOfLocation() === 'tv' ? new ReadCache() : null;
}
