// The cloud pharmacy against the real API and SQLite (issue 15): the whole chain from a doctor's
// prescription in a call to the resident's TV seeing 'dispatched' with the tracking number and the
// push events; idempotent reorders under a few hundred concurrent retries; every illegal
// transition refused with no change; the append-only history; reminders, adherence, missed doses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json } from '../support/consultations.js';
import { openEvents } from '../support/push-events.js';
import { pairDevice, signIn, startStack, type ApiSession, type TestStack } from '../support/stack.js';
import type { CurrentMedicine, Order } from '../../src/shared/pharmacy/schemas.js';

let stack: TestStack;
let zhang: ApiSession;
let zhao: ApiSession;
let sunli: ApiSession;
let tvWang: ApiSession;
let tvQian: ApiSession;

before(async () => {
  stack = await startStack();
  zhang = await signIn(stack, 'zhangwei');
  zhao = await signIn(stack, 'zhaomin');
  sunli = await signIn(stack, 'sunli');
  tvWang = await pairDevice(stack, zhang, { kind: 'tv', residentId: 'res-wang-xiuying' });
  tvQian = await pairDevice(stack, zhao, { kind: 'tv', residentId: 'res-qian-yumei' });
});
after(() => stack?.stop());

const medicinesOf = async (tv: ApiSession) =>
  (
    await json<{ medicines: CurrentMedicine[]; serverTime: string }>(
      await tv.send('GET', '/api/pharmacy/medicines/mine'),
      200,
    )
  ).medicines;
const reorderRequest = (tv: ApiSession, key: string, prescriptionIds: string[]) =>
  tv.fetch('/api/pharmacy/orders', {
    method: 'POST',
    headers: { 'idempotency-key': key },
    body: JSON.stringify({ prescriptionIds }),
  });
const act = (who: ApiSession, orderId: string, step: string, body?: unknown) =>
  who.send('POST', `/api/pharmacy/orders/${orderId}/${step}`, body);
const historyRows = (orderId: string) =>
  stack.api.db.selectFrom('orderStatusHistory').selectAll().where('orderId', '=', orderId).execute();

/** Wang asks for a doctor from her TV and Zhang admits her: an active consultation. */
async function activeConsultation(): Promise<string> {
  await json(await tvWang.send('POST', '/api/queue', { doctor: 'family', reason: '血压' }), 201);
  const queue = await json<{ entries: { id: string }[] }>(await zhang.send('GET', '/api/queue'), 200);
  const admitted = await json<{ id: string }>(
    await zhang.send('POST', `/api/queue/${queue.entries[0]?.id}/admit`),
    200,
  );
  return admitted.id;
}

describe('the chain: prescribed in a call, listed, reordered, approved, dispatched', () => {
  test('doctor prescribes → TV lists → TV reorders → pharmacist approves and dispatches → TV sees the tracking number', async () => {
    const consultationId = await activeConsultation();
    const tvEvents = await openEvents(tvWang);
    const doctorEvents = await openEvents(zhang);
    const pharmacistEvents = await openEvents(sunli);
    try {
      // The console finds valsartan by its initials.
      const found = await json<{ medicines: { id: string }[] }>(
        await zhang.send('GET', '/api/pharmacy/catalogue?q=xst'),
        200,
      );
      assert.equal(found.medicines[0]?.id, 'valsartan-80mg');

      const prescribed = await json<{ prescriptions: { id: string }[]; order: Order }>(
        await zhang.send('POST', `/api/consultations/${consultationId}/prescriptions`, {
          lines: [
            {
              medicineId: 'valsartan-80mg',
              doseAmount: 1,
              doseUnit: 'capsule',
              frequency: 'qd',
              daysSupply: 28,
              refills: 2,
            },
          ],
        }),
        201,
      );
      const rxId = prescribed.prescriptions[0]?.id as string;
      assert.equal(prescribed.order.status, 'submitted');
      assert.equal(prescribed.order.kind, 'new');
      assert.equal(prescribed.order.items[0]?.packs, 1);
      assert.equal(prescribed.order.totalFen, 2260);
      assert.ok(Number.isInteger(prescribed.order.estimatedPatientShareFen));
      await pharmacistEvents.next((e) => e.type === 'pharmacy-queue-changed');

      // It is in the consultation's summary.
      const detail = await json<{ prescriptions: { id: string; genericNameZh: string }[] }>(
        await zhang.send('GET', `/api/consultations/${consultationId}`),
        200,
      );
      assert.deepEqual(
        detail.prescriptions.map((p) => [p.id, p.genericNameZh]),
        [[rxId, '缬沙坦胶囊']],
      );

      // The pharmacist reviews the new prescription's order and it is delivered.
      const queue = await json<{ orders: Order[] }>(
        await sunli.send('GET', '/api/pharmacy/orders?status=submitted'),
        200,
      );
      assert.ok(queue.orders.some((o) => o.id === prescribed.order.id));
      for (const step of ['review', 'approve']) await json(await act(sunli, prescribed.order.id, step), 200);
      await json(
        await act(sunli, prescribed.order.id, 'dispatch', {
          courier: '邮政EMS',
          trackingNumber: 'EMS100200300',
        }),
        200,
      );
      await json(await act(sunli, prescribed.order.id, 'deliver'), 200);

      // The TV lists it: next dose, 28 days left, no reorder offered yet.
      const listed = (await medicinesOf(tvWang)).find((m) => m.prescription.id === rxId);
      assert.ok(listed);
      assert.equal(listed.daysOfSupplyLeft, 28);
      assert.equal(listed.reorderOffered, false);
      assert.ok(listed.nextDoseAt && new Date(listed.nextDoseAt).getTime() > Date.now());
      assert.deepEqual(listed.doseTimes, ['08:00']);

      // The TV reorders; the pre-screen flags it as early (the supply is fresh).
      const reordered = await json<Order>(await reorderRequest(tvWang, 'chain-reorder-0001', [rxId]), 201);
      assert.equal(reordered.kind, 'refill');
      assert.equal(reordered.deliveryAddress, '东河镇柳树村三组12号');
      assert.ok(reordered.findings.some((f) => f.rule === 'refill_too_early'));
      await tvEvents.next(
        (e) => e.type === 'pharmacy-order' && e.orderId === reordered.id && e.status === 'submitted',
      );

      await json(await act(sunli, reordered.id, 'review'), 200);
      await json(await act(sunli, reordered.id, 'approve'), 200);
      const dispatched = await json<Order>(
        await act(sunli, reordered.id, 'dispatch', { courier: '顺丰速运', trackingNumber: 'SF1234567890' }),
        200,
      );
      assert.equal(dispatched.status, 'dispatched');

      // The TV sees 'dispatched' with the tracking number, by push and in its order list.
      for (const status of ['under_review', 'approved', 'dispatched']) {
        const got = await tvEvents.next(
          (e) => e.type === 'pharmacy-order' && e.orderId === reordered.id && e.status === status,
        );
        if (status === 'dispatched') {
          assert.deepEqual(got.event, {
            type: 'pharmacy-order',
            orderId: reordered.id,
            status: 'dispatched',
            reason: null,
            courier: '顺丰速运',
            trackingNumber: 'SF1234567890',
          });
        }
      }
      await doctorEvents.next(
        (e) => e.type === 'pharmacy-order' && e.orderId === reordered.id && e.status === 'dispatched',
      );
      const mine = await json<{ orders: Order[] }>(await tvWang.send('GET', '/api/pharmacy/orders'), 200);
      const seen = mine.orders.find((o) => o.id === reordered.id);
      assert.equal(seen?.status, 'dispatched');
      assert.equal(seen?.trackingNumber, 'SF1234567890');
      assert.deepEqual(
        seen?.history.map((h) => [h.status, h.by.id]),
        [
          ['submitted', 'res-wang-xiuying'],
          ['under_review', 'ph-sun-li'],
          ['approved', 'ph-sun-li'],
          ['dispatched', 'ph-sun-li'],
        ],
      );
    } finally {
      tvEvents.close();
      doctorEvents.close();
      pharmacistEvents.close();
    }
  });
});

describe('reorders are idempotent', () => {
  test('300 concurrent identical requests make one order; a different body with the key is 409', async () => {
    const before = await stack.api.db.selectFrom('orders').select('id').execute();
    const key = 'tv-wang-amlodipine-7f3a';
    const responses = await Promise.all(
      Array.from({ length: 300 }, () => reorderRequest(tvWang, key, ['rx-demo-wang-amlodipine'])),
    );
    const statuses = responses.map((r) => r.status);
    assert.equal(
      statuses.filter((s) => s === 201).length,
      1,
      JSON.stringify(statuses.filter((s) => s !== 200 && s !== 201)),
    );
    assert.equal(statuses.filter((s) => s === 200).length, 299);
    const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as Order).id)));
    assert.equal(ids.size, 1);
    const afterRows = await stack.api.db.selectFrom('orders').select('id').execute();
    assert.equal(afterRows.length, before.length + 1);

    const other = await reorderRequest(tvWang, key, ['rx-demo-wang-amlodipine', 'rx-demo-liu-valsartan']);
    assert.equal(other.status, 409);
    assert.equal(((await other.json()) as { error: { code: string } }).error.code, 'idempotency_key_reused');
    // A new key for the same medicine while the order is on its way.
    const again = await reorderRequest(tvWang, 'tv-wang-amlodipine-second', ['rx-demo-wang-amlodipine']);
    assert.equal((await json<{ error: { code: string } }>(again, 409)).error.code, 'order_in_progress');
    assert.equal((await stack.api.db.selectFrom('orders').select('id').execute()).length, before.length + 1);
  });

  test('a missing or malformed key, another resident’s prescription: refused, nothing stored', async () => {
    const count = async () => (await stack.api.db.selectFrom('orders').select('id').execute()).length;
    const n = await count();
    const noKey = await tvWang.send('POST', '/api/pharmacy/orders', {
      prescriptionIds: ['rx-demo-wang-amlodipine'],
    });
    assert.equal(noKey.status, 400);
    assert.equal((await reorderRequest(tvWang, 'bad key!', ['rx-demo-wang-amlodipine'])).status, 400);
    const foreign = await reorderRequest(tvQian, 'qian-tries-wang-0001', ['rx-demo-wang-amlodipine']);
    assert.equal(foreign.status, 404);
    assert.equal(await count(), n);
  });
});

describe('illegal transitions change nothing', () => {
  test('each refused with its code; status and history unchanged', async () => {
    const order = (
      await json<{ orders: Order[] }>(await tvWang.send('GET', '/api/pharmacy/orders?status=submitted'), 200)
    ).orders[0] as Order;
    const snapshot = async () => ({
      order: await stack.api.db
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', order.id)
        .executeTakeFirst(),
      history: await historyRows(order.id),
    });
    const start = await snapshot();
    const refusals: [ApiSession, string, unknown, number, string][] = [
      [sunli, 'approve', undefined, 409, 'illegal_transition'], // not under review yet
      [sunli, 'dispatch', { courier: 'EMS', trackingNumber: 'EMS000111' }, 409, 'illegal_transition'],
      [sunli, 'deliver', undefined, 409, 'illegal_transition'],
      [zhang, 'resubmit', { changes: [], note: '改了' }, 409, 'illegal_transition'],
      [tvWang, 'approve', undefined, 403, 'forbidden'],
      [zhang, 'approve', undefined, 403, 'forbidden'],
      [sunli, 'cancel', undefined, 403, 'forbidden'],
    ];
    for (const [who, step, body, status, code] of refusals) {
      const response = await act(who, order.id, step, body);
      assert.equal(response.status, status, `${step}: ${await response.clone().text()}`);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, code, step);
    }
    await json(await act(sunli, order.id, 'review'), 200);
    const reviewing = await snapshot();
    assert.equal(reviewing.history.length, start.history.length + 1);
    for (const [step, body] of [
      ['reject', {}],
      ['reject', { reason: '   ' }],
      ['return', {}],
    ] as const) {
      assert.equal((await act(sunli, order.id, step, body)).status, 400, step);
    }
    assert.equal((await act(sunli, order.id, 'review')).status, 409, 'already under review');
    assert.deepEqual(await snapshot(), reviewing);
    assert.equal(start.order?.status, 'submitted');
  });

  test('returned to the doctor, changed, reviewed again, rejected with a reason the TV reads', async () => {
    const tvEvents = await openEvents(tvWang);
    try {
      const order = (
        await json<{ orders: Order[] }>(
          await sunli.send('GET', '/api/pharmacy/orders?status=under_review'),
          200,
        )
      ).orders.find((o) => o.patient.id === 'res-wang-xiuying') as Order;
      await json(await act(sunli, order.id, 'return', { reason: '请确认剂量' }), 200);
      const rx = order.items[0]?.prescriptionId as string;
      // Another doctor's area cannot touch it; the prescribing area's doctor changes it.
      assert.equal((await act(zhao, order.id, 'resubmit', { changes: [], note: 'x' })).status, 404);
      const again = await json<Order>(
        await act(zhang, order.id, 'resubmit', {
          changes: [{ prescriptionId: rx, doseAmount: 0.5, frequency: 'qd', daysSupply: 28 }],
          note: '减为半片',
        }),
        200,
      );
      assert.equal(again.status, 'under_review');
      const rxRow = await stack.api.db
        .selectFrom('prescriptions')
        .selectAll()
        .where('id', '=', rx)
        .executeTakeFirst();
      assert.equal(rxRow?.doseAmount, 0.5);
      const rejected = await json<Order>(await act(sunli, order.id, 'reject', { reason: '请先复诊' }), 200);
      assert.equal(rejected.reason, '请先复诊');
      const pushed = await tvEvents.next((e) => e.type === 'pharmacy-order' && e.status === 'rejected');
      assert.equal(pushed.event.type === 'pharmacy-order' && pushed.event.reason, '请先复诊');
      assert.deepEqual(
        rejected.history.map((h) => h.status),
        ['submitted', 'under_review', 'returned_to_doctor', 'under_review', 'rejected'],
      );
      assert.equal((await tvWang.send('POST', `/api/pharmacy/orders/${order.id}/cancel`)).status, 409);
    } finally {
      tvEvents.close();
    }
  });

  test('the status history refuses UPDATE and DELETE', async () => {
    await assert.rejects(
      stack.api.db.updateTable('orderStatusHistory').set({ note: 'tampered' }).execute(),
      /append-only/,
    );
    await assert.rejects(stack.api.db.deleteFrom('orderStatusHistory').execute(), /append-only/);
  });
});
