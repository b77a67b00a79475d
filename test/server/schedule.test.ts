// The schedule against real SQLite and the real LiveKit server: visits per village, slots with
// capacity, booking and cancelling under a few hundred simultaneous requests (the last place, the
// same resident in two slots at once, two cancels at once), home visits from the kiosk to the
// console and back to the TV, the family-doctor team, the record summary, and a booked video
// consultation's ring and the reminders are in schedule-clock.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  Appointment,
  FamilyDoctorTeam,
  HomeVisit,
  MobileVisitList,
  RecordSummary,
  SignedResidents,
  Slot,
  SlotBookings,
  SlotList,
} from '../../src/shared/schedule/schedule-schemas.js';
import { addDays, instantAt, localDateOf } from '../../src/shared/schedule/shanghai-time.js';
import { openEvents } from '../support/push-events.js';
import {
  ApiSession,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const WANG = 'res-wang-xiuying'; // 柳树村; family doctor 张伟
const ZHAO = 'res-zhao-guilan'; // 东河镇敬老院; family doctor 李芳
const CROWD = 300;

let stack: TestStack;
let admin: ApiSession;
let lifang: ApiSession;
let zhaomin: ApiSession;
let nurse: ApiSession;
let tvWang: ApiSession;
let kiosk: ApiSession;
let dayCounter = 3;

const body = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
};

/** A fresh health-centre slot of 东河镇卫生院, on its own future day so tests do not collide. */
async function newSlot(capacity: number, start = '09:00', end = '09:30'): Promise<Slot> {
  const date = addDays(localDateOf(new Date()), (dayCounter += 1));
  const created = await body<SlotList>(
    await lifang.send('POST', '/api/slots', {
      kind: 'health-centre',
      startsAt: instantAt(date, start),
      endsAt: instantAt(date, end),
      capacity,
    }),
    201,
  );
  return created.slots[0] as Slot;
}

/** Many residents of the care home, so a kiosk can crowd one slot. */
async function addCareHomeResidents(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `res-crowd-${i}`);
  const createdAt = new Date().toISOString();
  await stack.api.db
    .insertInto('users')
    .values(
      ids.map((id, i) => ({
        id,
        role: 'resident' as const,
        displayName: `住户${i}`,
        organisationId: 'donghe-care-home',
        title: null,
        department: null,
        createdAt,
        username: null,
        passwordHash: null,
        pinHash: null,
      })),
    )
    .execute();
  await stack.api.db
    .insertInto('patients')
    .values(
      ids.map((userId) => ({
        userId,
        birthDate: '1945-01-01',
        sex: 'female' as const,
        familyDoctorId: 'dr-li-fang',
        careHomeId: 'donghe-care-home',
        address: '东河镇敬老院',
        conditions: '[]',
      })),
    )
    .execute();
  return ids;
}

async function codes(responses: Response[]): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  for (const response of responses) {
    const key =
      response.status < 300
        ? String(response.status)
        : ((await response.json()) as { error: { code: string } }).error.code;
    tally[key] = (tally[key] ?? 0) + 1;
  }
  return tally;
}

const bookedInDb = async (slotId: string) => {
  const slot = await stack.api.db
    .selectFrom('scheduleSlots')
    .select('booked')
    .where('id', '=', slotId)
    .executeTakeFirstOrThrow();
  const rows = await stack.api.db
    .selectFrom('appointments')
    .select('id')
    .where('slotId', '=', slotId)
    .where('status', '=', 'booked')
    .execute();
  return { counter: slot.booked, rows: rows.length };
};

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
  lifang = await signIn(stack, 'lifang');
  zhaomin = await signIn(stack, 'zhaomin');
  nurse = await signIn(stack, 'wuhong');
  tvWang = await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: WANG });
  kiosk = await kioskWithStaff(stack, admin);
});

after(() => stack?.stop());

describe('mobile-clinic visits', () => {
  test("the TV lists its own village's coming visits, with the sentence's parts and reminders", async () => {
    const { visits } = await body<MobileVisitList>(await tvWang.send('GET', '/api/visits'), 200);
    assert.ok(visits.length >= 5, `${visits.length} visits`);
    for (const visit of visits) {
      assert.equal(visit.village.id, 'liushu-village-clinic');
      assert.equal(visit.description.villageName, '柳树村');
      assert.ok(visit.description.dayOffset >= 0);
      assert.deepEqual(
        visit.reminders.map((r) => r.kind),
        ['day-before', 'morning-of'],
      );
    }
    assert.ok(visits.some((v) => v.vehicle === 'ct-van'));
  });

  test("a township doctor plans, moves and calls off a visit; another township's may not", async () => {
    const date = addDays(localDateOf(new Date()), 12);
    const input = {
      villageId: 'shiqiao-village-clinic',
      vehicle: 'health-check-van',
      date,
      startTime: '09:00',
      endTime: '11:30',
      place: '村委会',
      teamIds: ['dr-li-fang', 'nurse-wu-hong'],
    };
    const refused = await zhaomin.send('POST', '/api/visits', input);
    assert.equal(refused.status, 404, 'not a village of 西岭乡');
    const past = await lifang.send('POST', '/api/visits', {
      ...input,
      date: addDays(localDateOf(new Date()), -1),
    });
    assert.equal(past.status, 400);
    const visit = await body<{ id: string; description: { startTime: string } }>(
      await lifang.send('POST', '/api/visits', input),
      201,
    );
    const moved = await body<{ description: { startTime: string } }>(
      await lifang.send('PUT', `/api/visits/${visit.id}`, { ...input, startTime: '13:30', endTime: '16:00' }),
      200,
    );
    assert.equal(moved.description.startTime, '13:30');
    assert.equal((await lifang.send('POST', `/api/visits/${visit.id}/cancel`)).status, 200);
    assert.equal((await lifang.send('POST', `/api/visits/${visit.id}/cancel`)).status, 409);
  });
});

describe('booking under load', () => {
  test(`${CROWD} residents at once for the last place: exactly one gets it, the rest a 409 slot_full`, async () => {
    const residents = await addCareHomeResidents(CROWD + 4);
    const slot = await newSlot(5);
    for (const patientId of residents.slice(0, 4)) {
      await body(await kiosk.send('POST', '/api/appointments', { slotId: slot.id, patientId }), 201);
    }
    const responses = await Promise.all(
      residents
        .slice(4)
        .map((patientId) => kiosk.send('POST', '/api/appointments', { slotId: slot.id, patientId })),
    );
    assert.deepEqual(await codes(responses), { 201: 1, slot_full: CROWD - 1 });
    assert.deepEqual(await bookedInDb(slot.id), { counter: 5, rows: 5 });
    const console = await body<SlotBookings>(await lifang.send('GET', `/api/slots/${slot.id}/bookings`), 200);
    assert.equal(console.slot.capacity, 5);
    assert.equal(console.slot.booked, 5);
    assert.equal(console.appointments.length, 5);
  });

  test(`${CROWD} requests for a slot of 7: exactly 7 booked`, async () => {
    const slot = await newSlot(7);
    const residents = Array.from({ length: CROWD }, (_, i) => `res-crowd-${i}`);
    const responses = await Promise.all(
      residents.map((patientId) => kiosk.send('POST', '/api/appointments', { slotId: slot.id, patientId })),
    );
    assert.deepEqual(await codes(responses), { 201: 7, slot_full: CROWD - 7 });
    assert.deepEqual(await bookedInDb(slot.id), { counter: 7, rows: 7 });
  });

  test(`the same resident in two overlapping slots, ${CROWD} requests at once: one booking, the rest double_booking`, async () => {
    const a = await newSlot(50, '09:00', '09:30');
    const date = localDateOf(a.startsAt);
    const b = (
      await body<SlotList>(
        await lifang.send('POST', '/api/slots', {
          kind: 'health-centre',
          startsAt: instantAt(date, '09:15'),
          endsAt: instantAt(date, '09:45'),
          capacity: 50,
        }),
        201,
      )
    ).slots[0] as Slot;
    const c = (
      await body<SlotList>(
        await lifang.send('POST', '/api/slots', {
          kind: 'health-centre',
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          capacity: 50,
        }),
        201,
      )
    ).slots[0] as Slot;
    const tvZhao = await pairDevice(stack, lifang, { kind: 'tv', residentId: ZHAO });
    const slots = [a.id, b.id, c.id];
    const responses = await Promise.all(
      Array.from({ length: CROWD }, (_, i) =>
        (i % 2 ? kiosk : tvZhao).send('POST', '/api/appointments', { slotId: slots[i % 3], patientId: ZHAO }),
      ),
    );
    assert.deepEqual(await codes(responses), { 201: 1, double_booking: CROWD - 1 });
    const total = (await Promise.all(slots.map(bookedInDb))).reduce((n, s) => n + s.counter, 0);
    assert.equal(total, 1, 'the counters of the refused bookings were rolled back');
  });

  test('two cancels at once free the place once; cancelling after the start is refused', async () => {
    const slot = await newSlot(2);
    const appointment = await body<Appointment>(
      await kiosk.send('POST', '/api/appointments', { slotId: slot.id, patientId: 'res-crowd-0' }),
      201,
    );
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => kiosk.send('POST', `/api/appointments/${appointment.id}/cancel`)),
    );
    assert.deepEqual(await codes(responses), { 200: 1, not_cancellable: 49 });
    assert.deepEqual(await bookedInDb(slot.id), { counter: 0, rows: 0 });
  });

  test('a slot that has started takes no bookings (409 booking_closed); a stranger’s slot is 404', async () => {
    const slot = await newSlot(3);
    await stack.api.db
      .updateTable('scheduleSlots')
      .set({ startsAt: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', slot.id)
      .execute();
    const late = await kiosk.send('POST', '/api/appointments', { slotId: slot.id, patientId: 'res-crowd-1' });
    assert.equal(((await late.json()) as { error: { code: string } }).error.code, 'booking_closed');
    const westSlot = (await body<SlotList>(await zhaomin.send('GET', '/api/slots?kind=health-centre'), 200))
      .slots[0] as Slot;
    const stranger = await tvWang.send('POST', '/api/appointments', { slotId: westSlot.id });
    assert.equal(stranger.status, 404, 'a slot of another township is not offered to Wang');
  });
});

describe('the resident books from the TV', () => {
  test('offered slots are her village, township and doctors; booking and cancelling reach TV and console', async () => {
    const { slots } = await body<SlotList>(await tvWang.send('GET', '/api/slots'), 200);
    const kinds = new Set(slots.map((s) => s.kind));
    assert.deepEqual([...kinds].sort(), ['health-centre', 'mobile-clinic', 'video']);
    assert.ok(
      slots.every((s) => s.kind !== 'video' || ['dr-zhang-wei', 'dr-li-fang'].includes(s.doctor?.id ?? '')),
    );
    const visitSlot = slots.find((s) => s.kind === 'mobile-clinic') as Slot;
    const tvEvents = await openEvents(tvWang);
    const consoleEvents = await openEvents(lifang);
    try {
      const appointment = await body<Appointment>(
        await tvWang.send('POST', '/api/appointments', { slotId: visitSlot.id }),
        201,
      );
      assert.equal(appointment.patient.id, WANG);
      await tvEvents.next((e) => e.type === 'appointment-changed' && e.appointmentId === appointment.id);
      await consoleEvents.next((e) => e.type === 'appointment-changed' && e.status === 'booked');
      const again = await tvWang.send('POST', '/api/appointments', { slotId: visitSlot.id });
      assert.equal(again.status, 409);
      const cancelled = await body<Appointment>(
        await tvWang.send('POST', `/api/appointments/${appointment.id}/cancel`),
        200,
      );
      assert.equal(cancelled.status, 'cancelled');
      await consoleEvents.next((e) => e.type === 'appointment-changed' && e.status === 'cancelled');
    } finally {
      tvEvents.close();
      consoleEvents.close();
    }
  });
});

describe('home visits', () => {
  test('asked at the kiosk, scheduled in the console, seen on the kiosk, recorded with the nurse’s note', async () => {
    const tomorrow = addDays(localDateOf(new Date()), 1);
    const tooFar = await kiosk.send('POST', '/api/home-visits', {
      patientId: ZHAO,
      service: 'home-nursing',
      reason: 'wound-care',
      preferredDate: addDays(tomorrow, 60),
      preferredHalfDay: 'morning',
    });
    assert.equal(tooFar.status, 400);
    const asked = await body<HomeVisit>(
      await kiosk.send('POST', '/api/home-visits', {
        patientId: ZHAO,
        service: 'home-nursing',
        reason: 'wound-care',
        preferredDate: tomorrow,
        preferredHalfDay: 'afternoon',
      }),
      201,
    );
    assert.equal(asked.status, 'requested');
    assert.equal(asked.requestedBy.id, 'staff-ma-li');
    const listed = await body<{ homeVisits: HomeVisit[] }>(
      await nurse.send('GET', '/api/home-visits?status=requested'),
      200,
    );
    assert.ok(listed.homeVisits.some((v) => v.id === asked.id));
    const westList = await body<{ homeVisits: HomeVisit[] }>(
      await zhaomin.send('GET', '/api/home-visits'),
      200,
    );
    assert.ok(!westList.homeVisits.some((v) => v.id === asked.id), "not another township's");
    const outsider = await lifang.send('POST', `/api/home-visits/${asked.id}/schedule`, {
      assigneeId: 'nurse-zheng-li',
      startsAt: instantAt(tomorrow, '14:00'),
      endsAt: instantAt(tomorrow, '15:00'),
    });
    assert.equal(outsider.status, 400, 'a nurse of another township cannot be sent');
    const scheduled = await body<HomeVisit>(
      await lifang.send('POST', `/api/home-visits/${asked.id}/schedule`, {
        assigneeId: 'nurse-wu-hong',
        startsAt: instantAt(tomorrow, '14:00'),
        endsAt: instantAt(tomorrow, '15:00'),
      }),
      200,
    );
    assert.equal(scheduled.assignee?.displayName, '吴红');
    const onKiosk = await body<{ homeVisits: HomeVisit[] }>(
      await kiosk.send('GET', `/api/home-visits?patientId=${ZHAO}`),
      200,
    );
    assert.equal(onKiosk.homeVisits.find((v) => v.id === asked.id)?.startsAt, instantAt(tomorrow, '14:00'));
    const done = await body<HomeVisit>(
      await nurse.send('POST', `/api/home-visits/${asked.id}/complete`, {
        visitNote: '伤口愈合良好，三天后换药。',
      }),
      200,
    );
    assert.equal(done.status, 'done');
    const record = await body<RecordSummary>(await kiosk.send('GET', `/api/patients/${ZHAO}/summary`), 200);
    assert.equal(record.homeVisits.find((v) => v.id === asked.id)?.visitNote, '伤口愈合良好，三天后换药。');
    assert.equal(
      (await nurse.send('POST', `/api/home-visits/${asked.id}/complete`, { visitNote: 'x' })).status,
      409,
    );
  });
});

describe('the family-doctor team and the record', () => {
  test("Wang's team: doctor, nurse, village doctor (her contracted doctor), with phones", async () => {
    const team = await body<FamilyDoctorTeam>(await tvWang.send('GET', `/api/patients/${WANG}/team`), 200);
    assert.deepEqual(
      team.members.map((m) => [m.teamRole, m.id, m.contracted]),
      [
        ['doctor', 'dr-li-fang', false],
        ['nurse', 'nurse-wu-hong', false],
        ['village-doctor', 'dr-zhang-wei', true],
      ],
    );
    assert.ok(team.members.every((m) => m.phone));
    assert.equal((await tvWang.send('GET', `/api/patients/${ZHAO}/team`)).status, 404);
  });

  test("a doctor's signed residents", async () => {
    const zhang = await signIn(stack, 'zhangwei');
    const { residents } = await body<SignedResidents>(await zhang.send('GET', '/api/team/residents'), 200);
    assert.deepEqual(residents.map((r) => [r.id, r.contracted, r.village.name]).sort(), [
      ['res-liu-changshan', true, '柳树村'],
      ['res-wang-xiuying', true, '柳树村'],
    ]);
  });

  test('the summary: readings with their colour and medicines from their features, the next appointment is the soonest booked', async () => {
    const { slots } = await body<SlotList>(await tvWang.send('GET', '/api/slots?kind=health-centre'), 200);
    const booked = await body<Appointment>(
      await tvWang.send('POST', '/api/appointments', { slotId: (slots[0] as Slot).id }),
      201,
    );
    const record = await body<RecordSummary>(await tvWang.send('GET', `/api/patients/${WANG}/summary`), 200);
    assert.deepEqual(record.notYetAvailable, []);
    // The demo county: 王秀英 measures her blood pressure at home (in target: green) and takes amlodipine.
    assert.deepEqual(
      record.latestReadings.map((r) => [r.values.measure, r.colour]),
      [['blood_pressure', 'green']],
    );
    assert.deepEqual(
      record.medicines.map((m) => [m.prescriptionId, m.genericNameZh.length > 0, m.frequency]),
      [['rx-demo-wang-amlodipine', true, 'qd']],
    );
    assert.deepEqual(record.allergies, []);
    const liu = await signIn(stack, 'zhangwei');
    const liuRecord = await body<RecordSummary>(
      await liu.send('GET', '/api/patients/res-liu-changshan/summary'),
      200,
    );
    assert.deepEqual(liuRecord.allergies, ['sulfonamide']);
    assert.deepEqual(liuRecord.latestReadings.map((r) => r.values.measure).sort(), [
      'blood_pressure',
      'glucose',
    ]);
    assert.equal(liuRecord.medicines.length, 2);
    assert.deepEqual(record.conditions, ['hypertension']);
    assert.equal(record.nextAppointment?.id, booked.id);
  });
});
