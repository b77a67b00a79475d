// The cloud pharmacy end to end against the real API (issue 15): the doctor prescribes in a call
// from the console's panel, the resident's TV shows it in 我的药 and reorders it, the pharmacist
// approves and dispatches the reorder in the console, and the TV shows it dispatched with the
// tracking number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite } from '../support/e2e-suite.js';
import { endWithSummary, json } from '../support/consultations.js';
import { pairDevice, signIn, type ApiSession, type TestStack } from '../support/stack.js';

const WANG = 'res-wang-xiuying';

let stack: TestStack;
let doctor: ApiSession;
let pharmacist: ApiSession;
let tvWang: ApiSession;

const { pageOf } = browserSuite(async (started) => {
  stack = started;
  doctor = await signIn(stack, 'zhangwei');
  pharmacist = await signIn(stack, 'sunli');
  tvWang = await pairDevice(stack, doctor, { kind: 'tv', residentId: WANG });
});

interface OrderBody {
  id: string;
  status: string;
  patient: { id: string };
  items: { medicine: { id: string } }[];
}

/** A pharmacist's step through the API (the first order, so the reorder is not 'in progress'). */
async function step(orderId: string, segment: string, body?: unknown): Promise<void> {
  await json(await pharmacist.send('POST', `/api/pharmacy/orders/${orderId}/${segment}`, body), 200);
}

test('the doctor prescribes in a call, the TV shows and reorders it, the pharmacist dispatches, the TV shows the tracking number', async () => {
  // A consultation in progress: Wang asks, her family doctor admits her.
  await json(await tvWang.send('POST', '/api/queue', { doctor: 'family', reason: '高血压随访' }), 201);
  const { entries } = await json<{ entries: { id: string; patient: { id: string } }[] }>(
    await doctor.send('GET', '/api/queue'),
    200,
  );
  const entry = entries.find((e) => e.patient.id === WANG);
  assert.ok(entry, 'Wang waits in the queue');
  const consultation = await json<{ id: string }>(
    await doctor.send('POST', `/api/queue/${entry.id}/admit`),
    200,
  );

  // The doctor prescribes from the call's side panel: found by pinyin initials.
  const doctorPage = await pageOf(doctor, `/console/call/${consultation.id}`);
  await doctorPage.locator('#rx-search').fill('atftt');
  await doctorPage.locator('[data-medicine="atorvastatin-20mg"]').click();
  await doctorPage.locator('#rx-days').fill('28');
  await doctorPage.locator('#rx-refills').fill('2');
  await doctorPage.getByRole('button', { name: '开药并送药师审核' }).click();
  await doctorPage.locator('[data-prescribed]').getByText('阿托伐他汀', { exact: false }).waitFor();
  const detail = await json<{ prescriptions: { genericNameZh: string }[] }>(
    await doctor.send('GET', `/api/consultations/${consultation.id}`),
    200,
  );
  assert.ok(
    detail.prescriptions.some((p) => p.genericNameZh.includes('阿托伐他汀')),
    "in the consultation's summary",
  );

  // The call ends (her TV would otherwise go into it when it opens); the prescription stays.
  await endWithSummary(doctor, consultation.id, { diagnosis: '高血压，血脂偏高', advice: '按时服药' });

  // The new prescription's own order goes through review and delivery first.
  const { orders: first } = await json<{ orders: OrderBody[] }>(
    await pharmacist.send('GET', '/api/pharmacy/orders?status=submitted'),
    200,
  );
  const newOrder = first.find(
    (o) => o.patient.id === WANG && o.items[0]?.medicine.id === 'atorvastatin-20mg',
  );
  assert.ok(newOrder, 'the prescription is waiting for review');
  await step(newOrder.id, 'review');
  await step(newOrder.id, 'approve');
  await step(newOrder.id, 'dispatch', { courier: '邮政EMS', trackingNumber: 'EMS0000000001' });
  await step(newOrder.id, 'deliver');

  // The TV: 我的药 lists it with its supply; 再次配药 from its page, confirmed.
  // A reminder that falls due meanwhile is answered by pageOf's handler (test/support/e2e-suite.ts).
  const tv = await pageOf(tvWang, '/tv/medicines');
  const medicine = tv.locator('button.medicine', { hasText: '阿托伐他汀' });
  await medicine.waitFor();
  assert.match(await medicine.innerText(), /还剩2[78]天的药/);
  assert.match(await medicine.innerText(), /下次服药：\d\d:\d\d/);
  await medicine.click();
  await tv.getByRole('button', { name: '再次配药' }).click();
  const confirm = tv.locator('dah-dialog');
  await confirm.waitFor();
  assert.match(await confirm.locator('#body').innerText(), /预计自付¥\d+\.\d\d（医保报销后的估算/);
  await confirm.getByRole('button', { name: '确认配药' }).click();
  await tv.getByText('已下单', { exact: false }).waitFor();

  // The pharmacist's console: the reorder in the queue, reviewed, approved, dispatched.
  const desk = await pageOf(pharmacist, '/console');
  const card = desk.locator('li[data-order]', { hasText: '阿托伐他汀' }).filter({ hasText: '等待药师审核' });
  await card.getByRole('button', { name: '开始审核' }).click();
  const reviewing = desk.locator('li[data-order]', { hasText: '药师审核中' });
  await reviewing.getByRole('button', { name: '审核通过' }).click();
  const approved = desk.locator('li[data-order]', { hasText: '审核通过，正在配药' });
  await approved.getByLabel('快递公司').fill('顺丰速运');
  await approved.getByLabel('快递单号').fill('SF1234567890');
  await approved.getByRole('button', { name: '发货' }).click();
  await desk.locator('li[data-order]', { hasText: 'SF1234567890' }).waitFor();

  // The TV heard it: a toast, and the order history says dispatched with the number.
  await tv.locator('dah-toast.pharmacy', { hasText: 'SF1234567890' }).waitFor();
  await tv.getByRole('button', { name: '配药订单' }).click();
  await tv
    .locator('dah-medicine-orders-screen p.lead', { hasText: '阿托伐他汀' })
    .filter({ hasText: '已发货：顺丰速运 快递单号 SF1234567890' })
    .waitFor();
});
