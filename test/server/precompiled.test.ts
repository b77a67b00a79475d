// db/precompiled.ts: a query compiled once answers exactly as the same query built each time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openSqlite } from '../../src/server/db/database.js';
import { precompiled, precompiledQuery } from '../../src/server/db/precompiled.js';
import type { Db } from '../../src/server/db/types.js';
import type { OrganisationTable } from '../../src/server/directory/tables.js';

type Kind = OrganisationTable['kind'];

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

// Named parameters (the access check, the reading's insert): each goes to its own places.
const byKindAndParent = precompiledQuery<{ kind: Kind; parentId: string }, { id: string }>(
  ['kind', 'parentId'],
  (d, p) =>
    d
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', p.kind)
      .where((eb) => eb.or([eb('parentId', '=', p.parentId), eb('id', '=', p.parentId)]))
      .where('name', '!=', 'never')
      .orderBy('id'),
);

test('named parameters: each value goes where its name stood, fixed values stay', async () => {
  for (const [kind, parentId] of [
    ['health_centre', 'county'],
    ['health_centre', 'a'],
    ['county', 'county'],
    ['health_centre', ODD],
  ] as const) {
    const built = await d(kind, parentId);
    assert.deepEqual((await byKindAndParent(db, { kind, parentId })).rows, built, `${kind} ${parentId}`);
  }
  assert.deepEqual((await byKindAndParent(db, { kind: 'health_centre', parentId: 'county' })).rows, [
    { id: 'a' },
    { id: 'b' },
  ]);
  function d(kind: Kind, parentId: string) {
    return db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', kind)
      .where((eb) => eb.or([eb('parentId', '=', parentId), eb('id', '=', parentId)]))
      .orderBy('id')
      .execute();
  }
});

test('compiled for the database, run inside one of its transactions (sees its uncommitted rows)', async () => {
  const insert = precompiledQuery<{ id: string; parentId: string }, never>(['id', 'parentId'], (d, p) =>
    d
      .insertInto('organisations')
      .values({ id: p.id, kind: 'village_clinic', name: 'V', parentId: p.parentId }),
  );
  await db
    .transaction()
    .execute(async (trx) => {
      const result = await insert(db, { id: 'v-in-trx', parentId: 'a' }, trx);
      assert.equal(Number(result.numAffectedRows), 1);
      const seen = await trx.selectFrom('organisations').select('id').where('id', '=', 'v-in-trx').execute();
      assert.equal(seen.length, 1);
      throw new Error('roll back');
    })
    .catch((error: unknown) => assert.match(String(error), /roll back/));
  assert.equal(
    (await db.selectFrom('organisations').select('id').where('id', '=', 'v-in-trx').execute()).length,
    0,
  );
});

test('a named parameter that is not a bound value, or not used at all, is refused', async () => {
  const unused = precompiledQuery<{ id: string; other: string }, unknown>(['id', 'other'], (d, p) =>
    d.selectFrom('organisations').selectAll().where('id', '=', p.id),
  );
  await assert.rejects(unused(db, { id: 'a', other: 'b' }), /parameter other is not a bound value/);
  const pasted = precompiledQuery<{ id: string }, unknown>(['id'], (d, p) =>
    d
      .selectFrom('organisations')
      .selectAll()
      .where(sql<boolean>`id = ${sql.raw(`'${p.id}'`)}`),
  );
  await assert.rejects(pasted(db, { id: 'a' }), /parameter id is not a bound value/);
});
