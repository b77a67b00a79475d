// The schedule on a controllable clock, against real SQLite and the real LiveKit server: a booked
// video consultation rings the TV at its time (not a millisecond early, once, through the existing
// ring, and the TV answers it), and reminders go out the evening before and the morning of.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CallDesk } from '../../src/server/consultations/call-desk.js';
import { WaitingRoom } from '../../src/server/consultations/queue.js';
import { PushHub } from '../../src/server/push/push-hub.js';
import { ScheduleDesk } from '../../src/server/schedule/schedule-desk.js';
import { APPOINTMENT_RING_REASON, remindersFor } from '../../src/shared/schedule/schedule-rules.js';
import type {
  Appointment,
  MobileVisitList,
  Slot,
  SlotList,
} from '../../src/shared/schedule/schedule-schemas.js';
import { ApiSession, pairDevice, signIn, startStack, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying'; // 柳树村; family doctor 张伟
const ZHAO = 'res-zhao-guilan'; // 东河镇敬老院

let stack: TestStack;
let tvWang: ApiSession;

const body = async <T>(response: Response, status: number): Promise<T> => {
  const text = await response.text();
  assert.equal(response.status, status, text);
  return JSON.parse(text) as T;
};

/** The schedule's desk over the running API's database, on a clock the test moves. */
function deskAt(clock: () => Date) {
  const db = stack.api.db;
  const push = new PushHub(db);
  const desk = new CallDesk(db, push, new WaitingRoom(db, push), stack.api.livekit, stack.api.logger, clock);
  return { db, push, schedule: new ScheduleDesk(db, push, desk, stack.api.logger, clock) };
}

before(async () => {
  stack = await startStack();
  tvWang = await pairDevice(stack, await signIn(stack, 'zhangwei'), { kind: 'tv', residentId: WANG });
});

after(() => stack?.stop());

describe('a booked video consultation rings the TV at its time', () => {
  test('not a millisecond early, once, through the existing ring, and the TV answers it', async () => {
    const { slots } = await body<SlotList>(await tvWang.send('GET', '/api/slots?kind=video'), 200);
    const slot = slots.find((s) => s.doctor?.id === 'dr-zhang-wei') as Slot;
    const appointment = await body<Appointment>(
      await tvWang.send('POST', '/api/appointments', { slotId: slot.id }),
      201,
    );
    let now = new Date(Date.parse(slot.startsAt) - 1);
    const { db, push, schedule } = deskAt(() => now);
    assert.equal(await schedule.ringDueVideoAppointments(), 0, 'too early');
    now = new Date(slot.startsAt);
    assert.equal(await schedule.ringDueVideoAppointments(), 1);
    assert.equal(await schedule.ringDueVideoAppointments(), 0, 'rung once');
    const row = await db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', appointment.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.consultationId);
    const [ring] = (await push.missed(WANG, 0)).filter(
      (e) => e.event.type === 'ring' && e.event.consultationId === row.consultationId,
    );
    assert.ok(ring && ring.event.type === 'ring');
    assert.equal(ring.event.reason, APPOINTMENT_RING_REASON);
    assert.equal(ring.event.caller.id, 'dr-zhang-wei');
    const answered = await tvWang.send('POST', `/api/consultations/${row.consultationId}/answer`, {});
    assert.equal(answered.status, 200, await answered.text());
  });

  test('past its 15-minute window it does not ring', async () => {
    const { slots } = await body<SlotList>(await tvWang.send('GET', '/api/slots?kind=video'), 200);
    // Li Fang's last video time: clear of the one booked with Zhang Wei above.
    const slot = slots.filter((s) => s.doctor?.id === 'dr-li-fang').pop() as Slot;
    await body<Appointment>(await tvWang.send('POST', '/api/appointments', { slotId: slot.id }), 201);
    const now = new Date(Date.parse(slot.startsAt) + 15 * 60_000);
    assert.equal(await deskAt(() => now).schedule.ringDueVideoAppointments(), 0);
  });
});

describe('reminders by the server clock', () => {
  test("the evening before and the morning of a visit, once each, to the village's residents", async () => {
    const { visits } = await body<MobileVisitList>(await tvWang.send('GET', '/api/visits'), 200);
    const visit = visits[0] as MobileVisitList['visits'][number];
    const [dayBefore, morningOf] = remindersFor(visit.startsAt).map((r) => new Date(r.at)) as [Date, Date];
    let now = new Date(dayBefore.getTime() - 60_000);
    const { push, schedule } = deskAt(() => now);
    const reminders = async (patientId: string) =>
      (await push.missed(patientId, 0)).flatMap((e) =>
        e.event.type === 'reminder' && e.event.id === visit.id ? [e.event.kind] : [],
      );
    await schedule.sendDueReminders(15_000);
    assert.deepEqual(await reminders(WANG), [], 'a minute early');
    now = dayBefore;
    await schedule.sendDueReminders(15_000);
    await schedule.sendDueReminders(15_000);
    assert.deepEqual(await reminders(WANG), ['day-before']);
    assert.deepEqual(await reminders('res-liu-changshan'), ['day-before'], 'every resident of 柳树村');
    assert.deepEqual(await reminders(ZHAO), [], 'not the care home');
    now = morningOf;
    await schedule.sendDueReminders(15_000);
    now = new Date(visit.startsAt);
    await schedule.sendDueReminders(15_000);
    assert.deepEqual(await reminders(WANG), ['day-before', 'morning-of']);
  });
});
