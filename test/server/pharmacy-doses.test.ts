// Dose answers across devices and time (issue 15 §5), against the real API and SQLite: an answer
// kept in a TV's outbox counts when it was given (answeredAt), the schedule carries the answers of
// the reminder window so another TV never reminds of them, and a care home's kiosk lists today's
// overdue and missed doses of its residents. The API's clock is set to a chosen time of day
// (stack.api.clock), so none of this depends on when the test runs.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { json } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import {
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type ApiSession,
  type TestStack,
} from '../support/stack.js';
import { DAY_MS, MINUTE_MS, shanghaiMidnight } from '../../src/shared/pharmacy/reminders.js';
import type { CareHomeDoses, CurrentMedicineList } from '../../src/shared/pharmacy/schemas.js';
import { packPictureOf } from '../../src/server/pharmacy/medicines.js';

const HOUR_MS = 60 * MINUTE_MS;
const WANG_RX = 'rx-demo-wang-amlodipine'; // qd 08:00
const ZHAO_METFORMIN = 'rx-demo-zhao-metformin'; // bid 08:00, 20:00

let stack: TestStack;
let zhang: ApiSession;
let tvWang: ApiSession;
let tvWangBedroom: ApiSession;
let kiosk: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  tvWangBedroom = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  kiosk = await kioskWithStaff(stack, await signIn(stack, 'zhoulei'));
});
after(() => stack?.stop());
afterEach(() => {
  stack.api.clock.now = () => new Date();
});

/**
 * Today in Shanghai, taken once when the file loads: a run that crosses Shanghai's midnight (16:00
 * UTC) between a describe and its test would otherwise mix two days (a dose picked for yesterday,
 * then a clock set to the next day's yesterday).
 */
const TODAY = shanghaiMidnight(Date.now());
/** Midnight in Shanghai `daysAgo` days before today, plus a clock time; always in the past for daysAgo >= 1. */
const shanghaiDay = (daysAgo: number, hours: number, minutes = 0) =>
  new Date(TODAY - daysAgo * DAY_MS + hours * HOUR_MS + minutes * MINUTE_MS);
const setClock = (at: Date) => {
  stack.api.clock.now = () => new Date(at);
};
const forget = (prescriptionId: string, dose: Date) =>
  stack.api.db
    .deleteFrom('doseAnswers')
    .where('prescriptionId', '=', prescriptionId)
    .where('scheduledAt', '=', dose.toISOString())
    .execute();
const answer = (tv: ApiSession, dose: Date, choice: string, answeredAt?: Date) =>
  tv.send('POST', '/api/pharmacy/doses', {
    prescriptionId: WANG_RX,
    scheduledAt: dose.toISOString(),
    answer: choice,
    ...(answeredAt ? { answeredAt: answeredAt.toISOString() } : {}),
  });
const wangAdherence = async () => {
  const report = await json<{
    medicines: { prescriptionId: string; onTime: number; late: number; missed: number }[];
  }>(await zhang.send('GET', '/api/pharmacy/patients/res-wang-xiuying/adherence'), 200);
  return report.medicines.find((m) => m.prescriptionId === WANG_RX)!;
};
const storedAnswers = (dose: Date) =>
  stack.api.db
    .selectFrom('doseAnswers')
    .select(['answer', 'answeredAt'])
    .where('prescriptionId', '=', WANG_RX)
    .where('scheduledAt', '=', dose.toISOString())
    .execute();

describe('answeredAt: when the answer was given, not when it arrived', () => {
  test('a taken answer arriving a day late from the outbox is stored at its time and counted on time', async () => {
    const dose = shanghaiDay(2, 8);
    await forget(WANG_RX, dose);
    const before = await wangAdherence();
    const given = new Date(dose.getTime() + 10 * MINUTE_MS);
    const body = await json<{ answeredAt: string; answer: string }>(
      await answer(tvWang, dose, 'taken', given),
      200,
    );
    assert.equal(body.answeredAt, given.toISOString());
    assert.deepEqual(
      (await storedAnswers(dose)).map((r) => [r.answer, new Date(r.answeredAt).toISOString()]),
      [['taken', given.toISOString()]],
    );
    const afterwards = await wangAdherence();
    assert.equal(afterwards.onTime, before.onTime + 1, 'on time');
    assert.equal(afterwards.missed, before.missed - 1);
    assert.equal(afterwards.late, before.late);
  });

  test('without answeredAt the arrival time counts: the same late answer is late', async () => {
    const dose = shanghaiDay(3, 8);
    await forget(WANG_RX, dose);
    const before = await wangAdherence();
    await json(await answer(tvWang, dose, 'taken'), 200);
    const afterwards = await wangAdherence();
    assert.equal(afterwards.late, before.late + 1);
    assert.equal(afterwards.onTime, before.onTime);
  });

  test('refused: an answer from the future (beyond a 2-minute skew) or before the dose’s window opens; nothing stored', async () => {
    const dose = shanghaiDay(4, 8);
    await forget(WANG_RX, dose);
    const now = Date.now();
    setClock(new Date(now));
    for (const [given, why] of [
      [new Date(now + 5 * MINUTE_MS), 'in the future'],
      [new Date(dose.getTime() - HOUR_MS - MINUTE_MS), 'before the window'],
    ] as const) {
      const response = await answer(tvWang, dose, 'taken', given);
      const body = await json<{ error: { code: string; message: string } }>(response, 400);
      assert.equal(body.error.code, 'validation_failed', why);
      assert.match(body.error.message, /answeredAt/);
    }
    assert.deepEqual(await storedAnswers(dose), []);
    // A little ahead of the server (the TV's offset is an estimate) and an hour early are accepted.
    const early = new Date(dose.getTime() - HOUR_MS);
    assert.equal(
      (await json<{ answeredAt: string }>(await answer(tvWang, dose, 'later', early), 200)).answeredAt,
      early.toISOString(),
    );
    const skewed = new Date(now + MINUTE_MS);
    assert.equal(
      (await json<{ answeredAt: string }>(await answer(tvWang, dose, 'later', skewed), 200)).answeredAt,
      skewed.toISOString(),
    );
    // An older 稍后提醒 arriving after a newer one leaves the newer on record.
    assert.equal(
      (await json<{ answeredAt: string }>(await answer(tvWang, dose, 'later', early), 200)).answeredAt,
      skewed.toISOString(),
      'the answer on record',
    );
    assert.deepEqual(
      (await storedAnswers(dose)).map((r) => new Date(r.answeredAt).toISOString()),
      [skewed.toISOString()],
    );
  });
});

describe('the schedule carries the answers of the reminder window', () => {
  test('a dose answered on another TV is in this TV’s schedule while it could still remind, and only then', async () => {
    const dose = shanghaiDay(1, 8);
    await forget(WANG_RX, dose);
    setClock(shanghaiDay(1, 8, 20));
    const livingRoom = await openEvents(tvWang);
    await json(await answer(tvWangBedroom, dose, 'taken'), 200);
    // Told at once, so it reads the answers again (a reminder on show goes away).
    const told = await livingRoom.next((e) => e.type === 'pharmacy-dose-answered');
    livingRoom.close();
    assert.deepEqual(told.event, {
      type: 'pharmacy-dose-answered',
      prescriptionId: WANG_RX,
      scheduledAt: dose.toISOString(),
    });
    const mine = async () =>
      json<CurrentMedicineList>(await tvWang.send('GET', '/api/pharmacy/medicines/mine'), 200);
    const inWindow = await mine();
    assert.equal(inWindow.serverTime, shanghaiDay(1, 8, 20).toISOString());
    assert.deepEqual(inWindow.answers, [
      {
        prescriptionId: WANG_RX,
        scheduledAt: dose.toISOString(),
        answer: 'taken',
        answeredAt: shanghaiDay(1, 8, 20).toISOString(),
      },
    ]);
    // Before the dose's time too (taken early, an hour ahead at most).
    setClock(shanghaiDay(1, 7, 30));
    assert.deepEqual(
      (await mine()).answers.map((a) => a.scheduledAt),
      [dose.toISOString()],
    );
    // An hour after its time the dose can no longer remind: the window has moved on.
    setClock(shanghaiDay(1, 9, 1));
    assert.deepEqual((await mine()).answers, []);
  });
});

describe("a care home's kiosk: today's overdue and missed doses of its residents", () => {
  const metforminAt8 = shanghaiDay(1, 8);
  const dosesOf = async () =>
    json<CareHomeDoses>(await kiosk.send('GET', '/api/pharmacy/care-home/doses'), 200);
  const zhaoMetformin = (list: CareHomeDoses) =>
    list.residents
      .find((r) => r.patient.id === 'res-zhao-guilan')
      ?.doses.filter((d) => d.prescriptionId === ZHAO_METFORMIN)
      .map((d) => [d.scheduledAt, d.state]);

  test('overdue within the hour, missed after it, gone once taken; only its own residents', async () => {
    await forget(ZHAO_METFORMIN, metforminAt8);
    // Yesterday's 21:00 insulin, unanswered, belongs to yesterday, not to this morning's list.
    await forget('rx-demo-zhao-glargine', shanghaiDay(2, 21));
    setClock(shanghaiDay(1, 8, 30));
    const overdue = await dosesOf();
    assert.deepEqual(zhaoMetformin(overdue), [[metforminAt8.toISOString(), 'overdue']]);
    const zhao = overdue.residents.find((r) => r.patient.id === 'res-zhao-guilan')!;
    assert.ok(zhao.patient.address.includes('敬老院'));
    assert.ok(
      zhao.doses.every((d) => new Date(d.scheduledAt) >= shanghaiDay(1, 0)),
      'today only',
    );
    assert.ok(
      overdue.residents.every(
        (r) =>
          r.patient.id.startsWith('res-care-') || ['res-zhao-guilan', 'res-sun-fugui'].includes(r.patient.id),
      ),
    );
    assert.ok(!overdue.residents.some((r) => r.patient.id === 'res-wang-xiuying'));

    setClock(shanghaiDay(1, 9, 5));
    assert.deepEqual(zhaoMetformin(await dosesOf()), [[metforminAt8.toISOString(), 'missed']]);

    // Just after midnight: yesterday's doses are yesterday's.
    setClock(shanghaiDay(0, 0, 30));
    await forget(ZHAO_METFORMIN, shanghaiDay(1, 20));
    assert.equal(zhaoMetformin(await dosesOf()), undefined);

    // Recorded as taken: no longer listed.
    setClock(shanghaiDay(1, 9, 5));
    await stack.api.db
      .insertInto('doseAnswers')
      .values({
        prescriptionId: ZHAO_METFORMIN,
        patientId: 'res-zhao-guilan',
        scheduledAt: metforminAt8.toISOString(),
        answer: 'taken',
        answeredAt: shanghaiDay(1, 8, 40).toISOString(),
        deviceId: null,
      })
      .execute();
    assert.equal(zhaoMetformin(await dosesOf()), undefined);
  });

  test('refused to everyone but a care home kiosk with a nurse signed in', async () => {
    assert.equal((await tvWang.send('GET', '/api/pharmacy/care-home/doses')).status, 403);
    assert.equal((await zhang.send('GET', '/api/pharmacy/care-home/doses')).status, 403);
    const bare = await pairDevice(stack, await signIn(stack, 'zhoulei'), {
      kind: 'kiosk',
      careHomeId: 'donghe-care-home',
    });
    assert.equal((await bare.send('GET', '/api/pharmacy/care-home/doses')).status, 403);
  });
});

describe('pack pictures, where there is one', () => {
  test('each catalogue medicine has its form’s drawing; a medicine from outside the catalogue none', async () => {
    const { medicines } = await json<CurrentMedicineList>(
      await tvWang.send('GET', '/api/pharmacy/medicines/mine'),
      200,
    );
    assert.equal(
      medicines.find((m) => m.prescription.id === WANG_RX)?.prescription.medicine.picture,
      'tablet_box',
    );
    const pen = await stack.api.db
      .selectFrom('medicines')
      .select(['id', 'form'])
      .where('form', '=', 'injection_pen')
      .executeTakeFirstOrThrow();
    assert.equal(packPictureOf(pen), 'insulin_pen');
    assert.equal(packPictureOf({ id: 'not-in-the-catalogue', form: 'tablet' }), null);
  });
});
