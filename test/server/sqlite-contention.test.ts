// SQLite in WAL mode with a busy timeout (issue 18 §5): two processes writing to one database at
// once (the API and a second process: a maintenance script, an API started twice by mistake)
// both commit everything; without the busy timeout, the same run fails with SQLITE_BUSY, so this
// test can tell the difference.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { ROOT } from '../../scripts/lib/paths.mjs';
import { openSqlite } from '../../src/server/db/database.js';

const TRANSACTIONS = 150;
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dah-contention-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface WriterResult {
  committed: number;
  errors: string[];
  busyTimeout: number;
}

async function writeAtOnce(name: string, busyTimeout?: number): Promise<WriterResult[]> {
  const file = join(dir, `${name}.sqlite`);
  const goFile = join(dir, `${name}.go`);
  const setup = openSqlite(file);
  await sql`create table contention (writer text not null, n integer not null)`.execute(setup);
  await sql`create table contention_total (n integer not null)`.execute(setup);
  await sql`insert into contention_total (n) values (0)`.execute(setup);
  await setup.destroy();
  const writers = ['a', 'b'].map((writer) => {
    const args = [file, writer, String(TRANSACTIONS), goFile];
    if (busyTimeout !== undefined) args.push(String(busyTimeout));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/sqlite-writer.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    const ready = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('"ready"')) resolve();
      }),
    );
    const done = new Promise<WriterResult>((resolve, reject) =>
      child.once('exit', (code) => {
        if (code !== 0) return reject(new Error(`writer ${writer} exited with ${code}`));
        const lines = output
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        resolve({
          ...(lines[1] as { committed: number; errors: string[] }),
          busyTimeout: lines[0]?.busyTimeout as number,
        });
      }),
    );
    return { ready, done };
  });
  // Both open and waiting: then both start writing in the same instant.
  await Promise.all(writers.map((writer) => writer.ready));
  writeFileSync(goFile, '');
  return Promise.all(writers.map((writer) => writer.done));
}

describe('SQLite under two writers', () => {
  test('the API’s settings (WAL, busy timeout): two processes writing at once both commit every transaction', async () => {
    const results = await writeAtOnce('api-settings');
    for (const result of results) {
      assert.equal(result.busyTimeout, 5000);
      assert.deepEqual(result.errors, []);
      assert.equal(result.committed, TRANSACTIONS);
    }
    const db = openSqlite(join(dir, 'api-settings.sqlite'));
    try {
      const mode = await sql<{ journalMode: string }>`pragma journal_mode`.execute(db);
      assert.equal(mode.rows[0]?.journalMode, 'wal');
      const rows = await sql<{ count: number }>`select count(*) as count from contention`.execute(db);
      assert.equal(rows.rows[0]?.count, 2 * TRANSACTIONS * 20);
      const total = await sql<{ n: number }>`select n from contention_total`.execute(db);
      assert.equal(total.rows[0]?.n, 2 * TRANSACTIONS * 20);
    } finally {
      await db.destroy();
    }
  });

  test('the same run without a busy timeout fails with SQLITE_BUSY (what the setting prevents)', async () => {
    const results = await writeAtOnce('no-timeout', 0);
    const errors = results.flatMap((result) => result.errors);
    assert.ok(errors.length > 0, 'two writers collided at least once');
    assert.ok(
      errors.every((code) => code.startsWith('SQLITE_BUSY')),
      errors.join(', '),
    );
  });
});
