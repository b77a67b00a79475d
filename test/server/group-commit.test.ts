// Group commit (src/server/db/group-commit.ts) on a real SQLite file: writes that arrive together
// share one transaction; each settles only after that transaction has committed (a second
// connection already sees it); one that fails is rolled back alone; a failed commit fails them all.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { openSqlite } from '../../src/server/db/database.js';
import { CommitGroup, MAX_BATCH } from '../../src/server/db/group-commit.js';
import type { Db } from '../../src/server/db/types.js';

let dir: string;
let db: Db;
let observer: Db;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dah-group-commit-'));
  const file = join(dir, 'group.sqlite');
  db = openSqlite(file);
  await sql`create table items (id text primary key, n integer not null check (n >= 0))`.execute(db);
  // Another connection to the same file: what it sees is what was committed.
  observer = openSqlite(file);
});
after(async () => {
  await db.destroy();
  await observer.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string, n: number) => async (trx: Db) => {
  await sql`insert into items (id, n) values (${id}, ${n})`.execute(trx);
  return id;
};
async function stored(ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await sql<{
    id: string;
  }>`select id from items where id in (${sql.join(ids)}) order by id`.execute(observer);
  return rows.rows.map((r) => r.id);
}

describe('group commit', () => {
  test('300 writes issued together commit in a few transactions, each answered after its commit', async () => {
    const group = new CommitGroup(db);
    const ids = Array.from({ length: 300 }, (_, i) => `burst-${String(i).padStart(3, '0')}`);
    const seenAtAnswer = await Promise.all(
      ids.map((id) =>
        group.run(insert(id, 1)).then(async (answered) => {
          // Settled: the row is on disk for every other connection.
          return (await stored([answered])).length;
        }),
      ),
    );
    assert.deepEqual(
      seenAtAnswer,
      ids.map(() => 1),
    );
    assert.equal(group.stats.writes, 300);
    assert.equal(group.stats.batches, Math.ceil(300 / MAX_BATCH));
    assert.deepEqual(await stored(ids), ids);
  });

  test('a write that fails (a constraint, or a throw after writing) is rolled back alone; the others in its batch commit', async () => {
    const group = new CommitGroup(db);
    const jobs = Array.from({ length: 200 }, (_, i) => {
      const id = `mixed-${String(i).padStart(3, '0')}`;
      if (i % 10 === 3) return { id, ok: false, run: group.run(insert(id, -1)) }; // CHECK fails
      if (i % 10 === 7)
        return {
          id,
          ok: false,
          // Writes, then refuses: its savepoint is rolled back, so its row must not stay.
          run: group.run(async (trx) => {
            await insert(id, 1)(trx);
            throw new Error('refused after writing');
          }),
        };
      return { id, ok: true, run: group.run(insert(id, 1)) };
    });
    const outcomes = await Promise.allSettled(jobs.map((job) => job.run));
    jobs.forEach((job, i) => assert.equal(outcomes[i]?.status, job.ok ? 'fulfilled' : 'rejected', job.id));
    assert.equal(group.stats.batches, 1, 'one transaction for the whole burst');
    assert.deepEqual(
      await stored(jobs.map((job) => job.id)),
      jobs.filter((job) => job.ok).map((job) => job.id),
    );
  });

  test('the same key written twice in one batch: the first commits, the second fails alone', async () => {
    const group = new CommitGroup(db);
    const results = await Promise.allSettled([
      group.run(insert('twice', 1)),
      group.run(insert('twice', 2)),
      group.run(insert('once-beside', 1)),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const row = await sql<{ n: number }>`select n from items where id = 'twice'`.execute(observer);
    assert.equal(row.rows[0]?.n, 1);
  });

  test('when the commit itself fails, every write of the batch is refused and none is stored', async () => {
    const group = new CommitGroup(db);
    const ids = ['doomed-1', 'doomed-2', 'doomed-3'];
    const runs = ids.map((id, i) =>
      group.run(async (trx) => {
        await insert(id, 1)(trx);
        // The last write ends the transaction under the group's feet: its commit then fails.
        if (i === ids.length - 1) await sql`rollback`.execute(trx);
        return id;
      }),
    );
    const outcomes = await Promise.allSettled(runs);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected', 'rejected'],
    );
    assert.deepEqual(await stored(ids), []);
    // The group goes on working after a failed batch.
    assert.equal(await group.run(insert('after-failure', 1)), 'after-failure');
    assert.deepEqual(await stored(['after-failure']), ['after-failure']);
  });
});
