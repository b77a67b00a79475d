// db/precompiled.ts: a query compiled once answers exactly as the same query built each time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openSqlite } from '../../src/server/db/database.js';
import { precompiled } from '../../src/server/db/precompiled.js';
import type { Db } from '../../src/server/db/types.js';

let dir: string;
let db: Db;
const ODD = "c'; drop table organisations; --";
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dah-precompiled-'));
  db = openSqlite(join(dir, 'p.sqlite'));
  await migrateToLatest(db);
  await db
    .insertInto('organisations')
    .values([
      { id: 'county', kind: 'county', name: 'County', parentId: null },
      { id: 'a', kind: 'health_centre', name: 'A', parentId: 'county' },
      { id: 'b', kind: 'health_centre', name: 'B', parentId: 'county' },
      { id: ODD, kind: 'health_centre', name: 'Odd', parentId: 'a' },
    ])
    .execute();
});
after(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

// The parameter in two places beside fixed values: each place gets the value, the fixed ones stay.
const build = (d: Db, id: string) =>
  d
    .selectFrom('organisations')
    .select(['id', 'parentId', 'name'])
    .where((eb) => eb.or([eb('id', '=', id), eb('parentId', '=', id)]))
    .where('kind', '=', 'health_centre')
    .orderBy('id');

test('answers as the query built each time, for every parameter, camelCased', async () => {
  const compiledOnce = precompiled(build);
  for (const id of ['a', 'b', 'county', 'nobody', ODD]) {
    assert.deepEqual(await compiledOnce(db, id), await build(db, id).execute(), id);
  }
  assert.deepEqual(await compiledOnce(db, 'a'), [
    { id: 'a', parentId: 'county', name: 'A' },
    { id: ODD, parentId: 'a', name: 'Odd' },
  ]);
});

test('a parameter that would end up in the SQL text is refused', async () => {
  // Pasted into the SQL text rather than bound: compiling it once would freeze one value.
  const unsafe = precompiled((d, id) =>
    d
      .selectFrom('organisations')
      .selectAll()
      .where(sql<boolean>`id = ${sql.raw(`'${id}'`)}`),
  );
  await assert.rejects(unsafe(db, 'a'), /not a bound value/);
});
