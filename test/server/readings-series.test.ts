// The self-service kiosk's validated protocol (issue 14 §9) against real SQLite: three readings a
// minute apart and the mean of the last two, all four stored under one series; only the result
// counts for the resident's colour; a 'mean' its readings do not give, or sent before them, is
// refused; a second, different reading in the same place of a series is a conflict.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';

let stack: TestStack;
let kiosk: ApiSession;

before(async () => {
  stack = await startStack();
  const admin = await signIn(stack, 'zhoulei');
  kiosk = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
  const visit = await kiosk.send('POST', '/api/kiosk/visits', {
    idCardSuffix: '3426',
    birthDate: '1946-03-12',
  });
  assert.equal(visit.status, 200);
});
after(() => stack?.stop());

let counter = 0;
const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

function reading(series: Record<string, unknown>, systolic: number, diastolic: number, minutesAgo: number) {
  return {
    id: newId('s'),
    patientId: WANG,
    values: { measure: 'blood_pressure', systolic, diastolic, pulse: 72 },
    takenAt: at(minutesAgo),
    source: 'manual',
    setting: 'home',
    series,
  };
}

async function code(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('kiosk series', () => {
  test('three parts and their mean are stored; only the mean counts for the colour', async () => {
    const id = newId('series');
    // A high first reading (the white-coat rise the protocol is for), then two in target.
    const parts = [
      reading({ id, role: 'part', index: 1 }, 188, 96, 2),
      reading({ id, role: 'part', index: 2 }, 131, 83, 1),
      reading({ id, role: 'part', index: 3 }, 126, 80, 0),
    ];
    const early = await kiosk.send('POST', '/api/readings', {
      ...reading({ id, role: 'result' }, 129, 82, 0),
      values: { measure: 'blood_pressure', systolic: 129, diastolic: 82, pulse: 72 },
    });
    assert.equal(early.status, 400, 'a result before its readings');
    assert.equal(await code(early), 'reading_series_mismatch');
    for (const part of parts) assert.equal((await kiosk.send('POST', '/api/readings', part)).status, 201);
    const wrongMean = await kiosk.send('POST', '/api/readings', reading({ id, role: 'result' }, 148, 86, 0));
    assert.equal(wrongMean.status, 400);
    assert.equal(await code(wrongMean), 'reading_series_mismatch');
    // (131 + 126) / 2 = 128.5 → 129; (83 + 80) / 2 = 81.5 → 82.
    const result = reading({ id, role: 'result' }, 129, 82, 0);
    const stored = await kiosk.send('POST', '/api/readings', result);
    assert.equal(stored.status, 201);
    assert.deepEqual(((await stored.json()) as { series: unknown }).series, { id, role: 'result' });
    const another = await kiosk.send(
      'POST',
      '/api/readings',
      reading({ id, role: 'part', index: 2 }, 140, 90, 0),
    );
    assert.equal(another.status, 409, 'a second reading 2 in the same series');
    assert.equal(await code(another), 'reading_conflict');

    const list = (await (await kiosk.send('GET', `/api/patients/${WANG}/readings?days=7`)).json()) as {
      readings: { id: string; series: { id: string; role: string } | null; colour: string }[];
    };
    const mine = list.readings.filter((r) => r.series?.id === id);
    assert.equal(mine.length, 4, 'all three readings and the result kept');
    assert.deepEqual(mine.map((r) => r.series?.role).sort(), ['part', 'part', 'part', 'result']);
    assert.equal(mine.find((r) => r.series?.role === 'result')?.colour, 'green');
    const rows = await stack.api.db
      .selectFrom('readings')
      .select(['seriesRole', 'seriesIndex'])
      .where('seriesId', '=', id)
      .orderBy('seriesIndex')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.seriesRole, r.seriesIndex]),
      [
        ['result', 0],
        ['part', 1],
        ['part', 2],
        ['part', 3],
      ],
    );
  });

  test('a part is not counted for the colour view or the latest readings', async () => {
    const id = newId('series');
    // Only a red part, no result yet: the resident is not made red by it.
    assert.equal(
      (await kiosk.send('POST', '/api/readings', reading({ id, role: 'part', index: 1 }, 200, 120, 0)))
        .status,
      201,
    );
    const list = (await (await kiosk.send('GET', `/api/patients/${WANG}/readings?days=7`)).json()) as {
      colour: { reasons: string[] };
    };
    assert.ok(!list.colour.reasons.includes('red_reading'), JSON.stringify(list.colour));
  });
});
