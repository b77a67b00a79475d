// Consultations asked for at a care-home kiosk, against real SQLite and the real LiveKit server:
// a nurse signed in on the kiosk queues one of the care home's residents, the kiosk holds the place
// (heartbeat, events, one open request at a time), joins the call once admitted (that room only),
// and hears of the end with its summary. The resident's own TV may read the consultation (it is in
// the resident's record) but not join its call: the call happens at the kiosk, with the nurse.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PLACE_KEPT_WITHOUT_HEARTBEAT_MS } from '../../src/server/consultations/queue.js';
import {
  endWithSummary,
  expireStaleAfter,
  json,
  residentCallClaims,
  tokenStatus,
} from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import {
  ApiSession,
  deviceIdOf,
  kioskWithStaff,
  pairDevice,
  signIn,
  startStack,
  type TestStack,
} from '../support/stack.js';

const ZHAO = 'res-zhao-guilan'; // lives in 东河镇敬老院; family doctor 李芳
const SUN = 'res-sun-fugui'; // the same care home
const WANG = 'res-wang-xiuying'; // at home in 柳树村

let stack: TestStack;
let admin: ApiSession;
let lifang: ApiSession;
let zhao: ApiSession;
let kiosk: ApiSession;
let otherKiosk: ApiSession;
let kioskNoStaff: ApiSession;
let tvZhao: ApiSession;
let kioskId = '';

before(async () => {
  stack = await startStack();
  admin = await signIn(stack, 'zhoulei');
  lifang = await signIn(stack, 'lifang');
  zhao = await signIn(stack, 'zhaomin');
  kiosk = await kioskWithStaff(stack, admin);
  otherKiosk = await kioskWithStaff(stack, admin);
  kioskNoStaff = await pairDevice(stack, admin, { kind: 'kiosk', careHomeId: 'donghe-care-home' });
  tvZhao = await pairDevice(stack, lifang, { kind: 'tv', residentId: ZHAO });
  kioskId = await deviceIdOf(kiosk);
});

after(() => stack?.stop());

interface Place {
  id: string;
  status: string;
  position: number;
  consultationId: string | null;
  patient?: { id: string; displayName: string };
}
interface Origin {
  deviceId: string;
  careHomeName: string;
  staff: { id: string; displayName: string } | null;
}
interface Detail {
  id: string;
  status: string;
  patient: { id: string };
  summary: { diagnosis: string; advice: string } | null;
  kiosk?: Origin | null;
}

/** The queue as stored: what a refused request must leave alone. */
const storedEntries = () =>
  stack.api.db.selectFrom('queueEntries').select(['id', 'status', 'heartbeatAt']).orderBy('id').execute();

describe('a kiosk asks a doctor for a resident of its care home', () => {
  test('refused without a nurse, for another place’s resident, and for bad input; nothing is stored', async () => {
    const before = await storedEntries();
    assert.equal(
      (await kioskNoStaff.send('POST', '/api/queue', { doctor: 'family', patientId: ZHAO })).status,
      403,
    );
    assert.equal((await kioskNoStaff.send('GET', '/api/queue/mine')).status, 403);
    // Wang lives at home, not in this care home: answered as if she did not exist.
    assert.equal((await kiosk.send('POST', '/api/queue', { doctor: 'family', patientId: WANG })).status, 404);
    assert.equal(
      (await kiosk.send('POST', '/api/queue', { doctor: 'family', patientId: 'res-nobody' })).status,
      404,
    );
    for (const body of [
      { doctor: 'family' }, // which resident?
      { doctor: 'anyone', patientId: ZHAO },
      { doctor: 'family', patientId: 'Not An Id' },
      { doctor: 'family', patientId: ZHAO, urgency: 'now' },
      { doctor: 'family', patientId: ZHAO, reason: 'x'.repeat(201) },
      { doctor: 'family', patientId: ZHAO, extra: 1 },
    ]) {
      assert.equal((await kiosk.send('POST', '/api/queue', body)).status, 400, JSON.stringify(body));
    }
    // A TV asks only for its own resident.
    assert.equal((await tvZhao.send('POST', '/api/queue', { doctor: 'family', patientId: SUN })).status, 404);
    assert.deepEqual(await storedEntries(), before);
    assert.equal((await kiosk.send('GET', '/api/queue/mine')).status, 404);
  });

  test('one open request per kiosk; the resident waits in one place only; the doctor sees where and with whom', async () => {
    const place = await json<Place>(
      await kiosk.send('POST', '/api/queue', { doctor: 'family', patientId: ZHAO, reason: '血糖偏高' }),
      201,
    );
    assert.deepEqual([place.status, place.position], ['waiting', 1]);
    assert.deepEqual(place.patient, { id: ZHAO, displayName: '赵桂兰' });
    // Asking again (a double tap) keeps the place.
    const again = await json<Place>(
      await kiosk.send('POST', '/api/queue', { doctor: 'family', patientId: ZHAO }),
      200,
    );
    assert.equal(again.id, place.id);

    const before = await storedEntries();
    // The same kiosk for another resident: one at a time.
    const busy = await kiosk.send('POST', '/api/queue', { doctor: 'on-duty', patientId: SUN });
    assert.equal(busy.status, 409);
    assert.equal(((await busy.json()) as { error: { code: string } }).error.code, 'conflict');
    // Zhao already waits at this kiosk: not a second time from another kiosk or her own TV.
    assert.equal(
      (await otherKiosk.send('POST', '/api/queue', { doctor: 'family', patientId: ZHAO })).status,
      409,
    );
    assert.equal((await tvZhao.send('POST', '/api/queue', { doctor: 'family' })).status, 409);
    assert.deepEqual(await storedEntries(), before);
    // The kiosk's place is not her TV's.
    assert.equal((await tvZhao.send('GET', '/api/queue/mine')).status, 404);
    assert.equal((await tvZhao.send('DELETE', '/api/queue/mine')).status, 404);

    // Another kiosk of the care home helps another resident meanwhile, then leaves.
    const sun = await json<Place>(
      await otherKiosk.send('POST', '/api/queue', { doctor: 'on-duty', patientId: SUN }),
      201,
    );
    assert.equal(sun.patient?.id, SUN);
    assert.equal((await otherKiosk.send('DELETE', '/api/queue/mine')).status, 204);

    // The family doctor's queue says where the resident is and which nurse is with her.
    const queue = await json<{
      entries: { id: string; patient: { id: string }; reason: string; kiosk?: Origin | null }[];
    }>(await lifang.send('GET', '/api/queue'), 200);
    const entry = queue.entries.find((e) => e.id === place.id);
    assert.ok(entry);
    assert.equal(entry.reason, '血糖偏高');
    assert.deepEqual(entry.kiosk, {
      deviceId: kioskId,
      careHomeName: '东河镇敬老院',
      staff: { id: 'staff-ma-li', displayName: '马丽' },
    });
    // Another township's doctor does not see it.
    const other = await json<{ entries: { id: string }[] }>(await zhao.send('GET', '/api/queue'), 200);
    assert.ok(!other.entries.some((e) => e.id === place.id));
  });

  test('the heartbeat keeps the place; a reload finds it', async () => {
    const mine = await json<Place>(await kiosk.send('GET', '/api/queue/mine'), 200);
    assert.equal(mine.patient?.id, ZHAO);
    await json(await kiosk.send('POST', '/api/queue/mine/heartbeat'), 200);
    assert.equal(await expireStaleAfter(stack, PLACE_KEPT_WITHOUT_HEARTBEAT_MS - 60_000), 0);
    assert.equal((await json<Place>(await kiosk.send('GET', '/api/queue/mine'), 200)).id, mine.id);
    assert.equal((await otherKiosk.send('POST', '/api/queue/mine/heartbeat')).status, 404);
  });

  test('admitted: the kiosk hears it and gets a token for that room only; the end reaches the kiosk with its summary', async () => {
    const waiting = await json<Place>(await kiosk.send('GET', '/api/queue/mine'), 200);
    const kioskEvents = await openEvents(kiosk);
    const tvEvents = await openEvents(tvZhao);
    const doctorEvents = await openEvents(lifang);
    try {
      const consultation = await json<Detail>(
        await lifang.send('POST', `/api/queue/${waiting.id}/admit`),
        200,
      );
      assert.equal(consultation.status, 'active');
      assert.deepEqual(consultation.kiosk, {
        deviceId: kioskId,
        careHomeName: '东河镇敬老院',
        staff: { id: 'staff-ma-li', displayName: '马丽' },
      });
      const admitted = await kioskEvents.next((e) => e.type === 'queue' && e.place?.status === 'admitted');
      assert.equal(admitted.event.type === 'queue' && admitted.event.place?.consultationId, consultation.id);
      await doctorEvents.next((e) => e.type === 'queue-changed');
      assert.ok(
        !tvEvents.received.some((r) => r.event.type === 'queue'),
        'the resident’s TV is not told about the kiosk’s place',
      );
      // After a reload the kiosk finds the consultation to join.
      const place = await json<Place>(await kiosk.send('GET', '/api/queue/mine'), 200);
      assert.deepEqual([place.status, place.consultationId], ['admitted', consultation.id]);

      // The kiosk's token: its own identity, this room, a resident's grants.
      const call = await json<{ token: string; identity: string; room: string }>(
        await kiosk.send('POST', '/api/calls/token', { consultationId: consultation.id }),
        200,
      );
      assert.equal(call.identity, kioskId);
      await residentCallClaims(call.token, consultation.id);
      // Nobody else on the resident's side: not another kiosk, not her TV, not a kiosk without a nurse.
      assert.equal(await tokenStatus(otherKiosk, consultation.id), 404);
      assert.equal(await tokenStatus(tvZhao, consultation.id), 404);
      assert.equal(await tokenStatus(kioskNoStaff, consultation.id), 403);
      assert.equal(await tokenStatus(kiosk, 'c-demo-wang'), 404);
      assert.equal(await tokenStatus(lifang, consultation.id), 200);
      // It is not among the calls her TV offers to join, but she may read it.
      const tvCalls = await json<{ consultations: { id: string }[] }>(
        await tvZhao.send('GET', '/api/consultations/mine'),
        200,
      );
      assert.ok(!tvCalls.consultations.some((c) => c.id === consultation.id));
      assert.equal((await tvZhao.send('GET', `/api/consultations/${consultation.id}`)).status, 200);
      // The kiosk reads its care home's consultations only.
      const read = await json<Detail>(await kiosk.send('GET', `/api/consultations/${consultation.id}`), 200);
      assert.equal(read.kiosk?.staff?.displayName, '马丽');
      assert.equal((await kiosk.send('GET', '/api/consultations/c-demo-wang')).status, 404);

      const summary = { diagnosis: '血糖偏高', advice: '晚饭少吃主食，明早空腹再测一次。' };
      await endWithSummary(lifang, consultation.id, summary);
      const ended = await kioskEvents.next((e) => e.type === 'ended');
      assert.deepEqual(ended.event, { type: 'ended', consultationId: consultation.id, summary });
      await doctorEvents.next((e) => e.type === 'ended');
      assert.ok(!tvEvents.received.some((r) => r.event.type === 'ended'), 'her TV does not jump to it');
      assert.equal(await tokenStatus(kiosk, consultation.id), 404, 'no token once it ended');
      // The summary stays in her record.
      const record = await json<Detail>(
        await tvZhao.send('GET', `/api/consultations/${consultation.id}`),
        200,
      );
      assert.equal(record.summary?.diagnosis, '血糖偏高');
      assert.equal((await kiosk.send('GET', '/api/queue/mine')).status, 404);
    } finally {
      kioskEvents.close();
      tvEvents.close();
      doctorEvents.close();
    }
    // The nurse helps the next resident.
    await json(await kiosk.send('POST', '/api/queue', { doctor: 'on-duty', patientId: SUN }), 201);
    assert.equal((await kiosk.send('DELETE', '/api/queue/mine')).status, 204);
  });

  test('once the nurse signs out the kiosk can do none of it; without a heartbeat its place expires', async () => {
    const place = await json<Place>(
      await otherKiosk.send('POST', '/api/queue', { doctor: 'family', patientId: ZHAO }),
      201,
    );
    assert.equal((await otherKiosk.send('DELETE', '/api/kiosk/staff-session')).status, 200);
    assert.equal((await otherKiosk.send('GET', '/api/queue/mine')).status, 403);
    assert.equal((await otherKiosk.send('DELETE', '/api/queue/mine')).status, 403);
    assert.equal(
      (await otherKiosk.send('POST', '/api/queue', { doctor: 'family', patientId: SUN })).status,
      403,
    );
    // The place is still there for the next nurse to see (or to expire).
    const stored = await stack.api.db
      .selectFrom('queueEntries')
      .select('status')
      .where('id', '=', place.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'waiting');
    const expired = await expireStaleAfter(stack, PLACE_KEPT_WITHOUT_HEARTBEAT_MS + 60_000);
    assert.ok(expired >= 1);
    const gone = await stack.api.db
      .selectFrom('queueEntries')
      .select('status')
      .where('id', '=', place.id)
      .executeTakeFirstOrThrow();
    assert.equal(gone.status, 'expired');
  });
});
