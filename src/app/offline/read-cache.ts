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

/** IndexedDB-backed; if IndexedDB is missing or broken, reads simply are not kept (never an error). */
export class ReadCache implements ReadCacheStore {
  private db: Promise<IDBPDatabase<ReadCacheSchema> | null> | null = null;

  constructor(
    private readonly dbName = 'dah-read-cache',
    private readonly now: () => number = Date.now,
  ) {}

  private open(): Promise<IDBPDatabase<ReadCacheSchema> | null> {
    if (this.db) return this.db;
    this.db = openDB<ReadCacheSchema>(this.dbName, 1, {
      upgrade(database) {
        database.createObjectStore('answers', { keyPath: 'path' });
      },
      // Deleted or upgraded elsewhere: open again on next use.
      terminated: () => (this.db = null),
    }).catch(() => null);
    return this.db;
  }

  async get(path: string): Promise<CachedRead | undefined> {
    try {
      const entry = await (await this.open())?.get('answers', path);
      // A damaged entry (wrong shape) is as good as none: the screen says it cannot load.
      return entry && typeof entry.storedAt === 'number' && 'body' in entry ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async put(path: string, body: unknown): Promise<void> {
    try {
      await (await this.open())?.put('answers', { path, body, storedAt: this.now() });
    } catch {
      // Quota or a closed database: the answer is not kept; the next read tries again.
    }
  }

  async clear(): Promise<void> {
    try {
      await (await this.open())?.clear('answers');
    } catch {
      // Nothing kept, nothing to clear; a broken database is dropped below.
      await new Promise<void>((resolve) => {
        const request = indexedDB.deleteDatabase(this.dbName);
        request.onsuccess = request.onerror = request.onblocked = () => resolve();
      });
      this.db = null;
    }
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
