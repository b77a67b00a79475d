// The township keeps its mobile-clinic visits and their slots in the console (issue 16 §1): the
// form's choices (its villages and staff), and bad input refused with a 4xx and nothing changed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  MobileVisit,
  MobileVisitList,
  SlotList,
  TownshipPlaces,
} from '../../src/shared/schedule/schedule-schemas.js';
import { addDays, instantAt, localDateOf } from '../../src/shared/schedule/shanghai-time.js';
import { signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';

let stack: TestStack;
let lifang: ApiSession;
let zhaomin: ApiSession;
let nurse: ApiSession;

const body = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
};

before(async () => {
  stack = await startStack();
  lifang = await signIn(stack, 'lifang');
  zhaomin = await signIn(stack, 'zhaomin');
  nurse = await signIn(stack, 'wuhong');
});

after(async () => {
  await stack.stop();
});

describe('the township keeps its visits', () => {
  test("the visit form's choices: the township's villages and care homes, its doctors and nurses", async () => {
    const places = await body<TownshipPlaces>(await lifang.send('GET', '/api/township'), 200);
    assert.equal(places.township.id, 'donghe-health-centre');
    const villages = places.villages.map((v) => v.id);
    assert.ok(
      villages.includes('liushu-village-clinic') && villages.includes('donghe-care-home'),
      villages.join(),
    );
    assert.ok(places.villages.every((v) => !v.name.endsWith('卫生室')));
    const staff = places.staff.map((p) => p.id);
    assert.ok(staff.includes('dr-li-fang') && staff.includes('nurse-wu-hong'), staff.join());
    const other = await body<TownshipPlaces>(await zhaomin.send('GET', '/api/township'), 200);
    assert.ok(!other.villages.some((v) => villages.includes(v.id)), 'another township, other villages');
  });

  test('bad input is a 4xx and changes nothing, on create and on edit', async () => {
    const list = async () =>
      JSON.stringify(await body<MobileVisitList>(await lifang.send('GET', '/api/visits'), 200));
    const input = {
      villageId: 'liushu-village-clinic',
      vehicle: 'rounds-car',
      date: addDays(localDateOf(new Date()), 14),
      startTime: '09:00',
      endTime: '11:30',
      place: '村委会',
      teamIds: ['dr-li-fang'],
    };
    const visit = await body<MobileVisit>(await lifang.send('POST', '/api/visits', input), 201);
    const before = await list();
    const bad: [string, unknown, number][] = [
      ['end before start', { ...input, startTime: '11:30', endTime: '09:00' }, 400],
      ['unknown vehicle', { ...input, vehicle: 'boat' }, 400],
      ['no place', { ...input, place: '  ' }, 400],
      ['a date that is no date', { ...input, date: '2026-02-30' }, 400],
      ['a resident in the team', { ...input, teamIds: [WANG] }, 400],
      ['an unknown field', { ...input, colour: 'red' }, 400],
      ["another township's village", { ...input, villageId: 'nanshan-village-clinic' }, 404],
      ['in the past', { ...input, date: addDays(localDateOf(new Date()), -2) }, 400],
    ];
    for (const [what, sent, status] of bad) {
      const created = await lifang.send('POST', '/api/visits', sent);
      assert.equal(created.status, status, `create, ${what}: ${await created.text()}`);
      const edited = await lifang.send('PUT', `/api/visits/${visit.id}`, sent);
      assert.equal(edited.status, status, `edit, ${what}: ${await edited.text()}`);
    }
    assert.equal(await list(), before);
  });
});

describe("a visit's slots", () => {
  test('places within the visit, of its township, while it is on; bad input is a 4xx and opens nothing', async () => {
    const date = addDays(localDateOf(new Date()), 15);
    const visit = await body<MobileVisit>(
      await lifang.send('POST', '/api/visits', {
        villageId: 'shiqiao-village-clinic',
        vehicle: 'health-check-van',
        date,
        startTime: '09:00',
        endTime: '11:30',
        place: '村委会',
        teamIds: [],
      }),
      201,
    );
    const slot = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
      kind: 'mobile-clinic',
      visitId: visit.id,
      startsAt: instantAt(date, start),
      endsAt: instantAt(date, end),
      capacity: 6,
      ...extra,
    });
    const ofVisit = async () =>
      (await body<SlotList>(await lifang.send('GET', `/api/slots?visitId=${visit.id}`), 200)).slots.length;
    const bad: [string, ApiSession, unknown, number][] = [
      ['before the van comes', lifang, slot('08:30', '09:00'), 400],
      ['after it leaves', lifang, slot('11:15', '11:45'), 400],
      ['end before start', lifang, slot('10:00', '09:30'), 400],
      ['no places', lifang, slot('09:00', '09:30', { capacity: 0 }), 400],
      [
        'a mobile-clinic slot without its visit',
        lifang,
        { ...slot('09:00', '09:30'), visitId: undefined },
        400,
      ],
      ["another township's doctor", zhaomin, slot('09:00', '09:30'), 404],
      ['a nurse (the doctors open places)', nurse, slot('09:00', '09:30'), 403],
    ];
    for (const [what, who, sent, status] of bad) {
      const response = await who.send('POST', '/api/slots', sent);
      assert.equal(response.status, status, `${what}: ${await response.text()}`);
    }
    assert.equal(await ofVisit(), 0, 'nothing opened');
    const opened = await body<SlotList>(await lifang.send('POST', '/api/slots', slot('09:00', '09:30')), 201);
    assert.equal(opened.slots[0]?.organisation.id, 'shiqiao-village-clinic');
    assert.equal(await ofVisit(), 1);
    assert.equal((await lifang.send('POST', `/api/visits/${visit.id}/cancel`)).status, 200);
    const late = await lifang.send('POST', '/api/slots', slot('10:00', '10:30'));
    assert.equal(late.status, 409, 'a called-off visit takes no places');
    assert.equal(await ofVisit(), 1);
  });
});
