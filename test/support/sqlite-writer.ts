// A second process writing to the API's SQLite file through the API's own openSqlite (WAL, busy
// timeout): test/server/sqlite-contention.test.ts runs two at once.
// Arguments: database file, writer name, transactions, go file, and optionally a busy timeout in ms
// to use instead of the API's (0 shows what happens without one).
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openSqlite } from '../../src/server/db/database.js';

const [file = '', writer = '', countText = '0', goFile = '', busyTimeout] = process.argv.slice(2);
const db = openSqlite(file);
if (busyTimeout !== undefined) await sql.raw(`pragma busy_timeout = ${Number(busyTimeout)}`).execute(db);
const timeout = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
console.log(JSON.stringify({ ready: true, busyTimeout: timeout.rows[0]?.timeout }));
while (!existsSync(goFile)) await sleep(10);

const errors: string[] = [];
let committed = 0;
for (let i = 0; i < Number(countText); i++) {
  try {
    // Write first, as the API's counting transactions do (bookings.ts): the write lock is taken
    // at the first statement, so a busy database is waited for rather than refused.
    await db.transaction().execute(async (trx) => {
      for (let row = 0; row < 20; row++)
        await sql`insert into contention (writer, n) values (${writer}, ${i * 20 + row})`.execute(trx);
      await sql`update contention_total set n = n + 20`.execute(trx);
    });
    committed++;
  } catch (error) {
    errors.push(String((error as { code?: string }).code ?? error));
  }
}
await db.destroy();
console.log(JSON.stringify({ committed, errors }));
