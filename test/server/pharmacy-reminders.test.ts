// Medication reminders as pure functions (issue 15 §5): dose times in Asia/Shanghai across day
// boundaries, re-reminders at 15 and 30 minutes, missed after an hour, answered doses never fire,
// adherence, days of supply left, the reorder offer, and a TV clock that is wrong.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  adherence,
  clockOffset,
  daysOfSupplyLeft,
  doseState,
  doseTimesBetween,
  nextDoseAt,
  offersReorder,
  serverNow,
  shanghaiClock,
  supplyEndsAt,
  type Answer,
} from '../../src/shared/pharmacy/reminders.js';

const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;
/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('dose times in Asia/Shanghai', () => {
  const course = { startsAt: sh('2026-03-01T10:00:00'), endsAt: sh('2026-03-04T10:00:00') };

  test('qd at 08:00 Shanghai is 00:00 UTC: the first dose is the next morning', () => {
    const times = doseTimesBetween('qd', course, course.startsAt, course.endsAt);
    assert.deepEqual(iso(times), [
      '2026-03-02T00:00:00.000Z',
      '2026-03-03T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
    ]);
  });

  test('bid and tid fall on the clock times; a course ends before a dose at its end instant', () => {
    const bid = doseTimesBetween('bid', course, course.startsAt, course.endsAt).map(shanghaiClock);
    assert.deepEqual(bid, ['20:00', '08:00', '20:00', '08:00', '20:00', '08:00']);
    const tid = doseTimesBetween('tid', course, sh('2026-03-02T00:00:00'), sh('2026-03-03T00:00:00'));
    assert.deepEqual(tid.map(shanghaiClock), ['07:30', '11:30', '17:30']);
    const endsAtDose = { startsAt: course.startsAt, endsAt: sh('2026-03-02T08:00:00') };
    assert.deepEqual(doseTimesBetween('qd', endsAtDose, endsAtDose.startsAt, endsAtDose.endsAt), []);
  });

  test('qn at 21:00 Shanghai is 13:00 UTC the same day; a prescription issued at 23:30 starts the next night', () => {
    const issued = { startsAt: sh('2026-03-01T23:30:00'), endsAt: sh('2026-03-10T00:00:00') };
    const next = nextDoseAt('qn', issued, issued.startsAt);
    assert.equal(next?.toISOString(), '2026-03-02T13:00:00.000Z');
  });

  test('the next dose: at its exact instant it is still next; past the course there is none', () => {
    assert.equal(
      nextDoseAt('qd', course, sh('2026-03-02T08:00:00'))?.toISOString(),
      '2026-03-02T00:00:00.000Z',
    );
    assert.equal(
      nextDoseAt('qd', course, sh('2026-03-02T08:00:01'))?.toISOString(),
      '2026-03-03T00:00:00.000Z',
    );
    assert.equal(nextDoseAt('qd', course, sh('2026-03-04T08:00:01')), null);
  });

  test('a month boundary and a year boundary in Shanghai while UTC is still the day before', () => {
    const c = { startsAt: sh('2026-12-31T12:00:00'), endsAt: sh('2027-01-02T12:00:00') };
    const times = doseTimesBetween('bid', c, c.startsAt, c.endsAt);
    assert.deepEqual(iso(times), [
      '2026-12-31T12:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2027-01-01T12:00:00.000Z',
      '2027-01-02T00:00:00.000Z',
    ]);
  });
});

describe('one dose: reminders, answers, missed', () => {
  const t = sh('2026-03-02T08:00:00');
  const at = (minutes: number) => new Date(t.getTime() + minutes * MIN);
  const taken = (m: number): Answer => ({ answer: 'taken', at: at(m) });
  const later = (m: number): Answer => ({ answer: 'later', at: at(m) });

  test('upcoming before its time; fires at its time, again at +15 and +30, missed at +60', () => {
    assert.deepEqual(doseState(t, [], at(-1)), { state: 'upcoming', nextFireAt: t, showNow: false });
    const due = doseState(t, [], at(0));
    assert.equal(due.state, 'due');
    assert.equal(due.showNow, true);
    assert.deepEqual(due.nextFireAt, at(15));
    assert.deepEqual(doseState(t, [], at(15)).nextFireAt, at(30));
    assert.deepEqual(doseState(t, [], at(30)).nextFireAt, null);
    assert.equal(doseState(t, [], at(59.99)).state, 'due');
    assert.equal(doseState(t, [], at(60)).state, 'missed');
  });

  test('taken: never fires again, on time within the hour, late after', () => {
    const s = doseState(t, [taken(5)], at(6));
    assert.deepEqual(s, { state: 'taken', onTime: true, nextFireAt: null, showNow: false });
    assert.equal((doseState(t, [taken(60)], at(90)) as { onTime: boolean }).onTime, true);
    assert.equal((doseState(t, [taken(61)], at(90)) as { onTime: boolean }).onTime, false);
    // Taken a little early (the TV's reminder came at its time; the resident took it before).
    assert.equal((doseState(t, [taken(-10)], at(0)) as { onTime: boolean }).onTime, true);
    // Taken after 'later': taken wins.
    assert.equal(doseState(t, [later(1), taken(3)], at(4)).state, 'taken');
  });

  test('稍后提醒: again 15 minutes after the press, earlier reminders skipped, not past the hour', () => {
    const s = doseState(t, [later(2)], at(3));
    assert.equal(s.state, 'due');
    assert.equal(s.showNow, false);
    assert.deepEqual(s.nextFireAt, at(17));
    // At +17 it shows, and the base reminder at +30 is still to come.
    const s2 = doseState(t, [later(2)], at(17));
    assert.equal(s2.showNow, true);
    assert.deepEqual(s2.nextFireAt, at(30));
    // Snoozed at +50: the snooze would end at +65, past the hour; nothing fires, then missed.
    assert.deepEqual(doseState(t, [later(50)], at(51)).nextFireAt, null);
    assert.equal(doseState(t, [later(50)], at(60)).state, 'missed');
  });

  test('a TV switched on 20 minutes late shows the due dose at once', () => {
    const s = doseState(t, [], at(20));
    assert.equal(s.showNow, true);
    assert.deepEqual(s.nextFireAt, at(30));
  });
});

describe('the TV clock is wrong: the server time decides', () => {
  test('offset from one round trip, then every decision by server time', () => {
    // The TV's clock is 7 hours and 3 minutes behind; the request took 400 ms there and back.
    const server = sh('2026-03-02T08:00:00').getTime();
    const tvSent = server - (7 * 60 + 3) * MIN - 200;
    const offset = clockOffset(server, tvSent, tvSent + 400);
    assert.equal(offset, (7 * 60 + 3) * MIN);
    const tvClockLater = tvSent + 400 + 61 * MIN;
    const now = serverNow(tvClockLater, offset);
    assert.equal(doseState(sh('2026-03-02T08:00:00'), [], now).state, 'missed');
    // By the TV's own clock the dose would still be upcoming: the wrong answer.
    assert.equal(doseState(sh('2026-03-02T08:00:00'), [], new Date(tvClockLater)).state, 'upcoming');
  });

  test('a TV clock ahead by a day', () => {
    const server = sh('2026-03-02T07:59:00').getTime();
    const tv = server + DAY;
    const offset = clockOffset(server, tv, tv);
    assert.equal(doseState(sh('2026-03-02T08:00:00'), [], serverNow(tv + MIN, offset)).state, 'due');
  });
});

describe('supply and reorder', () => {
  const start = sh('2026-03-01T09:00:00');
  test('days left count part days; a refill arriving early extends the end', () => {
    const supplies = [{ startsAt: start, days: 28 }];
    assert.equal(daysOfSupplyLeft(supplies, start), 28);
    assert.equal(daysOfSupplyLeft(supplies, new Date(start.getTime() + 21 * DAY)), 7);
    assert.equal(daysOfSupplyLeft(supplies, new Date(start.getTime() + 21 * DAY + 1)), 7);
    assert.equal(daysOfSupplyLeft(supplies, new Date(start.getTime() + 28 * DAY)), 0);
    assert.equal(daysOfSupplyLeft(supplies, new Date(start.getTime() + 40 * DAY)), 0);
    const refill = [...supplies, { startsAt: new Date(start.getTime() + 20 * DAY), days: 28 }];
    assert.equal(supplyEndsAt(refill)?.getTime(), start.getTime() + 56 * DAY);
    // A refill after running out starts from its own day.
    const gap = [...supplies, { startsAt: new Date(start.getTime() + 30 * DAY), days: 28 }];
    assert.equal(supplyEndsAt(gap)?.getTime(), start.getTime() + 58 * DAY);
    assert.equal(daysOfSupplyLeft([], start), 0);
  });

  test('the TV offers the reorder at 7 days left, not 8', () => {
    assert.equal(offersReorder(8), false);
    assert.equal(offersReorder(7), true);
    assert.equal(offersReorder(0), true);
  });
});

describe('adherence', () => {
  test('on time, late, missed; doses still open are not counted', () => {
    const base = sh('2026-03-01T08:00:00').getTime();
    const doses = [0, 1, 2, 3].map((d) => new Date(base + d * DAY));
    const answers = new Map<number, Answer[]>([
      [doses[0]!.getTime(), [{ answer: 'taken', at: new Date(base + 10 * MIN) }]],
      [doses[1]!.getTime(), [{ answer: 'taken', at: new Date(base + DAY + 90 * MIN) }]],
      // dose 2: no answer: missed; dose 3: its hour is still running.
    ]);
    const now = new Date(base + 3 * DAY + 30 * MIN);
    const count = adherence(doses, (d) => answers.get(d.getTime()) ?? [], now);
    assert.deepEqual(count, { scheduled: 3, onTime: 1, late: 1, missed: 1, onTimePercent: 33 });
    assert.equal(adherence([], () => [], now).onTimePercent, null);
  });
});
