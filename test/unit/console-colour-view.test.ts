// The doctor's colour view (分色管理) and the call page's live readings, in the real app root
// against msw: red first whatever the API's order, filters asked of the API, a resident's trend
// and record opened from the list, a follow-up rung from there, a pushed reading on the call page.
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import type { ColourViewEntry, Reading } from '../../src/shared/readings/schemas.js';
import { wangReadings } from './support/app.js';
import { consoleApi, deep, followUpDetail, openConsole } from './support/console.js';
import { openPushStreams, pushEvent, recorder } from './support/msw.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

function resident(
  id: string,
  name: string,
  colour: 'red' | 'yellow' | 'green',
  conditions: string[],
): ColourViewEntry {
  return {
    patient: { id, displayName: name, conditions },
    colour: {
      colour,
      reasons:
        colour === 'red' ? ['red_reading'] : colour === 'yellow' ? ['home_mean_above_target'] : ['in_target'],
      homeMean: colour === 'yellow' ? { systolic: 141, diastolic: 88, count: 6 } : null,
    },
    latestReadings: [
      {
        id: `r-${id}`,
        values: {
          measure: 'blood_pressure',
          systolic: colour === 'red' ? 186 : 128,
          diastolic: 84,
          pulse: 70,
        },
        takenAt: hoursAgo(3),
        colour,
        messageKey: null,
      },
    ],
  };
}

const green = resident('res-c', '赵桂兰', 'green', ['hypertension']);
const red = resident('res-a', '王秀英', 'red', ['hypertension']);
const yellow = resident('res-b', '李建国', 'yellow', ['hypertension', 'type2_diabetes']);

const recordOfWang = {
  patient: { id: 'res-a', displayName: '王秀英', birthDate: '1946-03-12', sex: 'female' },
  conditions: ['hypertension'],
  allergies: ['penicillin'],
  latestReadings: red.latestReadings,
  medicines: [],
  nextAppointment: null,
  consultations: [],
  homeVisits: [],
  notYetAvailable: [],
};

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
const view = (app: AppRoot) => deep(app, 'dah-console-colour-view');
const rows = (app: AppRoot) =>
  [...(view(app)?.shadowRoot?.querySelectorAll<HTMLElement>('tr[data-resident]') ?? [])].map(
    (row) => `${row.dataset['resident']}:${row.dataset['colour']}`,
  );

function choose(select: HTMLSelectElement | null, value: string): void {
  select!.value = value;
  select!.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('console: the colour view (分色管理)', () => {
  it('the work screen opens it; red first, then yellow, then green, each with its colour in words and its latest reading', async () => {
    await consoleApi(
      // The API's order is not trusted: the list puts red first itself.
      http.get('/api/readings/colour-view', () => HttpResponse.json({ residents: [green, red, yellow] })),
    );
    const app = await openConsole('/console');
    await waitUntil(() => deep(app, 'dah-console-home', '[data-nav="colour-view"]'), 'the 分色管理 button');
    deep<HTMLButtonElement>(app, 'dah-console-home', '[data-nav="colour-view"]')!.click();
    await waitUntil(() => rows(app).length === 3, 'three residents', { timeout: 5000 });
    expect(window.location.pathname).to.equal('/console/colour-view');
    expect(rows(app)).to.deep.equal(['res-a:red', 'res-b:yellow', 'res-c:green']);
    const first = view(app)!.shadowRoot!.querySelector('tr[data-resident="res-a"]');
    expect(text(first)).to.contain('王秀英').and.contain('红色').and.contain('186/84 mmHg');
    expect(text(first)).to.contain('近 7 天有一次红色读数');
    const second = view(app)!.shadowRoot!.querySelector('tr[data-resident="res-b"]');
    expect(text(second)).to.contain('141/88').and.contain('2型糖尿病');
  });

  it('filters by condition and by colour through the API, and says when none fit', async () => {
    const rec = recorder();
    await consoleApi(
      http.get('/api/readings/colour-view', ({ request }) => {
        const query = new URL(request.url).searchParams;
        rec.note('query', query.toString());
        const colour = query.get('colour');
        const condition = query.get('condition');
        const all = [red, yellow, green].filter(
          (r) =>
            (!colour || r.colour.colour === colour) &&
            (!condition || r.patient.conditions.includes(condition)),
        );
        return HttpResponse.json({ residents: all });
      }),
    );
    const app = await openConsole('/console/colour-view');
    await waitUntil(() => rows(app).length === 3, 'everyone');
    choose(view(app)!.shadowRoot!.querySelector('#condition'), 'type2_diabetes');
    await waitUntil(() => rows(app).length === 1, 'only the diabetic resident');
    expect(rows(app)).to.deep.equal(['res-b:yellow']);
    choose(view(app)!.shadowRoot!.querySelector('#colour'), 'red');
    await waitUntil(() => view(app)!.shadowRoot!.querySelector('[data-empty]'), 'none fit');
    expect(text(view(app)!.shadowRoot!.querySelector('[data-empty]'))).to.contain('没有符合筛选条件的居民');
    choose(view(app)!.shadowRoot!.querySelector('#condition'), '');
    await waitUntil(() => rows(app).length === 1, 'the red one');
    expect(rows(app)).to.deep.equal(['res-a:red']);
    // Read on open and again when the push stream opens (what changed before it opened never comes
    // as an event): the same question twice in a row counts as one here.
    const asked = (rec.calls['query'] as string[]).filter((q, i, all) => i === 0 || q !== all[i - 1]);
    expect(asked).to.deep.equal([
      '',
      'condition=type2_diabetes',
      'colour=red&condition=type2_diabetes',
      'colour=red',
    ]);
  });

  it('a pushed colour-view-changed re-reads the list: a new red resident comes first, live', async () => {
    let residents = [green, yellow];
    let reads = 0;
    await consoleApi(
      http.get('/api/readings/colour-view', () => {
        reads += 1;
        return HttpResponse.json({ residents });
      }),
    );
    const app = await openConsole('/console/colour-view');
    // Read on open and when the push stream opened: both answered before the news below.
    await waitUntil(
      () => openPushStreams() > 0 && reads >= 2 && rows(app).length === 2,
      'the list, listening',
    );
    expect(rows(app)).to.deep.equal(['res-b:yellow', 'res-c:green']);
    const before = reads;
    // A kiosk stored 王秀英's red reading; the API tells her area's doctors.
    residents = [green, red, yellow];
    pushEvent({ type: 'colour-view-changed' });
    await waitUntil(() => rows(app).length === 3, 'the list read again');
    expect(rows(app)).to.deep.equal(['res-a:red', 'res-b:yellow', 'res-c:green']);
    expect(reads, 'one read for the one event').to.equal(before + 1);
  });

  it('says what went wrong and tries again', async () => {
    let fail = true;
    await consoleApi(
      http.get('/api/readings/colour-view', () =>
        fail
          ? HttpResponse.json({ error: { code: 'internal', message: '' } }, { status: 500 })
          : HttpResponse.json({ residents: [red] }),
      ),
    );
    const app = await openConsole('/console/colour-view');
    await waitUntil(() => view(app)?.shadowRoot?.querySelector('[role="alert"]'), 'the error');
    expect(text(view(app)!.shadowRoot!.querySelector('[role="alert"]'))).to.contain('没能读取分色名单');
    fail = false;
    [...view(app)!.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === '再试一次')!.click();
    await waitUntil(() => rows(app).length === 1, 'the list after trying again');
  });

  it('opens a resident’s trend and record, and rings their TV for a follow-up from there', async () => {
    const rec = recorder();
    await consoleApi(
      http.get('/api/readings/colour-view', () => HttpResponse.json({ residents: [red, yellow] })),
      http.get('/api/patients/res-a/readings', ({ request }) => {
        rec.note('days', new URL(request.url).searchParams.get('days'));
        return HttpResponse.json(wangReadings());
      }),
      http.get('/api/patients/res-a/summary', () => HttpResponse.json(recordOfWang)),
      http.post('/api/consultations', async ({ request }) => {
        rec.note('follow-up', await request.json());
        return HttpResponse.json(followUpDetail('c-follow', { status: 'ringing' }), { status: 201 });
      }),
    );
    const app = await openConsole('/console/colour-view');
    await waitUntil(() => rows(app).length === 2, 'the list');
    view(app)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-open="res-a"]')!.click();
    await waitUntil(() => window.location.pathname === '/console/colour-view/res-a', 'the resident’s page');
    const page = () => deep(app, 'dah-console-resident-readings')!;
    await waitUntil(() => deep(page(), 'dah-trends-view', 'dah-trend-chart'), 'the trend chart', {
      timeout: 5000,
    });
    expect(text(deep(page(), 'dah-trends-view', '.sentence'))).to.contain('7天测过，其中5天在目标范围内');
    expect(rec.calls['days']).to.deep.equal(['7']);
    await waitUntil(() => page().shadowRoot!.querySelector('[data-record]'), 'the record');
    expect(text(page().shadowRoot!.querySelector('h1'))).to.contain('王秀英');
    expect(text(page().shadowRoot!.querySelector('[data-record]')))
      .to.contain('高血压')
      .and.contain('青霉素');
    page().shadowRoot!.querySelector<HTMLButtonElement>('[data-action="follow-up"]')!.click();
    await waitUntil(() => window.location.pathname === '/console/call/c-follow', 'the call page');
    expect(rec.calls['follow-up']).to.deep.equal([
      { patientId: 'res-a', reason: '分色管理随访：复查测量结果' },
    ]);
  });

  it('a follow-up the resident cannot take says so and stays', async () => {
    await consoleApi(
      http.get('/api/patients/res-a/readings', () => HttpResponse.json(wangReadings())),
      http.get('/api/patients/res-a/summary', () => HttpResponse.json(recordOfWang)),
      http.post('/api/consultations', () =>
        HttpResponse.json({ error: { code: 'conflict', message: '' } }, { status: 409 }),
      ),
    );
    const app = await openConsole('/console/colour-view/res-a');
    const page = () => deep(app, 'dah-console-resident-readings')!;
    await waitUntil(() => page()?.shadowRoot?.querySelector('[data-action="follow-up"]'), 'the call button');
    page().shadowRoot!.querySelector<HTMLButtonElement>('[data-action="follow-up"]')!.click();
    await waitUntil(() => page().shadowRoot!.querySelector('form [role="alert"]'), 'why not');
    expect(text(page().shadowRoot!.querySelector('form [role="alert"]'))).to.contain('现在不能接听');
    expect(window.location.pathname).to.equal('/console/colour-view/res-a');
  });
});

function reading(id: string, consultationId: string | null, systolic: number): Reading {
  return {
    id,
    patientId: 'res-a',
    values: { measure: 'blood_pressure', systolic, diastolic: 92, pulse: 76 },
    takenAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
    source: 'manual',
    setting: 'home',
    device: null,
    consultationId,
    colour: 'yellow',
    messageKey: 'bp_home_above_target',
    adviceKey: null,
    status: 'active',
    replacesId: null,
    authorId: 'res-a',
    series: null,
  };
}

describe('console: readings live in the call', () => {
  it('a reading pushed during the call shows on the call page at once; another consultation’s does not', async () => {
    await consoleApi();
    const app = await openConsole('/console/call/c-wang');
    const call = () => deep(app, 'dah-console-call')!;
    await waitUntil(() => call()?.shadowRoot?.querySelector('[data-call-readings]'), 'the readings panel');
    expect(text(call().shadowRoot!.querySelector('[data-call-readings]'))).to.contain('还没有');
    await waitUntil(() => openPushStreams() > 0, 'push channel open');
    pushEvent({ type: 'reading', consultationId: 'c-other', reading: reading('r-other', 'c-other', 199) });
    pushEvent({ type: 'reading', consultationId: 'c-wang', reading: reading('r-live', 'c-wang', 152) });
    await waitUntil(() => call().shadowRoot!.querySelector('[data-reading="r-live"]'), 'the pushed reading');
    const shown = text(call().shadowRoot!.querySelector('[data-reading="r-live"]'));
    expect(shown).to.contain('血压 152/92 mmHg').and.contain('黄色');
    expect(call().shadowRoot!.querySelector('[data-reading="r-other"]')).to.equal(null);
    // The same reading again (a second push, or the detail's copy) is listed once.
    pushEvent({ type: 'reading', consultationId: 'c-wang', reading: reading('r-live', 'c-wang', 152) });
    pushEvent({ type: 'reading', consultationId: 'c-wang', reading: reading('r-live-2', 'c-wang', 148) });
    await waitUntil(() => call().shadowRoot!.querySelector('[data-reading="r-live-2"]'), 'the second one');
    expect(call().shadowRoot!.querySelectorAll('[data-reading]').length).to.equal(2);
  });

  it('the ended consultation shows its summary with the readings taken during it', async () => {
    await consoleApi(
      http.get('/api/consultations/c-done', () =>
        HttpResponse.json(
          followUpDetail('c-done', {
            status: 'ended',
            endedAt: hoursAgo(0),
            summary: { diagnosis: '高血压 1 级', advice: '继续服药' },
            readings: [reading('r-during', 'c-done', 146)],
          }),
        ),
      ),
    );
    const app = await openConsole('/console/call/c-done');
    const call = () => deep(app, 'dah-console-call')!;
    await waitUntil(
      () => call()?.shadowRoot?.querySelector('.ended [data-reading="r-during"]'),
      'in the summary',
    );
    const ended = text(call().shadowRoot!.querySelector('.ended'));
    expect(ended).to.contain('高血压 1 级').and.contain('本次问诊中的测量').and.contain('146/92 mmHg');
  });
});
