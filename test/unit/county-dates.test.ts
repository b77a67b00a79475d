// Every date and time the app shows is in the app's language and on the county's clock
// (COUNTY_TIME_ZONE), whatever language and zone the browser is set to: here a browser in German
// on Los Angeles time, 16 hours behind the county, where a reading taken at 07:30 on 6 December
// in the county was taken at 15:30 on the 5th.
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/app/app-root.js';
import { formatCalendarDate } from '../../src/app/dates.js';
import { applyLocale } from '../../src/app/localization.js';
import type { ColourViewEntry, Reading } from '../../src/shared/readings/schemas.js';
import { applySettings } from './support/app.js';
import { consoleApi, deep, followUpDetail, openConsole } from './support/console.js';

/** 07:30 on 6 December 2026 in the county; 23:30 on the 5th in UTC, 15:30 on the 5th in Los Angeles. */
const TAKEN_AT = '2026-12-05T23:30:00.000Z';

const entry: ColourViewEntry = {
  patient: { id: 'res-a', displayName: '王秀英', conditions: ['hypertension'] },
  colour: { colour: 'yellow', reasons: ['home_mean_above_target'], homeMean: null },
  latestReadings: [
    {
      id: 'r-latest',
      values: { measure: 'blood_pressure', systolic: 146, diastolic: 92, pulse: 76 },
      takenAt: TAKEN_AT,
      colour: 'yellow',
      messageKey: null,
    },
  ],
};

const duringCall: Reading = {
  id: 'r-during',
  patientId: 'res-a',
  values: { measure: 'blood_pressure', systolic: 146, diastolic: 92, pulse: 76 },
  takenAt: TAKEN_AT,
  receivedAt: TAKEN_AT,
  source: 'manual',
  setting: 'home',
  device: null,
  consultationId: 'c-wang',
  colour: 'yellow',
  messageKey: 'bp_home_above_target',
  adviceKey: null,
  status: 'active',
  replacesId: null,
  authorId: 'res-a',
  series: null,
};

const callDetail = followUpDetail('c-wang', { createdAt: TAKEN_AT, readings: [duringCall] });

const countyApi = () =>
  consoleApi(
    http.get('/api/consultations/c-wang', () => HttpResponse.json(callDetail)),
    http.get('/api/readings/colour-view', () => HttpResponse.json({ residents: [entry] })),
  );

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('dates in the app’s language on the county’s clock, whatever the browser is set to', () => {
  before(async () => {
    await executeServerCommand('browser-zone', { timeZone: 'America/Los_Angeles', locale: 'de-DE' });
    // The browser really is elsewhere, or these tests would prove nothing.
    expect(new Date(TAKEN_AT).getDate()).to.equal(5);
    expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/Los_Angeles');
    expect(new Intl.DateTimeFormat().resolvedOptions().locale).to.match(/^de/);
  });

  // Each test starts in Chinese: the English chosen in one is remembered in the settings.
  afterEach(async () => {
    fixtureCleanup();
    window.localStorage.removeItem('dah.settings');
    await applyLocale('zh-CN');
  });

  after(() => executeServerCommand('browser-zone', {}));

  it('console: the colour view’s latest reading shows the county’s date, in Chinese and in English', async () => {
    await countyApi();
    const app = await openConsole('/console/colour-view');
    const taken = () =>
      deep(app, 'dah-console-colour-view')?.shadowRoot?.querySelector('[data-latest="blood_pressure"] time');
    await waitUntil(() => taken(), 'the latest reading', { timeout: 5000 });
    expect(text(taken())).to.equal('2026年12月6日');
    await applySettings(app, 'normal', 'en');
    await waitUntil(() => text(taken()) !== '2026年12月6日', 'the date in English');
    expect(text(taken())).to.equal('December 6, 2026');
  });

  it('console: the call page’s readings show the county’s clock time, in Chinese and in English', async () => {
    await countyApi();
    const app = await openConsole('/console/call/c-wang');
    const shown = () =>
      deep(app, 'dah-console-call')?.shadowRoot?.querySelector('[data-reading="r-during"] .small');
    await waitUntil(() => shown(), 'the reading taken during the call', { timeout: 5000 });
    expect(text(shown())).to.equal('07:30 测量');
    await applySettings(app, 'normal', 'en');
    await waitUntil(() => text(shown()) !== '07:30 测量', 'the time in English');
    expect(text(shown())).to.equal('taken at 07:30');
  });

  it('a calendar date (a birth date, a visit’s day) is the same day in any zone, east or west', async () => {
    // 1988-04-10 fell in the county's summer time of 1986-91; the others are plain days.
    const days = ['1946-03-12', '1988-04-10', '2026-12-31'];
    const expected = {
      'zh-CN': ['1946年3月12日', '1988年4月10日', '2026年12月31日'],
      en: ['March 12, 1946', 'April 10, 1988', 'December 31, 2026'],
    };
    for (const timeZone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      await executeServerCommand('browser-zone', { timeZone, locale: 'de-DE' });
      for (const locale of ['zh-CN', 'en'] as const) {
        const shown = days.map((day) => formatCalendarDate(day, 'longDate', locale));
        expect(shown, `${locale} in ${timeZone}`).to.deep.equal(expected[locale]);
      }
    }
    await executeServerCommand('browser-zone', { timeZone: 'America/Los_Angeles', locale: 'de-DE' });
  });
});
