import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../src/app/app-root.js';
import { KioskVisitController } from '../../src/app/readings/kiosk/kiosk-visit.js';
import { SelfServiceScreen } from '../../src/app/readings/kiosk/self-service-screen.js';
import { realClock } from '../../src/app/readings/kiosk/visit-clock.js';
import { focusedElement, nextFrame, openApp, textOf } from './support/app.js';
import { ManualClock, button, deleteOutbox, tap } from './support/kiosk-input.js';
import { pushWhenListening, recorder } from './support/msw.js';
import { visitApi } from './support/kiosk-visit.js';
import { composedElements, textProblems } from './support/screen-checks.js';

// Issue 14 §9 at a health station's self-service kiosk, no nurse present: after the result, the
// resident asks a doctor (请医生看看) and waits, or reorders (续药), in the same visit; the visit's
// minute of idleness does not end it while waiting for the doctor; its end (idle, Back, 结束)
// leaves nothing of the resident on screen or behind Back. Remote and touch.

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}
async function type(digits: string): Promise<void> {
  for (const d of digits) await press(d);
}
const focusedWords = () => (focusedElement()?.textContent ?? '').replace(/\s+/g, '');
/** Moves focus with the arrows (down first, then left and right) until `words` is focused. */
async function focusByRemote(words: string): Promise<void> {
  const seen: string[] = [];
  for (const key of [
    'ArrowDown',
    'ArrowLeft',
    'ArrowDown',
    'ArrowLeft',
    'ArrowRight',
    'ArrowDown',
    'ArrowRight',
  ]) {
    seen.push(focusedWords().slice(0, 12));
    if (focusedWords().startsWith(words)) return;
    await press(key);
  }
  if (focusedWords().startsWith(words)) return;
  throw new Error(`never focused “${words}”; went ${seen.join(' → ')}`);
}
/** At 1080p: 10-foot text (32 px) and every button a touch target of at least 96 px. */
function screenProblems(app: AppRoot): string[] {
  const main = app.shadowRoot!.querySelector('main')!;
  const small = composedElements(main)
    .filter((e): e is HTMLButtonElement => e instanceof HTMLButtonElement)
    .filter((b) => b.getBoundingClientRect().height < 95.5)
    .map((b) => `${(b.textContent ?? '').trim()}: ${b.getBoundingClientRect().height.toFixed(0)} px`);
  return [...textProblems(app.shadowRoot!, 32), ...small];
}
const fieldAsked = (app: AppRoot, field: string) =>
  composedElements(app.shadowRoot!).some((e) => e.getAttribute('data-field') === field);
const pageText = (app: AppRoot) => textOf(app.shadowRoot!.querySelector('main'));

describe('self-service kiosk: a doctor and a reorder in the same visit', () => {
  let clock: ManualClock;
  beforeEach(async () => {
    await deleteOutbox();
    clock = new ManualClock();
    SelfServiceScreen.clock = clock;
    KioskVisitController.clock = clock;
    // The camera check passed a moment ago: asking a doctor goes straight to the queue.
    window.localStorage.setItem(
      'dah.settings',
      JSON.stringify({ precheckPassedAt: new Date().toISOString() }),
    );
  });
  after(() => setViewport({ width: 800, height: 600 }));
  afterEach(() => {
    SelfServiceScreen.clock = realClock;
    KioskVisitController.clock = realClock;
    window.localStorage.removeItem('dah.settings');
  });

  /** Identify, rest, three readings: the result with its two big buttons. */
  async function measured(app: AppRoot): Promise<void> {
    await waitUntil(() => pageText(app).includes('身份证的最后4位'), 'asks the ID card');
    await type('3426');
    await waitUntil(() => pageText(app).includes('出生日期'), 'asks the birth date');
    await type('19460312');
    await waitUntil(() => pageText(app).includes('还有 60 秒'), 'the rest');
    await clock.advance(60_000);
    for (const [index, [systolic, diastolic]] of [
      ['150', '95'],
      ['142', '91'],
      ['138', '89'],
    ].entries()) {
      await waitUntil(() => fieldAsked(app, 'systolic'), `reading ${index + 1}`);
      await type(systolic!);
      await waitUntil(() => fieldAsked(app, 'diastolic'), 'the low pressure');
      await type(diastolic!);
      await press('Enter');
      if (index < 2) {
        await waitUntil(() => pageText(app).includes('60 秒后量'), 'the minute between');
        await clock.advance(60_000);
      }
    }
    await waitUntil(() => pageText(app).includes('140/90 mmHg'), 'the result');
    await waitUntil(() => button(app, '请医生看看') && button(app, '续药'), 'the two big buttons');
  }

  it('by remote: 请医生看看 → the family doctor → the wait in words; idle minutes do not end it; Back ends the visit and leaves nothing', async () => {
    const rec = recorder();
    await visitApi(rec);
    const app = await openApp('/kiosk/self-service');
    await measured(app);
    await focusByRemote('请医生看看');
    await press('Enter');
    await waitUntil(() => pageText(app).includes('请选一位医生'), 'the choice of doctor');
    await focusByRemote('家庭医生');
    await press('Enter');
    await waitUntil(() => pageText(app).includes('正在等医生'), 'the wait');
    expect(rec.calls['queue']).to.deep.equal([
      { doctor: 'family', patientId: 'res-a', urgency: 'routine', reason: '在健康驿站自助测量后' },
    ]);
    expect(pageText(app)).to.contain('在等您的家庭医生');
    expect(pageText(app)).to.contain('前面还有1位');
    // Sitting still in front of the screen is waiting, not idleness.
    await clock.advance(5 * 60_000);
    expect(rec.count('end')).to.equal(0);
    expect(window.location.pathname).to.equal('/kiosk/visit/consult');
    expect(pageText(app)).to.contain('正在等医生');
    // Back: the visit ends (its place with it, at the API) and the kiosk starts again.
    await press('Escape');
    await waitUntil(() => rec.count('end') === 1, 'the visit ended at the API');
    await waitUntil(() => window.location.pathname === '/kiosk/self-service', 'back to the start');
    await waitUntil(() => pageText(app).includes('身份证的最后4位'), 'the start');
    expect(pageText(app)).to.not.contain('王秀英');
    expect(pageText(app)).to.not.contain('140/90');
    // Nothing behind Back either: the doctor's screen now knows no resident.
    window.history.back();
    await waitUntil(() => window.location.pathname !== '/kiosk/self-service', 'went back');
    await nextFrame();
    expect(pageText(app)).to.not.contain('王秀英');
    expect(pageText(app)).to.not.contain('正在等医生');
  });

  it('by touch: leaving the queue returns to the result; 续药 orders once with its key; a minute idle ends the visit and leaves nothing', async () => {
    await setViewport({ width: 1920, height: 1080 });
    const rec = recorder();
    await visitApi(rec);
    const app = await openApp('/kiosk/self-service');
    await measured(app);
    expect(screenProblems(app), 'the result').to.deep.equal([]);
    await tap(app, '请医生看看');
    await waitUntil(() => pageText(app).includes('请选一位医生'), 'the choice of doctor');
    expect(screenProblems(app), 'the choice of doctor').to.deep.equal([]);
    await tap(app, '情况紧急');
    await waitUntil(() => pageText(app).includes('紧急请求'), 'the urgent wait');
    expect(screenProblems(app), 'the wait').to.deep.equal([]);
    expect((rec.calls['queue']![0] as { doctor: string; urgency: string }).urgency).to.equal('urgent');
    await tap(app, '取消呼叫');
    // The question first: the dialog's own 取消呼叫 (over the screen's).
    await waitUntil(() => button(app, '不取消'), 'asked first');
    const confirm = composedElements(app.shadowRoot!).filter(
      (e) => e instanceof HTMLButtonElement && (e.textContent ?? '').trim() === '取消呼叫',
    );
    (confirm[confirm.length - 1] as HTMLButtonElement).click();
    await waitUntil(() => rec.count('leave') === 1, 'left the queue');
    await waitUntil(() => pageText(app).includes('140/90 mmHg'), 'the visit’s result again');
    await tap(app, '续药');
    await waitUntil(() => pageText(app).includes('王秀英的药'), 'the resident’s medicines');
    expect(pageText(app)).to.contain('苯磺酸氨氯地平片');
    expect(screenProblems(app), 'the medicines').to.deep.equal([]);
    await tap(app, '续药（还可以续配2次）');
    await tap(app, '确认续药');
    await waitUntil(() => pageText(app).includes('已下单'), 'ordered, in words');
    const orders = rec.calls['order'] as { key: string; body: unknown }[];
    expect(orders.length).to.equal(1);
    expect(orders[0]!.body).to.deep.equal({ prescriptionIds: ['rx-amlo'] });
    expect(orders[0]!.key).to.match(/^[\w-]{8,}$/);
    await waitUntil(() => pageText(app).includes('订单正在处理中'), 'no second order offered');
    expect(rec.count('end')).to.equal(0);
    // A minute without a touch: the visit ends, the medicines go with it.
    await clock.advance(60_000);
    await waitUntil(() => rec.count('end') === 1, 'the visit ended at the API');
    await waitUntil(() => window.location.pathname === '/kiosk/self-service', 'back to the start');
    await waitUntil(() => pageText(app).includes('身份证的最后4位'), 'the start');
    expect(pageText(app)).to.not.contain('王秀英');
    window.history.back();
    await waitUntil(() => window.location.pathname === '/kiosk/visit/medicines', 'Back');
    await waitUntil(() => pageText(app).includes('这次自助服务已经结束'), 'the ended visit in words');
    expect(pageText(app)).to.not.contain('王秀英');
    expect(pageText(app)).to.not.contain('氨氯地平');
  });

  it('after the call, its summary opens without staff, then back to the visit’s result', async () => {
    const rec = recorder();
    await visitApi(rec);
    const app = await openApp('/kiosk/self-service');
    await measured(app);
    // The doctor ended the visit's consultation: its summary, on this kiosk with no nurse.
    await pushWhenListening({
      type: 'ended',
      consultationId: 'c-k1',
      summary: { diagnosis: '血压偏高', advice: '按时服药，一周后复查' },
    });
    await waitUntil(() => window.location.pathname === '/kiosk/summary/c-k1', 'the summary');
    await waitUntil(() => pageText(app).includes('按时服药'), 'what the doctor wrote');
    expect(rec.count('end')).to.equal(0);
    await tap(app, '回到测量结果');
    await waitUntil(() => window.location.pathname === '/kiosk/self-service', 'back to the visit');
    await waitUntil(() => pageText(app).includes('140/90 mmHg'), 'the visit’s result again');
    expect(pageText(app)).to.contain('王秀英');
    await tap(app, '结束，回到开始');
    await waitUntil(() => rec.count('end') === 1, 'the visit ended');
    await waitUntil(() => pageText(app).includes('身份证的最后4位'), 'the start');
    expect(pageText(app)).to.not.contain('王秀英');
  });
});
