import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect, type SqliteDatabase } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database, Db } from './types.js';

/**
 * better-sqlite3 12 is the last release that runs on Node 20, and it aborts the process on
 * Node 24 (its Statement finaliser trips a Node 24 assertion, WiseLibs/better-sqlite3#1515);
 * 13 (Node-API) needs Node 22. So both are dependencies, 13 under the alias
 * better-sqlite3-node22 (optional: npm skips it on Node 20), and the running Node picks.
 * When Node 20 support ends, depend on 13 alone.
 */
function sqliteDriver(): typeof SQLite {
  const require = createRequire(import.meta.url);
  const major = Number(process.versions.node.split('.')[0]);
  return require(major >= 22 ? 'better-sqlite3-node22' : 'better-sqlite3') as typeof SQLite;
}

/** Distinct SQL texts kept prepared; the API has a few hundred queries, so this never evicts in practice. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query again (sqlite3_prepare for each execution): under
 * the readings ingest that was the largest single cost after the HTTP stack. A statement is
 * reusable once it has run, and Kysely runs one query at a time on SQLite's single connection (its
 * connection mutex, held while a stream iterates too), so one prepared statement per SQL text is
 * safe. SQLite re-prepares a cached statement itself when a migration changes the schema.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        // Map keeps insertion order: the oldest text goes first.
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens the embedded default: one SQLite file in WAL mode. Columns are snake_case in SQL and
 * camelCase in TypeScript (CamelCasePlugin); queries stay portable to PostgreSQL through Kysely.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Driver = sqliteDriver();
  const sqlite = new Driver(file);
  sqlite.pragma('journal_mode = WAL');
  // A 201 tells a TV's outbox to drop its copy, so a commit must survive a power cut: FULL syncs
  // the WAL at every commit (sqlite.org/pragma.html#pragma_synchronous). Said explicitly because
  // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: a file already in WAL mode
  // (every start after the first) opened with NORMAL, which may lose the last commits on power loss.
  // Group commit (db/group-commit.ts) pays for this sync once per batch of readings.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
}

/** Runs the versioned migrations that have not run yet; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
