// Starting and stopping in the order a county server's restart needs (issue 18 §5): the database
// is waited for before anything listens; LiveKit is waited for in the background
// (livekit/livekit-watch.ts), because everything but calls works without it (a TV's readings,
// orders, reminders) and /healthz says 503 until it answers.
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { migrateToLatest, openSqlite } from './db/database.js';
import type { Db } from './db/types.js';
import type { Logger } from './logger.js';

/** How often a dependency that does not answer yet is asked again, at most (the wait doubles up to it). */
const RETRY_MAX_MS = 5000;
const RETRY_FIRST_MS = 250;

/**
 * Errors that say the database is not there yet or is busy, rather than wrong: a directory not
 * mounted, a file that cannot be opened yet, a lock held longer than the busy timeout.
 */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    ['ENOENT', 'ENOTDIR', 'EACCES', 'EROFS', 'EEXIST', 'EBUSY', 'SQLITE_CANTOPEN', 'SQLITE_LOCKED'].includes(
      code,
    ) ||
    code.startsWith('SQLITE_BUSY') ||
    code.startsWith('SQLITE_IOERR')
  );
}

/**
 * Opens and migrates the database, waiting up to `waitMs` while it is not there yet or is
 * locked, saying so in the log each time. A migration that fails for another reason fails at once.
 */
export async function openDatabaseWhenReady(file: string, waitMs: number, logger: Logger): Promise<Db> {
  const started = Date.now();
  for (
    let attempt = 1, retryMs = RETRY_FIRST_MS;
    ;
    attempt++, retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  ) {
    let db: Db | null = null;
    try {
      db = openSqlite(file);
      await sql`select 1`.execute(db);
      await migrateToLatest(db);
      if (attempt > 1)
        logger.info({ database: file, seconds: seconds(started) }, 'the database answers now; starting');
      return db;
    } catch (error) {
      await db?.destroy().catch(() => undefined);
      const cause = (error as { cause?: unknown }).cause ?? error;
      const waited = Date.now() - started;
      if (!isTransient(cause) || waited >= waitMs) {
        if (!isTransient(cause)) throw error;
        throw new Error(
          `The database ${file} could not be opened within ${Math.round(waitMs / 1000)} s: ${String(cause)}`,
          { cause },
        );
      }
      logger.warn(
        { database: file, attempt, seconds: seconds(started), reason: String(cause) },
        `waiting for the database: it cannot be opened yet, trying again in ${(retryMs / 1000).toFixed(1)} s`,
      );
      await sleep(Math.min(retryMs, waitMs - waited));
    }
  }
}

/** Writes the WAL back into the database file and empties it, so the file alone is whole. */
export async function checkpointAndClose(db: Db): Promise<void> {
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  await db.destroy();
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}
