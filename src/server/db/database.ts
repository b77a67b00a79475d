import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect } from 'kysely';
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

/**
 * Opens the embedded default: one SQLite file in WAL mode. Columns are snake_case in SQL and
 * camelCase in TypeScript (CamelCasePlugin); queries stay portable to PostgreSQL through Kysely.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const Driver = sqliteDriver();
  const sqlite = new Driver(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
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
