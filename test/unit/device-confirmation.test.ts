// A TV an administrator pairs to a resident waits for her family doctor (issue 12 §2): the TV
// says so in words while it polls, and the doctor's console shows it at once (push) with a way
// to confirm it.
import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { ApiClient, ApiRequestError } from '../../src/app/api/api-client.js';
import { errorMessage } from '../../src/app/api/error-messages.js';
import { PushChannel } from '../../src/app/api/push-channel.js';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import '../../src/app/identity/device-confirmations.js';
import '../../src/app/identity/devices-screen.js';
import { apiContext, pushContext } from '../../src/app/state/contexts.js';
import type { DeviceSummary } from '../../src/shared/identity/schemas.js';
import { textOf, tvApi } from './support/app.js';
import { openPushStreams, pushEvent, recorder } from './support/msw.js';
import { residentTv } from './support/sessions.js';

const unauthenticated = () =>
  HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, { status: 401 });
const pollError = (code: string) => HttpResponse.json({ error: { code, message: '' } }, { status: 400 });

const waitingTv: DeviceSummary = {
  id: 'dev-0a1b',
  kind: 'tv',
  name: '客厅电视',
  residentId: 'res-a',
  careHomeId: null,
  pairedAt: new Date().toISOString(),
  lastSeenAt: new Date().toISOString(),
  revokedAt: null,
  autoAnswer: false,
  pairedByName: '周磊',
  confirmed: false,
  residentName: '王秀英',
};

describe('a TV waiting for the family doctor’s confirmation', () => {
  it('says in words that it waits for the family doctor, keeps polling, and goes Home once confirmed', async () => {
    window.history.replaceState(null, '', '/tv');
    let confirmed = false;
    let polls = 0;
    // The TV's Home and its reads as usual (support/app.ts); signed out until paired.
    await tvApi(
      http.get('/api/auth/session', unauthenticated),
      http.post('/api/devices/session', unauthenticated),
      http.post('/api/devices/pairing', () =>
        HttpResponse.json({
          deviceCode: 'secret-device-code',
          userCode: 'ACDE-FGHJ',
          verificationUri: 'http://x/console/pair',
          verificationUriComplete: 'http://x/console/pair?code=ACDE-FGHJ',
          expiresIn: 600,
          interval: 0,
        }),
      ),
      http.post('/api/devices/pairing/poll', () => {
        polls += 1;
        if (polls === 1) return pollError('authorization_pending');
        return confirmed ? HttpResponse.json(residentTv) : pollError('confirmation_pending');
      }),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    const pairing = () => app.shadowRoot!.querySelector('dah-pairing-screen')?.shadowRoot ?? null;
    const words = errorMessage(new ApiRequestError(400, 'confirmation_pending', ''));
    await waitUntil(() => textOf(pairing()?.querySelector('[role="status"]')).includes(words), 'the words');
    expect(words).to.match(/家庭医生确认|family doctor to confirm/);
    // The code is no longer asked for: it has been entered.
    expect(pairing()!.querySelector('[data-user-code]')).to.equal(null);
    const before = polls;
    await waitUntil(() => polls > before + 1, 'it keeps polling');
    confirmed = true;
    await waitUntil(() => app.shadowRoot!.querySelector('dah-tv-home'), 'Home once confirmed', {
      timeout: 5000,
    });
  });
});

describe('the family doctor’s console', () => {
  it('shows a TV paired to a patient as soon as it waits, and confirms it there', async () => {
    const seen = recorder();
    let waiting: DeviceSummary[] = [];
    // On top of the TV's API: reads the previous test's app still had under way find an answer.
    await tvApi(
      http.get('/api/devices', () => HttpResponse.json({ devices: waiting })),
      http.post('/api/devices/:id/confirm', ({ params }) => {
        seen.note('confirm', params['id']);
        waiting = [];
        return HttpResponse.json({ ...waitingTv, confirmed: true });
      }),
    );
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const push = new PushChannel();
    new ContextProvider(host, { context: apiContext, initialValue: new ApiClient() });
    new ContextProvider(host, { context: pushContext, initialValue: push });
    host.innerHTML = '<dah-device-confirmations></dah-device-confirmations>';
    const panel = host.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
    push.open();
    await waitUntil(() => openPushStreams() > 0, 'the push channel is open');
    await panel.updateComplete;
    // Nothing waits: nothing shows.
    expect(panel.shadowRoot!.querySelector('section')).to.equal(null);

    waiting = [waitingTv, { ...waitingTv, id: 'dev-0a1c', confirmed: true }];
    pushEvent({ type: 'device-awaits-confirmation', device: waitingTv });
    await waitUntil(() => panel.shadowRoot!.querySelector('[data-device="dev-0a1b"]'), 'the waiting TV');
    const entry = panel.shadowRoot!.querySelector('[data-device="dev-0a1b"]')!;
    expect(textOf(entry)).to.contain('王秀英').and.contain('客厅电视').and.contain('周磊');
    // A confirmed one is not listed.
    expect(panel.shadowRoot!.querySelectorAll('li').length).to.equal(1);

    (entry.querySelector('button[data-confirm]') as HTMLButtonElement).click();
    await waitUntil(() => seen.count('confirm') === 1, 'confirmed');
    expect(seen.calls['confirm']).to.deep.equal(['dev-0a1b']);
    await waitUntil(() => !panel.shadowRoot!.querySelector('li'), 'no longer waiting');
    expect(textOf(panel.shadowRoot!.querySelector('[role="status"]'))).to.contain('客厅电视');
    push.close();
  });

  it('the devices screen shows the waiting TV as soon as it is paired elsewhere', async () => {
    let devices: DeviceSummary[] = [];
    await tvApi(
      http.get('/api/devices', () => HttpResponse.json({ devices })),
      http.get('/api/directory/residents', () =>
        HttpResponse.json({
          residents: [{ id: 'res-a', displayName: '王秀英', address: '柳树村', careHomeName: null }],
          careHomes: [],
        }),
      ),
    );
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const push = new PushChannel();
    new ContextProvider(host, { context: apiContext, initialValue: new ApiClient() });
    new ContextProvider(host, { context: pushContext, initialValue: push });
    host.innerHTML = '<dah-devices-screen></dah-devices-screen>';
    const screen = host.firstElementChild as HTMLElement;
    push.open();
    await waitUntil(() => openPushStreams() > 0, 'the push channel is open');
    await waitUntil(() => (screen.shadowRoot?.textContent ?? '').includes('还没有绑定的设备'), 'none yet');
    devices = [waitingTv];
    pushEvent({ type: 'device-awaits-confirmation', device: waitingTv });
    await waitUntil(() => screen.shadowRoot!.querySelector('[data-device-id="dev-0a1b"]'), 'the waiting TV');
    expect(textOf(screen.shadowRoot!.querySelector('[data-device-id="dev-0a1b"]'))).to.contain(
      '待家庭医生确认',
    );
    push.close();
  });
});
