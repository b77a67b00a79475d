// The schedule's pure rules at their boundaries: Asia/Shanghai dates across UTC midnight, the
// visit sentence's day offset, reminders, booking and cancelling at the exact start, the ring window.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bookingOpen,
  cancellable,
  describeVisit,
  nextAppointment,
  overlaps,
  remindersDue,
  remindersFor,
  videoRingDue,
  visitWindow,
} from '../../src/shared/schedule/schedule-rules.js';
import { MobileVisitInput, SlotInput } from '../../src/shared/schedule/schedule-schemas.js';
import {
  addDays,
  ageOn,
  daysBetween,
  halfDayOf,
  halfDayWindow,
  instantAt,
  isLocalDate,
  localDateOf,
  localTimeOf,
  weekdayOf,
} from '../../src/shared/schedule/shanghai-time.js';

const at = (iso: string) => new Date(iso);

describe('Asia/Shanghai time', () => {
  test('the local date turns at 16:00 UTC, not at UTC midnight', () => {
    assert.equal(localDateOf('2026-12-09T15:59:59.999Z'), '2026-12-09');
    assert.equal(localDateOf('2026-12-09T16:00:00.000Z'), '2026-12-10');
    assert.equal(localTimeOf('2026-12-09T16:00:00.000Z'), '00:00');
    assert.equal(localTimeOf('2026-12-09T15:59:00.000Z'), '23:59');
  });

  test('local date and time to an instant and back, across month and year ends', () => {
    assert.equal(instantAt('2027-01-01', '00:00'), '2026-12-31T16:00:00.000Z');
    assert.equal(instantAt('2026-12-10', '09:00'), '2026-12-10T01:00:00.000Z');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2027-03-01', -1), '2027-02-28');
    assert.equal(addDays('2028-03-01', -1), '2028-02-29');
    assert.equal(daysBetween('2026-12-31', '2027-01-02'), 2);
    assert.equal(daysBetween('2027-01-02', '2026-12-31'), -2);
  });

  test('dates that do not exist are refused', () => {
    assert.equal(isLocalDate('2027-02-29'), false);
    assert.equal(isLocalDate('2028-02-29'), true);
    assert.throws(() => instantAt('2027-02-30'), RangeError);
    assert.throws(() => instantAt('2027-01-01', '24:00'), RangeError);
  });

  test('an age turns on the county’s birthday, from 16:00 UTC the day before', () => {
    // The waiting room shows each resident's age: born 1944-12-06, she is 82 from Shanghai's
    // midnight of 2026-12-06, which is 16:00 UTC on the 5th, whatever the server's own zone.
    assert.equal(ageOn('1944-12-06', at('2026-12-05T15:59:59Z')), 81);
    assert.equal(ageOn('1944-12-06', at('2026-12-05T16:00:00Z')), 82);
    assert.equal(ageOn('1944-12-06', at('2026-12-05T23:59:59Z')), 82);
    assert.equal(ageOn('1944-01-01', at('2026-12-31T16:00:00Z')), 83, 'the new year in Shanghai');
    assert.equal(ageOn('1944-01-01', at('2026-12-31T15:59:59Z')), 82);
  });

  test('weekday and half day are the county’s, not UTC’s', () => {
    assert.equal(weekdayOf('2026-12-10'), 4); // a Thursday
    assert.equal(halfDayOf('2026-12-10T03:59:59.000Z'), 'morning'); // 11:59:59 local
    assert.equal(halfDayOf('2026-12-10T04:00:00.000Z'), 'afternoon'); // 12:00 local
    assert.equal(halfDayOf('2026-12-09T16:30:00.000Z'), 'morning'); // 00:30 local, the next day
    assert.deepEqual(halfDayWindow('2026-12-10', 'afternoon'), {
      startsAt: '2026-12-10T04:00:00.000Z',
      endsAt: '2026-12-10T16:00:00.000Z',
    });
  });
});

describe('the visit sentence', () => {
  const visit = {
    vehicle: 'health-check-van' as const,
    villageName: '柳树村',
    place: '村委会',
    ...visitWindow('2026-12-10', '09:00', '11:30'),
  };

  test('parts for "体检车 comes to 柳树村 on Thursday 9:00-11:30 at the village hall"', () => {
    assert.deepEqual(describeVisit(visit, at('2026-12-07T02:00:00Z')), {
      vehicle: 'health-check-van',
      villageName: '柳树村',
      place: '村委会',
      date: '2026-12-10',
      weekday: 4,
      dayOffset: 3,
      startTime: '09:00',
      endTime: '11:30',
    });
  });

  test('"tomorrow" flips to "today" at local midnight, which is 16:00 UTC', () => {
    assert.equal(describeVisit(visit, at('2026-12-09T15:59:59Z')).dayOffset, 1);
    assert.equal(describeVisit(visit, at('2026-12-09T16:00:00Z')).dayOffset, 0);
    assert.equal(describeVisit(visit, at('2026-12-10T15:59:59Z')).dayOffset, 0);
    assert.equal(describeVisit(visit, at('2026-12-10T16:00:00Z')).dayOffset, -1);
  });

  test('a visit window across midnight or backwards is refused, in the rule and the schema', () => {
    assert.throws(() => visitWindow('2026-12-10', '23:00', '01:00'), RangeError);
    assert.throws(() => visitWindow('2026-12-10', '09:00', '09:00'), RangeError);
    const input = {
      villageId: 'liushu-village-clinic',
      vehicle: 'ct-van',
      date: '2026-12-10',
      startTime: '11:30',
      endTime: '09:00',
      place: '村委会',
    };
    assert.equal(MobileVisitInput.safeParse(input).success, false);
    assert.equal(MobileVisitInput.safeParse({ ...input, endTime: '12:00' }).success, true);
    assert.equal(
      MobileVisitInput.safeParse({ ...input, date: '2027-02-29', endTime: '12:00' }).success,
      false,
    );
    assert.equal(MobileVisitInput.safeParse({ ...input, vehicle: 'bus', endTime: '12:00' }).success, false);
  });
});

describe('reminders', () => {
  test('the evening before at 18:00 and the morning of at 07:00, local', () => {
    assert.deepEqual(remindersFor(instantAt('2026-12-10', '09:00')), [
      { kind: 'day-before', at: '2026-12-09T10:00:00.000Z' },
      { kind: 'morning-of', at: '2026-12-09T23:00:00.000Z' },
    ]);
  });

  test('a visit on the 1st is reminded on the last day of the month before', () => {
    assert.equal(remindersFor(instantAt('2027-01-01', '09:00'))[0]?.at, instantAt('2026-12-31', '18:00'));
    assert.equal(remindersFor(instantAt('2027-03-01', '09:00'))[0]?.at, instantAt('2027-02-28', '18:00'));
  });

  test('an early start is reminded an hour before, not after it began', () => {
    const start = instantAt('2026-12-10', '07:30');
    assert.equal(remindersFor(start)[1]?.at, instantAt('2026-12-10', '06:30'));
    assert.equal(remindersFor(instantAt('2026-12-10', '08:00'))[1]?.at, instantAt('2026-12-10', '07:00'));
  });

  test('due: each reminder once, in the sweep whose interval holds it; none after the start', () => {
    const start = instantAt('2026-12-10', '09:00');
    const dayBefore = at(instantAt('2026-12-09', '18:00'));
    const justBefore = new Date(dayBefore.getTime() - 1);
    assert.deepEqual(
      remindersDue(start, justBefore, dayBefore).map((r) => r.kind),
      ['day-before'],
    );
    assert.deepEqual(remindersDue(start, dayBefore, at(instantAt('2026-12-10', '06:59'))), []);
    assert.deepEqual(
      remindersDue(start, justBefore, at(instantAt('2026-12-10', '07:00'))).map((r) => r.kind),
      ['day-before', 'morning-of'],
    );
    assert.deepEqual(remindersDue(start, justBefore, at(start)), []);
  });
});

describe('booking, cancelling, ringing at the exact boundary', () => {
  const slot = { startsAt: '2026-12-10T01:00:00.000Z', endsAt: '2026-12-10T01:30:00.000Z' };

  test('bookings close at the start, not a millisecond later', () => {
    assert.equal(bookingOpen(slot, at('2026-12-10T00:59:59.999Z')), true);
    assert.equal(bookingOpen(slot, at('2026-12-10T01:00:00.000Z')), false);
  });

  test('cancelling: booked and before the start only', () => {
    assert.equal(cancellable({ ...slot, status: 'booked' }, at('2026-12-10T00:59:59.999Z')), true);
    assert.equal(cancellable({ ...slot, status: 'booked' }, at('2026-12-10T01:00:00.000Z')), false);
    assert.equal(cancellable({ ...slot, status: 'cancelled' }, at('2026-12-09T00:00:00.000Z')), false);
  });

  test('a video appointment rings from its time for 15 minutes', () => {
    assert.equal(videoRingDue(slot, at('2026-12-10T00:59:59.999Z')), false);
    assert.equal(videoRingDue(slot, at('2026-12-10T01:00:00.000Z')), true);
    assert.equal(videoRingDue(slot, at('2026-12-10T01:14:59.999Z')), true);
    assert.equal(videoRingDue(slot, at('2026-12-10T01:15:00.000Z')), false);
  });

  test('windows that touch do not overlap; one minute in does', () => {
    const next = { startsAt: slot.endsAt, endsAt: '2026-12-10T02:00:00.000Z' };
    assert.equal(overlaps(slot, next), false);
    assert.equal(overlaps(slot, { ...next, startsAt: '2026-12-10T01:29:00.000Z' }), true);
  });

  test('the next appointment: booked, not yet ended, earliest first', () => {
    const list = [
      {
        id: 'later',
        status: 'booked',
        startsAt: '2026-12-11T01:00:00.000Z',
        endsAt: '2026-12-11T02:00:00.000Z',
      },
      {
        id: 'gone',
        status: 'cancelled',
        startsAt: '2026-12-10T02:00:00.000Z',
        endsAt: '2026-12-10T03:00:00.000Z',
      },
      { id: 'now', ...slot, status: 'booked' },
    ];
    assert.equal(nextAppointment(list, at('2026-12-10T01:29:59.999Z'))?.id, 'now');
    assert.equal(nextAppointment(list, at('2026-12-10T01:30:00.000Z'))?.id, 'later');
    assert.equal(nextAppointment(list, at('2026-12-12T00:00:00.000Z')), null);
  });

  test('slot input: a mobile-clinic slot needs its visit, others must not have one', () => {
    const base = { startsAt: slot.startsAt, endsAt: slot.endsAt, capacity: 5 };
    assert.equal(SlotInput.safeParse({ ...base, kind: 'mobile-clinic' }).success, false);
    assert.equal(SlotInput.safeParse({ ...base, kind: 'mobile-clinic', visitId: 'v-1' }).success, true);
    assert.equal(SlotInput.safeParse({ ...base, kind: 'video', visitId: 'v-1' }).success, false);
    assert.equal(SlotInput.safeParse({ ...base, kind: 'video', capacity: 0 }).success, false);
  });
});
