// Issue 18, the TV's cold start from the cache: a TV that kept its session starts signed in from it
// when there is no network (Home in the app's first render, no request that must fail first), and
// when the network says it is there but the API does not answer, after a short grace instead of
// never. Once the API answers, its session (with the CSRF token writes need) takes over.
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import { ReadCache } from '../../src/app/offline/read-cache.js';
import { KEPT_SESSION_GRACE_MS } from '../../src/app/shell/session-controller.js';
import { tvApi, wangRecord } from './support/app.js';
import { mockApi } from './support/msw.js';
import { residentTv } from './support/sessions.js';

const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine')!;

/** What navigator.onLine says: false as on a TV whose network is unplugged. */
function networkSays(online: boolean): void {
  Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => online });
}

/** The session answer this TV kept from an earlier start (offline/read-cache.ts keeps it so). */
function keptSession(): void {
  const { csrfToken: _token, ...body } = residentTv;
  localStorage.setItem(
    'dah.read-cache.session',
    JSON.stringify({ path: '/api/auth/session', body, storedAt: Date.now() - 3_600_000 }),
  );
}

const home = (app: AppRoot) => app.shadowRoot!.querySelector('dah-tv-home');

describe('the TV starts from its kept session', () => {
  beforeEach(async () => {
    fixtureCleanup();
    await new ReadCache().clear();
    window.history.replaceState(null, '', '/tv');
  });

  afterEach(() => {
    Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    fixtureCleanup();
  });

  it('with no network: Home in the first render, nothing asked of the API; back online, the session is asked for', async () => {
    let sessionAsked = 0;
    let healthAsked = 0;
    await tvApi(
      http.get('/api/auth/session', () => {
        sessionAsked += 1;
        return HttpResponse.json({ ...residentTv, csrfToken: 'csrf-fresh' });
      }),
      http.get('/healthz', () => {
        healthAsked += 1;
        return HttpResponse.json({ status: 'ok', checks: { database: 'ok', livekit: 'ok' } });
      }),
    );
    keptSession();
    networkSays(false);
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    // fixture() resolves after the first update: Home is already there, not '正在加载'.
    expect(home(app), 'Home in the first render').to.not.equal(null);
    expect(app.shadowRoot!.textContent).to.not.contain('正在加载，请稍候');
    // A while later still nothing was asked: no request that must fail.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sessionAsked).to.equal(0);
    expect(healthAsked).to.equal(0);

    // The network returns: the session is asked for (its CSRF token is what writes need).
    networkSays(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => sessionAsked === 1, 'the session asked for once back online');
    const api = (app as unknown as { api: { csrf: string | null } }).api;
    await waitUntil(() => api.csrf === 'csrf-fresh', 'the fresh session taken');
    expect(home(app)).to.not.equal(null);
  });

  it('with the network said to be there but the API silent: Home from the kept session after the grace', async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await tvApi(
      http.get('/api/auth/session', async () => {
        await answered;
        return HttpResponse.json({ ...residentTv, csrfToken: 'csrf-late' });
      }),
    );
    keptSession();
    networkSays(true);
    const started = performance.now();
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    expect(home(app), 'still asking at first').to.equal(null);
    await waitUntil(() => home(app), 'Home after the grace', { timeout: KEPT_SESSION_GRACE_MS + 3000 });
    expect(performance.now() - started).to.be.at.least(KEPT_SESSION_GRACE_MS - 50);
    // The API's answer, when it comes, is taken (with its CSRF token); Home stays.
    answer();
    const api = (app as unknown as { api: { csrf: string | null } }).api;
    await waitUntil(() => api.csrf === 'csrf-late', 'the late answer taken');
    expect(home(app)).to.not.equal(null);
  });

  it('with no network and nothing kept: says it cannot connect, then signs in when the network is back', async () => {
    let reachable = false;
    await tvApi(
      http.get('/api/auth/session', () => (reachable ? HttpResponse.json(residentTv) : HttpResponse.error())),
      http.get('/api/patients/res-a', () => HttpResponse.json(wangRecord)),
    );
    networkSays(false);
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => app.shadowRoot!.querySelector('main [role="alert"]'), 'the error in words');
    expect(home(app)).to.equal(null);
    reachable = true;
    networkSays(true);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => home(app), 'Home once the network is back');
  });

  it('a session answer kept for a kiosk does not sign in a TV page', async () => {
    await mockApi(http.get('/api/auth/session', () => HttpResponse.error()));
    localStorage.setItem(
      'dah.read-cache.session',
      JSON.stringify({
        path: '/api/auth/session',
        body: { actor: { ...residentTv.actor, kind: 'kiosk', role: 'kiosk' } },
        storedAt: Date.now(),
      }),
    );
    networkSays(false);
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    expect(home(app)).to.equal(null);
  });
});
