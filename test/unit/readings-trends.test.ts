import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { openApp, screen, textOf, tvApi, wangReadings } from './support/app.js';
import { recorder } from './support/msw.js';

describe('TV trends', () => {
  beforeEach(() => fixtureCleanup());

  it('says the week in one sentence and draws the target band with colour and shape per status', async () => {
    const rec = recorder();
    await tvApi(
      http.get('/api/patients/res-a/readings', ({ request }) => {
        rec.note('days', new URL(request.url).searchParams.get('days'));
        return HttpResponse.json(wangReadings());
      }),
    );
    const app = await openApp('/tv/trends');
    const view = () => screen(app, 'dah-trends-screen')!.shadowRoot!.querySelector('dah-trends-view')!;
    await waitUntil(() => view().shadowRoot!.querySelector('dah-trend-chart'), 'the chart');
    expect(textOf(view().shadowRoot!.querySelector('.sentence'))).to.contain('7天测过，其中5天在目标范围内');
    const chart = view().shadowRoot!.querySelector('dah-trend-chart')!;
    await chart.updateComplete;
    const svg = chart.shadowRoot!.querySelector('svg')!;
    expect(svg.querySelector('rect.band'), 'target band').to.not.equal(null);
    // 7 readings × 2 numbers: the red one as squares, yellow as triangles, green as circles.
    expect(svg.querySelectorAll('rect.red').length).to.equal(2);
    expect(svg.querySelectorAll('path.yellow').length).to.equal(4);
    expect(svg.querySelectorAll('circle.green').length).to.equal(8);
    // 30 days asks the API again for that span.
    view().shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="days-30"]')!.click();
    await waitUntil(() => rec.calls['days']?.includes('30'), 'asked for 30 days');
  });
});
