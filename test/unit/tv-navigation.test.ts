import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../src/app/app-root.js';
import { focusableElements } from '../../src/app/input/spatial-navigation.js';
import { TV_SCREENS } from '../../src/app/router/routes.js';
import { http, HttpResponse } from 'msw';
import { focusedElement, focusedText, openApp, tvApi, wangConsultation } from './support/app.js';
import { describeElement, unreachedWithArrows } from './support/screen-checks.js';

const SCREENS = ['/tv', ...TV_SCREENS.map((screen) => `/tv/${screen}`)];

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

function surfaceOf(app: AppRoot): Element {
  return app.shadowRoot!.querySelector('.surface')!;
}

/** Focus is on an element that a person can see: inside the viewport, with a size. */
function assertFocusVisible(context: string): HTMLElement {
  const element = focusedElement();
  expect(element, `${context}: focus on nothing`).to.not.equal(null);
  expect(element, `${context}: focus on <body>`).to.not.equal(document.body);
  const rect = element!.getBoundingClientRect();
  expect(rect.width * rect.height, `${context}: ${describeElement(element)} has no size`).to.be.greaterThan(
    0,
  );
  // A pixel either way, as below: the window scrolls by whole pixels, and a native focus() (the walk
  // starts each press with one) can leave an element at a fractional offset a third of a pixel out.
  expect(rect.top, `${context}: ${describeElement(element)} above the viewport`).to.be.at.least(-1);
  expect(rect.bottom, `${context}: ${describeElement(element)} below the viewport`).to.be.at.most(
    window.innerHeight + 1,
  );
  return element!;
}

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}

async function waitForPath(path: string): Promise<void> {
  await waitUntil(() => window.location.pathname === path, `at ${path} (now ${window.location.pathname})`);
}

describe('TV navigation with the remote', () => {
  for (const path of SCREENS) {
    it(`${path}: arrows reach every actionable element and focus never leaves what can be seen`, async () => {
      await tvApi();
      const app = await openApp(path);
      const all = focusableElements(surfaceOf(app));
      expect(all.length, 'actionable elements').to.be.greaterThan(1);
      assertFocusVisible(`${path} on arrival`);
      const missed = await unreachedWithArrows(surfaceOf(app), (arrow, from) =>
        assertFocusVisible(`${path}: ${arrow} from ${describeElement(from)}`),
      );
      expect(missed, `${path}: never reached with the arrows`).to.deep.equal([]);
    });
  }

  for (const path of TV_SCREENS.map((screen) => `/tv/${screen}`)) {
    it(`${path}: Back goes to Home in one press, from a deep link too`, async () => {
      await tvApi();
      await openApp(path);
      await press('Escape');
      await waitForPath('/tv');
      await waitUntil(() => focusedText() === '视频问诊', 'first tile focused on Home');
    });
  }

  it('Back returns to Home with the tile that opened the screen focused', async () => {
    await tvApi();
    await openApp('/tv');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(focusedText()).to.equal('健康测量');
    await press('Enter');
    await waitForPath('/tv/readings');
    // 健康测量 starts on the number pad (entry by remote needs no walking to it).
    await waitUntil(() => focusedText() === '1', 'the number pad is focused');
    await press('Escape');
    await waitForPath('/tv');
    await waitUntil(() => focusedText() === '健康测量', 'focus remembered');
  });

  it('from a screen reached through another, Back still goes straight up to Home', async () => {
    // The pre-call check passed lately: choosing a doctor leads straight to the waiting room.
    window.localStorage.setItem(
      'dah.settings',
      JSON.stringify({ precheckPassedAt: new Date().toISOString() }),
    );
    try {
      await tvApi();
      await openApp('/tv');
      await press('Enter');
      await waitForPath('/tv/consult');
      await waitUntil(() => focusedText().includes('高血压随访'), 'the arranged consultation focused');
      await press('ArrowDown');
      expect(focusedText()).to.contain('家庭医生');
      await press('Enter');
      await waitForPath('/tv/waiting');
      await press('Escape');
      await waitForPath('/tv');
    } finally {
      window.localStorage.removeItem('dah.settings');
    }
  });

  for (const path of SCREENS.filter((p) => p !== '/tv/emergency')) {
    it(`${path}: the red key opens the emergency screen`, async () => {
      await tvApi();
      await openApp(path);
      await press('F1');
      await waitForPath('/tv/emergency');
      await waitUntil(() => focusedText().includes('值班医生'), 'what is happening is focused');
    });
  }

  it('in a call the red key does not drop the call, and the legend says Back hangs up', async () => {
    await tvApi(
      http.post('/api/calls/token', () =>
        HttpResponse.json({ error: { code: 'livekit_unavailable', message: '' } }, { status: 503 }),
      ),
      http.get('/api/consultations/c-demo-wang', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    window.history.replaceState(null, '', '/tv/call/c-demo-wang');
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => app.shadowRoot!.querySelector('dah-call-screen'), 'call screen');
    await waitUntil(() => app.shadowRoot!.querySelector('footer'), 'legend');
    const legend = app.shadowRoot!.querySelector('footer')!.textContent!;
    expect(legend).to.contain('返回键：挂断');
    expect(legend).to.not.contain('红色键');
    await press('F1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(window.location.pathname).to.equal('/tv/call/c-demo-wang');
  });

  it('the yellow key opens help; OK or Back closes it and focus returns; Home is two presses from a dialog', async () => {
    await tvApi();
    const app = await openApp('/tv/record');
    const before = focusedElement();
    await press('F3');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'help dialog');
    await waitUntil(() => focusedText() === '知道了', 'dialog button focused');
    // Focus stays in the dialog: arrows and Tab never reach what is behind it.
    for (const key of ['ArrowUp', 'ArrowLeft', 'ArrowDown', 'Tab']) {
      await press(key);
      expect(focusedText(), `${key} inside the dialog`).to.equal('知道了');
    }
    await press('Enter');
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'dialog closed');
    expect(focusedElement()).to.equal(before);
    await press('F3');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'help dialog again');
    await press('Escape');
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'Back closed it');
    await press('Escape');
    await waitForPath('/tv');
  });

  it('the green key with nothing ringing and the blue key change nothing', async () => {
    await tvApi();
    const app = await openApp('/tv/settings');
    const before = focusedElement();
    await press('F2');
    await press('F4');
    expect(window.location.pathname).to.equal('/tv/settings');
    expect(focusedElement()).to.equal(before);
    expect(app.shadowRoot!.querySelector('dah-dialog')).to.equal(null);
  });

  it('Home tiles added, removed or moved after the first key press: the arrows follow what is there now', async () => {
    await tvApi();
    const app = await openApp('/tv');
    const home = app.shadowRoot!.querySelector('dah-tv-home')!;
    // The family doctor's line re-renders the header: let it arrive before changing the grid.
    await waitUntil(() => home.shadowRoot!.querySelector('.doctor'), 'family doctor shown');
    const grid = home.shadowRoot!.querySelector('.tiles')!;
    const tile = (key: string) => grid.querySelector<HTMLElement>(`dah-tile[focus-key="${key}"]`)!;
    // The first press fills the focus manager's list of what can take focus.
    await press('ArrowRight');
    expect(focusedText()).to.equal('我的药');

    // Removed: the grid closes up, and right goes to the tile that took its place.
    tile('readings').remove();
    await press('ArrowRight');
    expect(focusedText()).to.equal('预约与巡诊');
    expect(focusedElement()!.isConnected).to.equal(true);

    // Added: the new tile lands below, in the third column, and down reaches it.
    const added = document.createElement('dah-tile');
    added.label = '新的一格';
    added.focusKey = 'added';
    grid.append(added);
    await added.updateComplete;
    await press('ArrowDown');
    expect(focusedText()).to.equal('新的一格');

    // Moved to the front: right from it now goes to the first of the others.
    grid.prepend(added);
    await press('ArrowRight');
    expect(focusedText()).to.equal('视频问诊');
    assertFocusVisible('after the tiles changed');
  });

  it('Back on Home asks before leaving, and staying puts focus back', async () => {
    await tvApi();
    const app = await openApp('/tv');
    await press('ArrowDown');
    const tile = focusedElement();
    await press('Backspace');
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'exit question');
    expect(app.shadowRoot!.querySelector('dah-dialog')!.shadowRoot!.textContent).to.contain(
      '要退出临医在家吗',
    );
    await waitUntil(() => focusedText() === '不退出', 'staying is the default');
    await press('Enter');
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'closed');
    expect(window.location.pathname).to.equal('/tv');
    expect(focusedElement()).to.equal(tile);
  });

  it('in a long list, each focused item is scrolled fully into the title-safe area, clear of the key legend', async () => {
    await setViewport({ width: 1280, height: 720 });
    try {
      const consultations = Array.from({ length: 14 }, (_, i) => ({
        ...wangConsultation,
        id: `c-${i}`,
        reason: `第${i + 1}次随访`,
      }));
      await tvApi(http.get('/api/consultations/mine', () => HttpResponse.json({ consultations })));
      const app = await openApp('/tv/consult');
      const legend = app.shadowRoot!.querySelector('footer')!;
      const checkPlacement = (context: string) => {
        const rect = focusedElement()!.getBoundingClientRect();
        expect(rect.top, `${context}: under the top margin`).to.be.at.least(720 * 0.05 - 1);
        expect(rect.bottom, `${context}: under the key legend`).to.be.at.most(
          legend.getBoundingClientRect().top + 1,
        );
      };
      for (let i = 2; i <= 14; i++) {
        await press('ArrowDown');
        expect(focusedText()).to.contain(`第${i}次随访`);
        checkPlacement(`item ${i}`);
      }
      // The content area scrolls by itself, above the legend's band (issue 12 §4).
      expect(surfaceOf(app).scrollTop, 'the content scrolled').to.be.greaterThan(0);
      expect(window.scrollY, 'the legend stays put').to.equal(0);
      await press('PageUp');
      checkPlacement('after ChannelUp');
      expect(focusedText()).to.not.contain('第14次随访');
      for (let i = 0; i < 14 && !focusedText().includes('第1次随访'); i++) await press('ArrowUp');
      expect(focusedText()).to.contain('第1次随访');
      checkPlacement('back at the top');
      // Above the list: the help button in the status bar.
      await press('ArrowUp');
      expect(focusedText()).to.equal('帮助');
      expect(app.shadowRoot!.querySelector('dah-status-bar')!.getBoundingClientRect().top).to.be.at.least(0);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('focus that went missing comes back on the next key press, never on <body>', async () => {
    await tvApi();
    await openApp('/tv');
    (focusedElement() as HTMLElement).blur();
    expect(focusedElement()).to.equal(document.body);
    await press('ArrowDown');
    assertFocusVisible('after the key press');
    expect(focusedText()).to.equal('视频问诊');
  });
});
