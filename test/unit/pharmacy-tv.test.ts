import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { OutboxController } from '../../src/app/offline/outbox-controller.js';
import { ReminderController } from '../../src/app/pharmacy/reminders/reminder-controller.js';
import { placeReorder } from '../../src/app/pharmacy/reorder.js';
import { focusedElement, focusedText, openApp, screen, textOf, tvApi, waitForPath } from './support/app.js';
import { pushWhenListening } from './support/msw.js';
import { currentAmlodipine, orderOf, pharmacyTvHandlers } from './support/pharmacy.js';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
let dbCount = 0;

/** The API's reorder endpoint, as the server behaves: one order per Idempotency-Key. */
function reorderApi(answer: (attempt: number) => 'ok' | 'down' | 'network' = () => 'ok') {
  const keys: string[] = [];
  const bodies: unknown[] = [];
  const made = new Set<string>();
  const handler = http.post('/api/pharmacy/orders', async ({ request }) => {
    const key = request.headers.get('idempotency-key') ?? '';
    keys.push(key);
    bodies.push(await request.json());
    const how = answer(keys.length);
    if (how === 'network') return HttpResponse.error();
    if (how === 'down')
      return HttpResponse.json({ error: { code: 'internal', message: 'down' } }, { status: 503 });
    const again = made.has(key);
    made.add(key);
    return HttpResponse.json(orderOf(), { status: again ? 200 : 201 });
  });
  return { keys, bodies, handler, orders: () => made.size };
}

describe('我的药 on the TV', () => {
  beforeEach(() => {
    // A fresh outbox per test: what one test leaves waiting must not be sent in the next.
    dbCount += 1;
    OutboxController.dbName = `dah-outbox-test-${Date.now()}-${dbCount}`;
    ReminderController.dbName = `dah-reminders-test-${Date.now()}-${dbCount}`;
  });

  it('lists the current medicines in large text with the next dose time and the days of supply left', async () => {
    await tvApi(
      http.get('/api/pharmacy/medicines/mine', () =>
        HttpResponse.json({
          medicines: [currentAmlodipine({ daysOfSupplyLeft: 12, nextDoseAt: '2026-12-05T12:00:00.000Z' })],
          // 13:00 in Shanghai: no dose is due, so no reminder covers the list.
          serverTime: '2026-12-05T05:00:00.000Z',
          answers: [],
        }),
      ),
    );
    const app = await openApp('/tv/medicines');
    const shown = screen(app, 'dah-medicines-screen')!;
    await waitUntil(() => textOf(shown).includes('还剩12天的药'), 'days left');
    const text = textOf(shown);
    expect(text).to.contain('苯磺酸氨氯地平片 5mg');
    expect(text).to.contain('每次1片，每日一次');
    // 12:00 UTC is 20:00 in Shanghai, whatever the TV's own time zone.
    expect(text).to.contain('下次服药：20:00');
    const name = shown.shadowRoot!.querySelector('.name')!;
    expect(parseFloat(getComputedStyle(name).fontSize)).to.be.at.least(32 * (window.innerHeight / 1080));
  });

  it('Down and Up move focus row to row and update no element on the way (issue 18: a move is only a focus change)', async () => {
    const medicines = ['rx-1', 'rx-2', 'rx-3'].map((id) => {
      const medicine = currentAmlodipine({ daysOfSupplyLeft: 12 });
      return { ...medicine, prescription: { ...medicine.prescription, id } };
    });
    await tvApi(
      http.get('/api/pharmacy/medicines/mine', () =>
        HttpResponse.json({ medicines, serverTime: '2026-12-05T05:00:00.000Z', answers: [] }),
      ),
    );
    const app = await openApp('/tv/medicines');
    const list = screen(app, 'dah-medicines-screen')!;
    const focusKey = () => focusedElement()?.dataset['focusKey'];
    await waitUntil(() => focusKey() === 'medicine-rx-1', 'the first row is focused');
    await Promise.all([app.updateComplete, list.updateComplete, nextFrame()]);
    // Any Lit update of the app or the list (a focused-row state, say) re-renders every row.
    const updated: string[] = [];
    for (const element of [app, list] as unknown as { localName: string; update(changed: unknown): void }[]) {
      const update = element.update.bind(element);
      element.update = (changed) => {
        updated.push(element.localName);
        update(changed);
      };
    }
    for (const [key, row] of [
      ['ArrowDown', 'medicine-rx-2'],
      ['ArrowDown', 'medicine-rx-3'],
      ['ArrowUp', 'medicine-rx-2'],
    ]) {
      await sendKeys({ press: key as string });
      await nextFrame();
      expect(focusKey(), `${key} to ${row}`).to.equal(row);
    }
    expect(updated, 'elements updated by the moves').to.deep.equal([]);
  });

  it('reaches the reorder confirmation from Home in 3 OK presses by remote keys only, and the 4th orders once', async () => {
    const api = reorderApi();
    await tvApi(api.handler);
    await openApp('/tv');
    const presses: string[] = [];
    const press = async (key: string) => {
      presses.push(key);
      await sendKeys({ press: key });
      await nextFrame();
    };
    await press('ArrowRight');
    expect(focusedText()).to.equal('我的药');
    await press('Enter');
    await waitForPath('/tv/medicines');
    await waitUntil(() => focusedText().includes('氨氯地平'), 'the medicine is focused');
    await press('Enter');
    await waitForPath('/tv/medicines/rx-amlo');
    await waitUntil(() => focusedText() === '再次配药', '再次配药 is focused');
    await press('Enter');
    const app = document.querySelector('dah-app')!;
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'the confirmation');
    const confirm = textOf(app.shadowRoot!.querySelector('dah-dialog'));
    expect(confirm).to.contain('送到：东河镇柳树村三组12号');
    // 28 tablets, one pack of 14.80 yuan, 甲类: 70% reimbursed, 4.44 yuan left to pay.
    expect(confirm).to.contain('预计自付¥4.44');
    expect(confirm).to.contain('估算');
    expect(presses.filter((k) => k === 'Enter').length, 'OK presses to the confirmation').to.equal(3);
    expect(presses.length, 'all presses to the confirmation').to.equal(4);
    expect(focusedText()).to.equal('确认配药');
    await press('Enter');
    const page = screen(app as never, 'dah-medicine-screen')!;
    await waitUntil(() => textOf(page).includes('已下单'), 'ordered');
    expect(api.keys).to.have.length(1);
    expect(api.keys[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(api.bodies[0]).to.deep.equal({ prescriptionIds: ['rx-amlo'] });
  });

  it('a double press and a retry after a failed answer place one order with one key', async () => {
    const api = reorderApi((attempt) => (attempt === 1 ? 'down' : 'ok'));
    await tvApi(api.handler);
    await openApp('/tv');
    const outbox = new OutboxController({ csrfToken: () => null });
    const box = await outbox.ready();
    box.start();
    const [first, second] = await Promise.all([
      placeReorder(outbox, 'rx-amlo'),
      placeReorder(outbox, 'rx-amlo'),
    ]);
    expect(first).to.deep.equal(second);
    expect(first.kind).to.equal('waiting');
    // Pressed again while it waits: the same write, sent again with its own key.
    await placeReorder(outbox, 'rx-amlo');
    await waitUntil(() => api.orders() === 1 && api.keys.length >= 2, 'the retry went through', {
      timeout: 8000,
    });
    expect(new Set(api.keys).size, 'one Idempotency-Key').to.equal(1);
    expect((await outbox.pending('reorder')).length).to.equal(0);
    box.stop();
  });

  it('offline the order waits in the outbox and the TV says so; after a reload it goes with the same key', async () => {
    let online = false;
    const api = reorderApi(() => (online ? 'ok' : 'network'));
    await tvApi(api.handler);
    const app = await openApp('/tv/medicines/rx-amlo');
    await waitUntil(() => focusedText() === '再次配药', '再次配药 is focused');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'the confirmation');
    await sendKeys({ press: 'Enter' });
    const page = screen(app, 'dah-medicine-screen')!;
    await waitUntil(() => textOf(page).includes('没有网络'), 'says it waits');
    expect(textOf(page)).to.contain('不会重复下单');
    expect(textOf(page), 'no second 再次配药 while one waits').to.not.contain('再次配药 ');
    const firstKey = api.keys[0];
    online = true;
    // A reload: a new app, the same device storage. The outbox sends what waits at sign-in.
    await openApp('/tv/medicines');
    await waitUntil(() => api.orders() === 1, 'sent after the reload', { timeout: 8000 });
    expect(new Set(api.keys)).to.deep.equal(new Set([firstKey]));
  });

  it('every status change arrives as a toast and in the order history; a rejection shows the reason', async () => {
    let orders = [orderOf({ status: 'under_review' })];
    await tvApi(
      http.get('/api/pharmacy/orders', () => HttpResponse.json({ orders })),
      ...pharmacyTvHandlers(),
    );
    const app = await openApp('/tv/medicine-orders');
    const page = screen(app, 'dah-medicine-orders-screen')!;
    await waitUntil(() => textOf(page).includes('药师审核中'), 'history');
    orders = [orderOf({ status: 'dispatched', courier: '邮政EMS', trackingNumber: 'EMS1234567' })];
    await pushWhenListening({
      type: 'pharmacy-order',
      orderId: 'ord-1',
      status: 'dispatched',
      reason: null,
      courier: '邮政EMS',
      trackingNumber: 'EMS1234567',
    });
    await waitUntil(() => textOf(page).includes('快递单号 EMS1234567'), 'history updated');
    const toast = () => textOf(app.shadowRoot!.querySelector('dah-toast.pharmacy'));
    await waitUntil(() => toast().includes('已发货'), 'toast');
    expect(toast()).to.contain('EMS1234567');
    orders = [orderOf({ status: 'rejected', reason: '与正在服用的药重复，请咨询家庭医生' })];
    await pushWhenListening({
      type: 'pharmacy-order',
      orderId: 'ord-1',
      status: 'rejected',
      reason: '与正在服用的药重复，请咨询家庭医生',
      courier: null,
      trackingNumber: null,
    });
    await waitUntil(() => textOf(page).includes('药师说明：与正在服用的药重复'), 'the reason');
    await waitUntil(() => toast().includes('未通过审核'), 'toast');
  });
});
