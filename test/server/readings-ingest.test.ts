// The readings write path under concurrency (issue 14's ingest goal, docs/PERFORMANCE.md): posts
// that arrive together share one transaction (group commit), and still each reading is stored once
// by its id and its device record, a conflicting body is refused, a bad reading refuses only
// itself, and a 201 is answered only once the reading is committed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openSqlite } from '../../src/server/db/database.js';
import { commitGroupOf } from '../../src/server/db/group-commit.js';
import type { Db } from '../../src/server/db/types.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

const LIU = 'res-liu-changshan';

let stack: TestStack;
let tv: ApiSession;
let observer: Db;

before(async () => {
  stack = await startStack();
  const doctor = await signIn(stack, 'zhangwei');
  tv = await pairDevice(stack, doctor, { kind: 'tv', residentId: LIU });
  // A second connection to the API's file: it sees only what was committed.
  observer = openSqlite(stack.databaseFile);
});
after(async () => {
  await observer?.destroy();
  await stack?.stop();
});

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-ingest`;
const cuffReading = (id: string, sequenceNumber: number, systolic = 124) => ({
  id,
  patientId: LIU,
  values: { measure: 'blood_pressure', systolic, diastolic: 80, pulse: 68 },
  takenAt: new Date().toISOString(),
  source: 'device',
  setting: 'home',
  device: { id: `cuff-${id}`, name: 'Cuff', userId: 1, sequenceNumber, deviceTime: null },
});
async function storedIds(ids: readonly string[]): Promise<string[]> {
  const rows = await observer
    .selectFrom('readings')
    .select('id')
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}
const post = (body: unknown) => tv.send('POST', '/api/readings', body);

describe('readings ingest under concurrency', () => {
  test('300 concurrent posts, 100 readings each sent three times: each stored once, one 201 per reading, through the group commit', async () => {
    const group = commitGroupOf(stack.api.db);
    const before = { ...group.stats };
    const bodies = Array.from({ length: 100 }, (_, i) => cuffReading(newId('thrice'), i));
    const sends = [...bodies, ...bodies, ...bodies].map((body) =>
      post(body).then((r) => ({ id: body.id, r })),
    );
    const answers = await Promise.all(sends);
    for (const body of bodies) {
      const mine = answers.filter((a) => a.id === body.id).map((a) => a.r.status);
      assert.deepEqual(mine.sort(), [200, 200, 201], `${body.id}: one 201 (stored), two 200 (retries)`);
    }
    assert.deepEqual(await storedIds(bodies.map((b) => b.id)), bodies.map((b) => b.id).sort());
    // Every post, retries included, went through the group's transactions. (How many share one
    // depends on arrival: here the client shares the server's event loop, which a commit's sync
    // blocks, so they rarely overlap; test/server/group-commit.test.ts proves the grouping.)
    assert.equal(group.stats.writes - before.writes, 300);
  });

  test('100 concurrent posts of one id with different bodies: one stored, 99 refused with reading_conflict', async () => {
    const id = newId('conflict');
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(cuffReading(id, 7, 110 + i)).then((r) => ({ i, r }))),
    );
    const created = answers.filter((a) => a.r.status === 201);
    assert.equal(created.length, 1);
    const refused = answers.filter((a) => a.r.status === 409);
    assert.equal(refused.length, 99);
    for (const a of refused) assert.equal(await errorCode(a.r), 'reading_conflict');
    const row = await observer
      .selectFrom('readings')
      .select('valuesJson')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const winner = created[0]?.i ?? -1;
    assert.equal((JSON.parse(row.valuesJson) as { systolic: number }).systolic, 110 + winner);
  });

  test('bad readings in a burst of good ones refuse only themselves', async () => {
    // Stored first: 50 device records that the burst then replays under new ids with other values.
    const originals = Array.from({ length: 50 }, (_, i) => cuffReading(newId('original'), i));
    for (const body of originals) assert.equal((await post(body)).status, 201);

    const good = Array.from({ length: 200 }, (_, i) => cuffReading(newId('good'), i));
    // Refused before the write path: outside what a cuff can measure.
    const implausible = Array.from({ length: 50 }, (_, i) => cuffReading(newId('typo'), i, 900));
    // Refused inside the shared transaction: the same device record with other values (409).
    const replays = originals.map((o) => ({ ...cuffReading(newId('replay'), 0, 150), device: o.device }));
    const burst = [...good, ...implausible, ...replays];
    const answers = await Promise.all(burst.map((body) => post(body)));

    answers.slice(0, 200).forEach((r, i) => assert.equal(r.status, 201, good[i]?.id));
    for (const r of answers.slice(200, 250)) assert.equal(await errorCode(r), 'reading_implausible');
    for (const r of answers.slice(250)) {
      assert.equal(r.status, 409);
      assert.equal(await errorCode(r), 'reading_conflict');
    }
    assert.deepEqual(await storedIds(good.map((b) => b.id)), good.map((b) => b.id).sort());
    assert.deepEqual(await storedIds([...implausible, ...replays].map((b) => b.id)), []);
  });

  test('a 201 is answered only once the reading is committed: another connection already sees it', async () => {
    const bodies = Array.from({ length: 100 }, (_, i) => cuffReading(newId('durable'), i));
    const seen = await Promise.all(
      bodies.map(async (body) => {
        const response = await post(body);
        assert.equal(response.status, 201);
        return (await storedIds([body.id])).length;
      }),
    );
    assert.deepEqual(
      seen,
      bodies.map(() => 1),
    );
  });
});
