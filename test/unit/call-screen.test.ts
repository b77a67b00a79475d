import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { ApiClient } from '../../src/app/api/api-client.js';
import type { PartyInfo } from '../../src/app/call/call-model.js';
import { CallHangUpEvent, CallScreen } from '../../src/app/call/call-screen.js';
import { NavigateEvent } from '../../src/app/router/events.js';
import { CallSession } from '../../src/app/call/call-session.js';
import type { CallToken } from '../../src/shared/consultations/schemas.js';
import { focusedText, openApp, tvApi } from './support/app.js';
import { FakeCall } from './support/fake-call.js';
import { fakeApi } from './support/fake-api.js';

const token: CallToken = {
  token: 'jwt',
  url: 'ws://127.0.0.1:1',
  room: 'consultation-c-demo-wang',
  identity: 'res-a',
  expiresAt: '2030-01-01T00:00:00.000Z',
};
const doctor: PartyInfo = { identity: 'dr-a', name: '张伟', role: 'doctor', detail: '柳树村卫生室' };
const specialist: PartyInfo = { identity: 'sp-b', name: '刘艳', role: 'specialist', detail: '内分泌科' };

const realFactory = CallScreen.createSession;
let call: FakeCall;

/** The API as the call screen uses it: the call token (`callToken`), nothing else. */
function callApi(callToken: () => Promise<CallToken> = async () => token): ApiClient {
  return fakeApi((_method, path) =>
    path === '/api/calls/token' ? callToken() : Promise.reject(new Error(`not needed: ${path}`)),
  );
}

async function screen(surface: 'tv' | 'console' = 'tv', api = callApi()): Promise<CallScreen> {
  fixtureCleanup();
  const element = await fixture<CallScreen>(
    html`<dah-call-screen .surface=${surface} consultation-id="c-demo-wang" .api=${api}></dah-call-screen>`,
  );
  await waitUntil(() => call.joins.length === 1 || element.dataset['state'] === 'failed', 'joined');
  await element.updateComplete;
  return element;
}

function text(element: CallScreen): string {
  return element.shadowRoot!.textContent!.replace(/\s+/g, ' ');
}

function shadowFocus(element: CallScreen): string {
  return (element.shadowRoot!.activeElement?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('call screen', () => {
  beforeEach(() => {
    call = new FakeCall();
    CallScreen.createSession = () => call;
  });

  afterEach(() => {
    fixtureCleanup();
    CallScreen.createSession = realFactory;
  });

  it('the real session is LiveKit’s, loaded only when a call starts', () => {
    expect(realFactory('resident')).to.be.instanceOf(CallSession);
  });

  it('a TV’s call sends as a resident’s device, a console’s as a clinician’s', async () => {
    const senders: string[] = [];
    CallScreen.createSession = (sender) => {
      senders.push(sender);
      return call;
    };
    await screen('tv');
    call = new FakeCall();
    await screen('console');
    expect(senders).to.deep.equal(['resident', 'clinician']);
  });

  it('gives its session the API’s token call for a rejoin after LiveKit restarted', async () => {
    let asked = 0;
    await screen(
      'tv',
      callApi(async () => ({ ...token, token: `jwt-${++asked}` })),
    );
    expect(call.renewals).to.have.length(1);
    expect((await call.renewals[0]!()).token).to.equal('jwt-2');
    expect(asked).to.equal(2);
  });

  it('waits for the doctor in words, then shows them large with name, role and quality; three-way and back', async () => {
    const element = await screen();
    expect(text(element)).to.contain('正在等待医生加入…');
    expect(element.dataset['layout']).to.equal('waiting');

    call.joined(doctor);
    call.act({ type: 'quality', identity: doctor.identity, quality: 'excellent' });
    await element.updateComplete;
    expect(element.dataset['layout']).to.equal('single');
    const tile = element.shadowRoot!.querySelector('figure[data-identity="dr-a"]')!;
    expect(tile.querySelector('video[data-remote-identity="dr-a"]')).to.not.equal(null);
    expect(tile.textContent).to.contain('张伟');
    expect(tile.textContent).to.contain('医生，柳树村卫生室');
    expect(tile.textContent).to.contain('信号很好');
    expect(element.shadowRoot!.querySelector('[data-self]')).to.not.equal(null);

    call.joined(specialist);
    await element.updateComplete;
    expect(element.dataset['layout']).to.equal('side-by-side');
    const main = [...element.shadowRoot!.querySelectorAll('.main figure')].map((f) =>
      f.getAttribute('data-identity'),
    );
    expect(main).to.deep.equal(['dr-a', 'sp-b']);
    expect(text(element)).to.contain('专家，内分泌科');

    call.act({ type: 'party-left', identity: specialist.identity });
    await element.updateComplete;
    expect(element.dataset['layout']).to.equal('single');
  });

  it('a clinician’s shared screen shows large, their camera small', async () => {
    const element = await screen();
    call.joined(doctor);
    call.act({ type: 'screen-share', identity: doctor.identity, on: true });
    await element.updateComplete;
    expect(element.dataset['layout']).to.equal('share');
    expect(element.shadowRoot!.querySelector('.main video[data-remote-screen-identity="dr-a"]')).to.not.equal(
      null,
    );
    expect(element.shadowRoot!.querySelector('.side video[data-remote-identity="dr-a"]')).to.not.equal(null);
    expect(text(element)).to.contain('张伟共享的屏幕');
  });

  it('reconnecting covers the call with a clear message, and goes when the connection is back', async () => {
    const element = await screen();
    call.joined(doctor);
    call.act({ type: 'link', link: 'reconnecting' });
    await element.updateComplete;
    expect(element.dataset['state']).to.equal('reconnecting');
    expect(element.shadowRoot!.querySelector('[data-reconnecting]')!.textContent).to.contain(
      '网络不稳定，正在重新连接…',
    );
    call.act({ type: 'link', link: 'connected' });
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[data-reconnecting]')).to.equal(null);
  });

  it('video that cannot be sustained gives way to voice with a message, and comes back', async () => {
    const element = await screen();
    call.joined(doctor);
    call.act({ type: 'quality', identity: doctor.identity, quality: 'poor' });
    call.now = 7000;
    call.act({ type: 'tick' });
    await element.updateComplete;
    const tile = () => element.shadowRoot!.querySelector('figure[data-identity="dr-a"]')!;
    expect(tile().getAttribute('data-fallback')).to.equal('quality');
    expect(tile().textContent).to.contain('网络较慢，已切换为只听声音');
    expect(tile().textContent).to.contain('信号较差');
    call.act({ type: 'quality', identity: doctor.identity, quality: 'good' });
    call.now = 12_000;
    call.act({ type: 'tick' });
    await element.updateComplete;
    expect(tile().getAttribute('data-fallback')).to.equal('');
    expect(tile().textContent).not.to.contain('只听声音');
  });

  it('a TV without a camera says so; there is no camera button and focus stays on a control', async () => {
    const element = await screen();
    element.shadowRoot!.querySelector<HTMLElement>('[data-focus-key="call-camera"]')!.focus();
    call.act({ type: 'local', media: { mic: 'on', camera: 'none' } });
    await element.updateComplete;
    expect(text(element)).to.contain('这台电视没有摄像头，医生能听到您，看不到您');
    expect(element.shadowRoot!.querySelector('[data-focus-key="call-camera"]')).to.equal(null);
    expect(shadowFocus(element), 'focus moved rather than lost').to.equal('关闭麦克风');
  });

  it('mute and camera buttons say what they will do and switch', async () => {
    const element = await screen();
    const mic = () => element.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-mic"]')!;
    const camera = () =>
      element.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-camera"]')!;
    expect(mic().textContent).to.contain('关闭麦克风');
    mic().focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => call.state.local.mic === 'off', 'muted');
    await element.updateComplete;
    expect(mic().textContent).to.contain('打开麦克风');
    expect(mic().getAttribute('aria-pressed')).to.equal('true');
    expect(text(element)).to.contain('麦克风已关闭，医生听不到您');
    camera().click();
    await waitUntil(() => call.state.local.camera === 'off', 'camera off');
    await element.updateComplete;
    expect(camera().textContent).to.contain('打开摄像头');
    expect(text(element)).to.contain('摄像头已关闭，医生看不到您');
  });

  it('ended by a network failure: what to do, and 再试一次 (focused) joins again', async () => {
    const element = await screen();
    element.shadowRoot!.querySelector<HTMLElement>('[data-focus-key="call-mic"]')!.focus();
    call.act({ type: 'ended', reason: 'network' });
    await element.updateComplete;
    expect(text(element)).to.contain('网络断开了，没能重新连上。');
    expect(element.shadowRoot!.querySelector('[data-focus-key="call-hang-up"]')).to.equal(null);
    expect(shadowFocus(element)).to.equal('再试一次');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => call.joins.length === 2, 'joined again');
    await element.updateComplete;
    expect(element.dataset['state']).to.equal('connected');
  });

  it('no token: the API’s words and a retry', async () => {
    let calls = 0;
    const element = await screen(
      'tv',
      callApi(async () => {
        calls += 1;
        if (calls === 1) throw new Error('offline');
        return token;
      }),
    );
    expect(element.dataset['state']).to.equal('failed');
    expect(text(element)).to.contain('没能接通。');
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-retry"]')!.click();
    await waitUntil(() => call.joins.length === 1, 'joined on retry');
  });

  it('console: a grid, 共享屏幕, and 挂断 without a question, cancelable by the page around it', async () => {
    const element = await screen('console');
    call.joined({ identity: 'res-a', name: '王秀英', role: 'resident', detail: '' });
    await element.updateComplete;
    expect(element.dataset['layout']).to.equal('grid');
    expect(element.shadowRoot!.querySelector('.grid [data-self]')).to.not.equal(null);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-share"]')!.click();
    await waitUntil(() => call.shares.length === 1, 'share asked');
    expect(call.shares).to.deep.equal([true]);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[data-focus-key="call-share"]')!.textContent).to.contain(
      '停止共享',
    );

    let hungUp = 0;
    element.addEventListener(CallHangUpEvent.type, (event) => {
      hungUp += 1;
      event.preventDefault();
    });
    let navigated = 0;
    element.addEventListener('dah-navigate', () => (navigated += 1));
    element.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-hang-up"]')!.click();
    expect(hungUp).to.equal(1);
    expect(call.leaves).to.equal(1);
    expect(navigated, 'the page around it kept the screen').to.equal(0);
    await element.updateComplete;
    expect(element.dataset['state']).to.equal('ended');
  });
});

describe('call screen in the TV app', () => {
  beforeEach(() => {
    call = new FakeCall();
    CallScreen.createSession = () => call;
  });

  afterEach(() => {
    fixtureCleanup();
    CallScreen.createSession = realFactory;
  });

  async function openCall() {
    await tvApi(
      http.post('/api/calls/token', () => HttpResponse.json(token)),
      http.get('/api/consultations/c-demo-wang', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await openApp('/tv/call/c-demo-wang');
    const element = app.shadowRoot!.querySelector('dah-call-screen')!;
    await waitUntil(() => call.joins.length === 1, 'joined');
    call.joined(doctor);
    await element.updateComplete;
    return { app, element };
  }

  // The call's keys come through the app's key router (input/key-router.ts RemotePressEvent).
  it('blocked audio asks for a key press; the first press starts audio and does nothing else', async () => {
    const { element } = await openCall();
    call.act({ type: 'audio', blocked: true });
    await element.updateComplete;
    expect(text(element)).to.contain('按确认键打开声音');
    element.shadowRoot!.querySelector<HTMLElement>('[data-focus-key="call-mic"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await element.updateComplete;
    expect(call.audioStarts).to.equal(1);
    expect(call.state.local.mic, 'the OK press did not also switch the microphone off').to.equal('on');
    expect(text(element)).not.to.contain('按确认键打开声音');
  });

  it('Back asks whether to hang up; Back again stays in the call, focus back where it was', async () => {
    const { app } = await openCall();
    expect(focusedText()).to.equal('关闭麦克风');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'question');
    expect(app.shadowRoot!.querySelector('dah-dialog')!.shadowRoot!.textContent).to.contain('要挂断吗？');
    expect(focusedText()).to.equal('继续通话');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'question closed');
    expect(window.location.pathname).to.equal('/tv/call/c-demo-wang');
    expect(call.leaves).to.equal(0);
    expect(focusedText()).to.equal('关闭麦克风');
  });

  it('webOS Back as a history step: the same question, the call and its address stay', async () => {
    await tvApi(
      http.post('/api/calls/token', () => HttpResponse.json(token)),
      http.get('/api/consultations/c-demo-wang', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await openApp('/tv');
    app.shadowRoot!.querySelector('main')!.dispatchEvent(new NavigateEvent('/tv/call/c-demo-wang'));
    await waitUntil(() => call.joins.length === 1, 'joined');
    call.joined(doctor);
    window.history.back();
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'question');
    expect(app.shadowRoot!.querySelector('dah-dialog')!.shadowRoot!.textContent).to.contain('要挂断吗？');
    expect(window.location.pathname).to.equal('/tv/call/c-demo-wang');
    expect(app.shadowRoot!.querySelector('dah-call-screen')).to.not.equal(null);
    expect(call.leaves).to.equal(0);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !app.shadowRoot!.querySelector('dah-dialog'), 'stayed');
    // Once the call is over, a history step back is an ordinary one.
    call.act({ type: 'ended', reason: 'ended-by-host' });
    window.history.back();
    await waitUntil(() => window.location.pathname === '/tv', 'left');
    expect(app.shadowRoot!.querySelector('dah-call-screen')).to.equal(null);
  });

  it('挂断 with the remote: the question, then 挂断 ends the call and goes Home', async () => {
    const { app } = await openCall();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedText()).to.equal('挂断');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'question');
    await sendKeys({ press: 'ArrowRight' });
    expect(focusedText()).to.equal('挂断');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => window.location.pathname === '/tv', 'home');
    expect(call.leaves).to.be.greaterThan(0);
  });

  it('the controls are reachable with the arrows, and focus never lands on nothing when the call ends', async () => {
    const { element } = await openCall();
    const seen = [focusedText()];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'ArrowRight' });
      seen.push(focusedText());
    }
    expect(seen).to.deep.equal(['关闭麦克风', '关闭摄像头', '挂断', '测量给医生看']);
    call.act({ type: 'ended', reason: 'ended-by-host' });
    await element.updateComplete;
    expect(focusedText()).to.equal('回到首页');
    expect(element.shadowRoot!.textContent).to.contain('医生已经结束了这次通话。');
  });
});
