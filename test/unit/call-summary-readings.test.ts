import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { focusedElement, openApp, textOf, tvApi, wangConsultation } from './support/app.js';
import { callReading, detail, kioskApi } from './support/kiosk.js';

// Issue 14 §7: the readings taken during a call are in the resident's summary after it (on the TV
// and at the kiosk), as the doctor's summary has them: values with units, the colour as a word and
// an icon (never colour alone), reachable by remote; withdrawn ones and a kiosk series' single
// parts are left out.

const withExtras = {
  ...detail,
  readings: [
    ...(detail.readings ?? []),
    callReading('r-k1-wd', { measure: 'spo2', spo2: 91, pulse: 80 }, 'yellow', 'spo2_low', {
      status: 'withdrawn',
    }),
    callReading(
      'r-k1-part',
      { measure: 'blood_pressure', systolic: 150, diastolic: 95, pulse: null },
      'yellow',
      'bp_grade_1',
      { series: { id: 's-1', role: 'part', index: 1 } },
    ),
  ],
};

const summaryRoot = (app: Element) => app.shadowRoot!.querySelector('dah-summary-screen')!.shadowRoot!;
const items = (app: Element) => [...summaryRoot(app).querySelectorAll<HTMLElement>('[data-reading]')];

describe('the call summary on the TV and the kiosk', () => {
  it('TV: the readings of the call with their colour words, reached by remote', async () => {
    await tvApi(
      http.get('/api/consultations/c-k1', () =>
        HttpResponse.json({ ...withExtras, kiosk: null, patient: wangConsultation.patient }),
      ),
    );
    const app = await openApp('/tv/summary/c-k1');
    await waitUntil(() => items(app).length > 0, 'the readings shown');
    expect(items(app).map((li) => li.dataset['reading'])).to.deep.equal(['r-k1-bp', 'r-k1-glu']);
    const [bp, glucose] = items(app).map((li) => textOf(li));
    expect(bp).to.contain('血压').and.contain('186/112 mmHg').and.contain('红色：需要尽快处理');
    expect(glucose).to.contain('血糖').and.contain('6.2 mmol/L').and.contain('绿色：正常');
    expect(items(app)[0]!.querySelector('svg'), 'an icon beside the colour word').to.not.equal(null);
    expect(textOf(summaryRoot(app) as unknown as Element)).to.contain('本次问诊中的测量');
    // Remote only: down from the doctor's words through each reading to 返回首页.
    await waitUntil(() => focusedElement()?.dataset['focusKey'] === 'diagnosis', 'the diagnosis first');
    const seen: string[] = [];
    for (let i = 0; i < 5 && focusedElement()?.dataset['focusKey'] !== 'home'; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => focusedElement()?.dataset['focusKey'] !== seen[seen.length - 1]);
      seen.push(focusedElement()?.dataset['focusKey'] ?? '');
    }
    expect(seen).to.deep.equal(['advice', 'reading-0', 'reading-1', 'home']);
  });

  it('kiosk: the same readings for the resident it asked for', async () => {
    await kioskApi(http.get('/api/consultations/c-k1', () => HttpResponse.json(withExtras)));
    const app = await openApp('/kiosk/summary/c-k1');
    await waitUntil(() => items(app).length === 2, 'the readings shown');
    expect(textOf(items(app)[0]!))
      .to.contain('186/112 mmHg')
      .and.contain('红色');
  });

  it('a call without readings shows no empty section', async () => {
    await tvApi(
      http.get('/api/consultations/c-k1', () =>
        HttpResponse.json({ ...detail, readings: [], kiosk: null, patient: wangConsultation.patient }),
      ),
    );
    const app = await openApp('/tv/summary/c-k1');
    await waitUntil(
      () => textOf(summaryRoot(app) as unknown as Element).includes('晚饭少吃主食'),
      'the summary',
    );
    expect(summaryRoot(app).querySelector('[data-summary-readings]')).to.equal(null);
    expect(textOf(summaryRoot(app) as unknown as Element)).to.not.contain('本次问诊中的测量');
  });
});
