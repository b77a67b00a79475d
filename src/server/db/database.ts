import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect } from 'kysely';
import type { DirectoryTables } from '../directory/tables.js';
import type { ConsultationTables } from '../consultations/tables.js';
import type { LiveKitTables } from '../livekit/tables.js';
import type { IdentityTables } from '../identity/tables.js';
import type { AuditTables } from '../access/audit.js';
import { migrations } from './migrations/index.js';

/** Every table, as each domain declares its own. */
export type Database = DirectoryTables & ConsultationTables & LiveKitTables & IdentityTables & AuditTables;
export type Db = Kysely<Database>;

/**
 * Opens the embedded default: one SQLite file in WAL mode. Columns are snake_case in SQL and
 * camelCase in TypeScript (CamelCasePlugin); queries stay portable to PostgreSQL through Kysely.
 */
export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
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
