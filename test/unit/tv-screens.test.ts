import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { focusedText, openApp, tvApi } from './support/app.js';
import { dateFormat } from '../../src/app/dates.js';
import { COUNTY_TIME_ZONE } from '../../src/shared/schedule/shanghai-time.js';

function screen(app: Element, tag: string) {
  return app.shadowRoot!.querySelector(tag);
}

describe('TV screens', () => {
  it('Home greets the resident, names the family doctor, and focuses the first tile', async () => {
    await tvApi();
    const app = await openApp('/tv');
    const home = screen(app, 'dah-tv-home')!;
    await waitUntil(() => home.shadowRoot!.textContent!.includes('张伟'), 'family doctor');
    expect(home.shadowRoot!.querySelector('h1')!.textContent).to.contain('王秀英');
    expect(home.shadowRoot!.textContent).to.contain('柳树村卫生室');
    expect(focusedText()).to.equal('视频问诊');
    expect(home.shadowRoot!.querySelectorAll('dah-tile').length).to.equal(6);
    // The rest of the family-doctor team, with how to reach them (issue 16 §4).
    await waitUntil(() => home.shadowRoot!.querySelector('.team'), 'the team');
    expect(home.shadowRoot!.querySelector('.team')!.textContent).to.contain('吴红');
    expect(home.shadowRoot!.querySelector('.team')!.textContent).to.contain('13900000000');
  });

  it('视频问诊 lists the consultation; OK on it opens the call', async () => {
    await tvApi(
      http.post('/api/calls/token', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await openApp('/tv/consult');
    await waitUntil(() => focusedText().includes('高血压随访'), 'consultation focused');
    expect(focusedText()).to.contain('张伟');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => window.location.pathname === '/tv/call/c-demo-wang', 'call route');
    await waitUntil(() => screen(app, 'dah-call-screen'), 'call screen');
  });

  it('an error says in Chinese what went wrong, and the retry is one press away', async () => {
    let calls = 0;
    await tvApi(
      http.get('/api/consultations/mine', () => {
        calls += 1;
        return calls === 1 ? HttpResponse.error() : HttpResponse.json({ consultations: [] });
      }),
    );
    const app = await openApp('/tv/consult');
    const consult = screen(app, 'dah-consult-screen')!;
    await waitUntil(() => consult.shadowRoot!.querySelector('dah-state-message'), 'error state');
    const message = consult.shadowRoot!.querySelector('dah-state-message')!;
    expect(message.shadowRoot!.textContent).to.contain('连接不上服务器');
    await waitUntil(() => focusedText() === '再试一次', 'retry focused');
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () =>
        consult.shadowRoot!.querySelector('dah-state-message')?.message.includes('现在没有安排好的视频问诊'),
      'empty state',
    );
    expect(calls).to.equal(2);
  });

  it('我的健康档案 shows the record in large text with the date in the locale', async () => {
    await tvApi();
    const app = await openApp('/tv/record');
    const record = screen(app, 'dah-record-screen')!;
    await waitUntil(() => record.shadowRoot!.textContent!.includes('1946年3月12日'), 'record');
    await waitUntil(() => record.shadowRoot!.textContent!.includes('13800000000'), 'team');
    const text = record.shadowRoot!.textContent!;
    expect(text).to.contain('高血压');
    expect(text).to.contain('血压 128/80 毫米汞柱（正常）');
    expect(text).to.contain('现在没有在吃的药');
    expect(text).to.contain('村医：张伟（柳树村卫生室），电话 13800000000');
  });

  it('设置 lists the devices bound to the resident, with who paired each (one she did not pair shows)', async () => {
    const device = (id: string, name: string, pairedByName: string, pairedAt: string) => ({
      id,
      kind: 'tv',
      name,
      residentId: 'res-wang-xiuying',
      careHomeId: null,
      pairedAt,
      lastSeenAt: '2026-12-01T08:00:00.000Z',
      revokedAt: null,
      autoAnswer: false,
      pairedByName,
      confirmed: true,
    });
    await tvApi(
      http.get('/api/devices/mine', () =>
        HttpResponse.json({
          // The second was paired at 01:00 in the county, still the 1st in UTC: the county's date shows.
          devices: [
            device('dev-a1', '客厅电视', '张伟', '2026-11-02T08:00:00.000Z'),
            device('dev-b2', '卧室电视', '周磊', '2026-11-01T17:00:00.000Z'),
          ],
        }),
      ),
    );
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    await waitUntil(() =>
      settings.shadowRoot!.querySelector('dah-bound-devices')?.shadowRoot?.querySelector('li'),
    );
    const items = [
      ...settings.shadowRoot!.querySelector('dah-bound-devices')!.shadowRoot!.querySelectorAll('li'),
    ];
    expect(items.map((li) => li.textContent!.replace(/\s+/g, ''))).to.deep.equal([
      '客厅电视：张伟绑定，2026年11月2日',
      '卧室电视：周磊绑定，2026年11月2日',
    ]);
  });

  it('the status bar shows the county’s date and time whatever zone the TV box is set to', () => {
    // 16:30 UTC on 5 December is 00:30 on 6 December in the county: a box left on UTC (as many
    // leave the factory) must not show the resident 16:30 and yesterday's date.
    const at = new Date(Date.UTC(2026, 11, 5, 16, 30));
    expect(dateFormat('clock', 'zh-CN').format(at)).to.equal('00:30');
    expect(dateFormat('clock', 'en').format(at)).to.equal('00:30');
    expect(dateFormat('weekdayDate', 'zh-CN').format(at)).to.equal('12月6日星期日');
    expect(dateFormat('weekdayDate', 'en').format(at)).to.equal('Sunday, December 6');
  });

  it('设置: English switches every text and the date to English, and back', async () => {
    await tvApi();
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedText()).to.equal('English');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => settings.shadowRoot!.querySelector('h1')!.textContent === 'Settings', 'English');
    const statusBar = screen(app, 'dah-status-bar')!.shadowRoot!.textContent!;
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: COUNTY_TIME_ZONE }).format(
      new Date(),
    );
    expect(statusBar).to.contain(weekday);
    expect(focusedText()).to.equal('English');
    expect(JSON.parse(window.localStorage.getItem('dah.settings')!).locale).to.equal('en');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => settings.shadowRoot!.querySelector('h1')!.textContent === '设置', 'Chinese again');
    window.localStorage.removeItem('dah.settings');
  });

  it('设置: a larger text size grows the text at once and is remembered', async () => {
    await tvApi();
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    const heading = settings.shadowRoot!.querySelector('h1')!;
    const before = parseFloat(getComputedStyle(heading).fontSize);
    const largest = settings.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=size-largest]')!;
    largest.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => app.getAttribute('text-size') === 'largest', 'text size applied');
    expect(parseFloat(getComputedStyle(heading).fontSize)).to.be.closeTo(before * 1.4, 0.5);
    expect(largest.getAttribute('aria-pressed')).to.equal('true');
    expect(JSON.parse(window.localStorage.getItem('dah.settings')!).textSize).to.equal('largest');
    window.localStorage.removeItem('dah.settings');
  });

  it('设置: the speaker test plays a tone and asks whether it was heard', async () => {
    await tvApi();
    const app = await openApp('/tv/settings');
    const settings = screen(app, 'dah-settings-screen')!;
    settings.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=tone]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => settings.shadowRoot!.textContent!.includes('听到“嘟”的一声了吗'), 'asked', {
      timeout: 4000,
    });
  });

  it('设置: a TV without a camera is told it can still talk to the doctor by voice', async () => {
    // (With a camera, the end-to-end suite checks the picture and the level meter.)
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('none', 'NotFoundError'));
    try {
      await tvApi();
      const app = await openApp('/tv/settings');
      const settings = screen(app, 'dah-settings-screen')!;
      settings.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key=devices]')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => settings.shadowRoot!.querySelector('[role=alert]'), 'told');
      expect(settings.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain(
        '没有摄像头也可以只用声音和医生通话',
      );
      expect(focusedText()).to.equal('检查');
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });
});
