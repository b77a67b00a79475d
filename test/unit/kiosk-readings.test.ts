import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { KioskIdleController } from '../../src/app/identity/kiosk-idle.js';
import { SelfServiceScreen } from '../../src/app/readings/kiosk/self-service-screen.js';
import { realClock } from '../../src/app/readings/kiosk/visit-clock.js';
import { SessionChangedEvent } from '../../src/app/state/session.js';
import { STAFF_IDLE_MS } from '../../src/shared/roles.js';
import { focusedElement, nextFrame, openApp, textOf, waitForPath } from './support/app.js';
import { ManualClock, deleteOutbox, tap, tapDigits } from './support/kiosk-input.js';
import { kioskApiWithCareHome, kioskWithNurse } from './support/kiosk.js';
import { mockApi, recorder } from './support/msw.js';
import { composedElements } from './support/screen-checks.js';
import { kioskWithoutStaff } from './support/sessions.js';

// Issue 14 §8 and §9 on the kiosk, by remote and by touch: the care home's morning round (measure,
// result, next resident in one press, a consultation from the result, idle sign-out leaves nothing
// on screen or behind Back) and the health station's self-service visit (identify, rest, three
// readings a minute apart on a clock the test moves, the mean of the last two, the visit's end).

/** Presses that are not digits: the nurse's or resident's effort beyond typing the numbers. */
let presses = 0;
async function press(key: string): Promise<void> {
  if (!/^\d$/.test(key)) presses += 1;
  await sendKeys({ press: key });
  await nextFrame();
}
async function type(digits: string): Promise<void> {
  for (const d of digits) await press(d);
}

interface Posted {
  id: string;
  patientId: string;
  values: { systolic: number; diastolic: number };
  setting: string;
  source: string;
  series: { id: string; role: string; index?: number } | null;
}

function readingsHandler(rec: ReturnType<typeof recorder>) {
  return http.post('/api/readings', async ({ request }) => {
    const body = (await request.json()) as Posted;
    rec.note('reading', body);
    return HttpResponse.json(body, { status: 201 });
  });
}
const posted = (rec: ReturnType<typeof recorder>) => (rec.calls['reading'] ?? []) as Posted[];
const main = (app: AppRoot) => app.shadowRoot!.querySelector('main');
const padFocused = () => focusedElement()?.hasAttribute('data-key') === true;
const fieldAsked = (app: AppRoot, field: string) =>
  composedElements(app.shadowRoot!).some((e) => e.getAttribute('data-field') === field);

beforeEach(async () => {
  await deleteOutbox();
  presses = 0;
});

describe('care-home kiosk: the morning round', () => {
  afterEach(() => {
    KioskIdleController.idleMs = STAFF_IDLE_MS;
  });

  it('by remote: find a resident, measure, then the next resident’s pad in one press; stored once per resident as the nurse’s', async () => {
    const rec = recorder();
    await kioskApiWithCareHome(readingsHandler(rec));
    const app = await openApp('/kiosk');
    await waitUntil(() => focusedElement()?.textContent?.includes('赵桂兰'), 'the first resident focused');
    // Up to the modes, choose 量血压.
    for (let i = 0; i < 6 && focusedElement()?.dataset['focusKey'] !== 'mode-measure'; i++)
      await press(focusedElement()?.dataset['focusKey'] === 'mode-consult' ? 'ArrowRight' : 'ArrowUp');
    expect(focusedElement()?.dataset['focusKey']).to.equal('mode-measure');
    await press('Enter');
    expect(focusedElement()?.getAttribute('aria-pressed')).to.equal('true');
    // Room 105 with the remote's digits, then OK on the card.
    await type('105');
    await waitUntil(() => focusedElement()?.textContent?.includes('赵桂兰'), 'room 105 found');
    await press('Enter');
    await waitForPath('/kiosk/measure/res-z');
    await waitUntil(() => fieldAsked(app, 'systolic'), 'the pad asks the high pressure');
    await waitUntil(padFocused, 'the pad has focus');
    await type('142');
    await waitUntil(() => fieldAsked(app, 'diastolic'), 'the low pressure');
    await type('88');
    await press('Enter');
    await waitUntil(() => textOf(main(app)).includes('142/88 mmHg'), 'the result');
    expect(textOf(main(app))).to.match(/偏高|高/);
    // From the result to the next resident's pad: one press.
    const before = presses;
    await waitUntil(() => focusedElement()?.dataset['focusKey'] === 'next', '下一位 focused');
    expect(focusedElement()?.textContent).to.contain('孙富贵');
    await press('Enter');
    await waitForPath('/kiosk/measure/res-s');
    await waitUntil(() => fieldAsked(app, 'systolic') && padFocused(), 'the next resident’s pad, focused');
    expect(presses - before, 'presses from a result to the next resident’s pad').to.equal(1);
    await type('126');
    await type('78');
    await press('Enter');
    await waitUntil(() => textOf(main(app)).includes('126/78 mmHg'), 'the second result');
    await waitUntil(() => posted(rec).length === 2, 'both readings sent').catch((e) => {
      console.log('POSTED', JSON.stringify(posted(rec)), textOf(main(app)));
      throw e;
    });
    const [zhao, sun] = posted(rec);
    expect([zhao!.patientId, zhao!.values.systolic, zhao!.values.diastolic]).to.deep.equal([
      'res-z',
      142,
      88,
    ]);
    expect([sun!.patientId, sun!.values.systolic, sun!.values.diastolic]).to.deep.equal(['res-s', 126, 78]);
    expect(zhao!.setting, 'taken by staff').to.equal('office');
    expect(zhao!.id).to.not.equal(sun!.id);
  });

  it('by touch: the card, the pad’s keys, the result; a consultation for this resident from the result', async () => {
    const rec = recorder();
    await kioskApiWithCareHome(readingsHandler(rec));
    const app = await openApp('/kiosk');
    await tap(app, '量血压');
    await tap(app, '孙富贵');
    await waitForPath('/kiosk/measure/res-s');
    await waitUntil(() => fieldAsked(app, 'systolic'), 'the pad');
    await tapDigits(app, '186');
    await tapDigits(app, '112');
    await waitUntil(() => textOf(main(app)).includes('186/112 mmHg'), 'the result');
    // Red: asking a doctor now comes first.
    await waitUntil(() => focusedElement()?.dataset['focusKey'] === 'consult', 'the doctor first');
    expect(main(app)!.innerHTML + textOf(main(app))).to.contain('孙富贵');
    await tap(app, '现在为孙富贵请医生');
    await waitForPath('/kiosk/consult/res-s');
    await waitUntil(() => posted(rec).length === 1, 'sent');
    expect(posted(rec)[0]!.patientId).to.equal('res-s');
  });

  it('idle sign-out: nothing of the resident on screen, nor behind Back, nor after the next sign-in', async () => {
    KioskIdleController.idleMs = 600;
    await kioskApiWithCareHome(
      http.delete('/api/kiosk/staff-session', () => HttpResponse.json(kioskWithoutStaff)),
      http.get('/api/kiosk/staff', () =>
        HttpResponse.json({ staff: [{ id: 'staff-ma-li', displayName: '马丽' }] }),
      ),
    );
    const app = await openApp('/kiosk');
    await tap(app, '量血压');
    await tap(app, '赵桂兰');
    await waitForPath('/kiosk/measure/res-z');
    await waitUntil(() => fieldAsked(app, 'systolic'), 'the pad');
    await type('13');
    await waitUntil(() => textOf(main(app)).includes('13 mmHg'), 'digits typed');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-staff-sign-in'), 'signed out', {
      timeout: 5000,
    });
    expect(window.location.pathname).to.equal('/kiosk');
    expect(textOf(main(app))).to.not.contain('赵桂兰');
    window.history.back();
    await nextFrame();
    await nextFrame();
    expect(window.location.pathname, 'Back leads to no resident').to.not.match(/measure|consult/);
    expect(textOf(main(app))).to.not.contain('赵桂兰');
    // The next nurse: the list, never the screen the last one left.
    app.dispatchEvent(new SessionChangedEvent(kioskWithNurse.actor));
    await waitUntil(() => app.shadowRoot!.querySelector('dah-kiosk-home'), 'the list');
    expect(app.shadowRoot!.querySelector('dah-kiosk-measure')).to.equal(null);
    expect(textOf(main(app))).to.not.contain('13 mmHg');
  });
});

function selfServiceApi(rec: ReturnType<typeof recorder>) {
  return mockApi(
    http.get('/api/auth/session', () => HttpResponse.json(kioskWithoutStaff)),
    http.get('/api/kiosk/staff', () => HttpResponse.json({ staff: [] })),
    http.get('/api/queue/mine', () =>
      HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
    ),
    http.post('/api/kiosk/visits', async ({ request }) => {
      const body = (await request.json()) as { idCardSuffix: string; birthDate: string };
      rec.note('visit', body);
      if (body.idCardSuffix !== '3426' || body.birthDate !== '1946-03-12')
        return HttpResponse.json({ error: { code: 'identification_failed', message: '' } }, { status: 401 });
      return HttpResponse.json({
        id: 'visit-1',
        patient: { id: 'res-a', displayName: '王秀英' },
        expiresAt: '2030-01-01T00:00:00.000Z',
      });
    }),
    http.delete('/api/kiosk/visits', () => {
      rec.note('end');
      return HttpResponse.json({ ended: true });
    }),
    readingsHandler(rec),
  );
}

describe('self-service kiosk: the validated protocol', () => {
  let clock: ManualClock;
  beforeEach(() => {
    clock = new ManualClock(Date.parse('2026-03-02T01:00:00Z'));
    SelfServiceScreen.clock = clock;
  });
  afterEach(() => {
    SelfServiceScreen.clock = realClock;
  });

  const screenText = (app: AppRoot) => textOf(app.shadowRoot!.querySelector('dah-self-service'));

  it('by remote: identify, rest, three readings a minute apart, the mean of the last two; a minute idle ends the visit', async () => {
    const rec = recorder();
    await selfServiceApi(rec);
    const app = await openApp('/kiosk/self-service');
    await waitUntil(() => screenText(app).includes('身份证的最后4位') && padFocused(), 'asks the ID card');
    await type('3426');
    await waitUntil(() => screenText(app).includes('出生日期'), 'asks the birth date');
    await type('19460312');
    await waitUntil(() => screenText(app).includes('还有 60 秒'), 'the rest, in words');
    expect(screenText(app)).to.contain('王秀英');
    await clock.advance(30_000);
    await waitUntil(() => screenText(app).includes('还有 30 秒'), 'half the rest');
    // Resting is not idleness: nothing ends while the resident sits still.
    await clock.advance(30_000);
    const readings: [string, string][] = [
      ['188', '96'],
      ['131', '83'],
      ['126', '80'],
    ];
    for (const [index, [systolic, diastolic]] of readings.entries()) {
      await waitUntil(() => screenText(app).includes(`第${index + 1}次测量`), `reading ${index + 1}`);
      await waitUntil(() => fieldAsked(app, 'systolic') && padFocused(), 'the pad, focused');
      await type(systolic);
      await waitUntil(() => fieldAsked(app, 'diastolic'), 'the low pressure');
      await type(diastolic);
      await press('Enter');
      if (index < 2) {
        await waitUntil(() => screenText(app).includes('60 秒后量'), 'a minute between readings');
        expect(screenText(app)).to.not.contain(`第${index + 2}次测量`);
        await clock.advance(59_000);
        expect(screenText(app)).to.contain('1 秒后量');
        await clock.advance(1_000);
      }
    }
    // (131 + 126) / 2 → 129 (rounded); (83 + 80) / 2 → 82.
    await waitUntil(() => screenText(app).includes('129/82 mmHg'), 'the mean of the last two');
    expect(screenText(app)).to.contain('188/96 mmHg');
    await waitUntil(() => posted(rec).length === 4, 'three readings and the result sent');
    const series = posted(rec).map((r) => r.series!);
    expect(new Set(series.map((s) => s.id)).size, 'one series').to.equal(1);
    expect(series.map((s) => `${s.role}${s.index ?? ''}`)).to.deep.equal([
      'part1',
      'part2',
      'part3',
      'result',
    ]);
    expect(posted(rec)[3]!.values).to.include({ systolic: 129, diastolic: 82 });
    expect(posted(rec).every((r) => r.patientId === 'res-a' && r.setting === 'home')).to.equal(true);
    expect(rec.count('end')).to.equal(0);
    // A minute without a touch or a key ends the visit: nothing of the resident stays.
    await clock.advance(59_000);
    expect(screenText(app)).to.contain('129/82');
    await clock.advance(1_000);
    await waitUntil(() => rec.count('end') === 1, 'the visit ended at the API');
    await waitUntil(() => screenText(app).includes('身份证的最后4位'), 'back to the start');
    expect(screenText(app)).to.not.contain('王秀英');
    expect(screenText(app)).to.not.contain('129');
  });

  it('by touch: a wrong birth date is refused in words; 结束 ends the visit mid-protocol and leaves nothing', async () => {
    const rec = recorder();
    await selfServiceApi(rec);
    const app = await openApp('/kiosk/self-service');
    await waitUntil(() => screenText(app).includes('身份证的最后4位'), 'asks the ID card');
    await tapDigits(app, '3426');
    await waitUntil(() => screenText(app).includes('出生日期'), 'asks the birth date');
    await tapDigits(app, '19460313');
    await waitUntil(() => screenText(app).includes('没有找到您的健康档案'), 'refused in words');
    expect(screenText(app)).to.contain('身份证的最后4位');
    await tapDigits(app, '3426');
    await waitUntil(() => screenText(app).includes('出生日期'), 'asks the birth date again');
    await tapDigits(app, '19460312');
    await waitUntil(() => screenText(app).includes('还有 60 秒'), 'the rest');
    await clock.advance(60_000);
    await waitUntil(() => fieldAsked(app, 'systolic'), 'reading 1');
    await tapDigits(app, '150');
    await tapDigits(app, '95', true);
    await waitUntil(() => screenText(app).includes('60 秒后量'), 'the wait');
    await tap(app, '结束，回到开始');
    await waitUntil(() => rec.count('end') === 1, 'the visit ended at the API');
    expect(posted(rec).length, 'the reading taken was sent before the visit ended').to.equal(1);
    expect(screenText(app)).to.contain('身份证的最后4位');
    expect(screenText(app)).to.not.contain('王秀英');
    expect(screenText(app)).to.not.contain('150');
    // The abandoned wait does not come back.
    await clock.advance(120_000);
    expect(screenText(app)).to.contain('身份证的最后4位');
    expect(rec.calls['visit']).to.deep.equal([
      { idCardSuffix: '3426', birthDate: '1946-03-13' },
      { idCardSuffix: '3426', birthDate: '1946-03-12' },
    ]);
  });

  it('the staff sign-in offers the self-service visit without a sign-in', async () => {
    await selfServiceApi(recorder());
    const app = await openApp('/kiosk');
    await tap(app, '自助量血压');
    await waitForPath('/kiosk/self-service');
    await waitUntil(() => screenText(app).includes('身份证的最后4位'), 'the visit starts');
  });
});
