import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import { wangRecord } from './support/app.js';
import { mockApi } from './support/msw.js';
import { doctor, kioskWithoutStaff, residentTv, sessionOf } from './support/sessions.js';

/** A doctor's console Home asks for the queue and for the patients to call. */
const consoleHomeApi = [
  http.get('/api/queue', () => HttpResponse.json({ entries: [] })),
  http.get('/api/patients', () => HttpResponse.json({ patients: [] })),
];

/** A resident's TV asks for its place in the waiting room on signing in: she is not waiting. */
const notWaiting = http.get('/api/queue/mine', () =>
  HttpResponse.json({ error: { code: 'not_found', message: 'not waiting' } }, { status: 404 }),
);

const unauthenticated = () =>
  HttpResponse.json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, { status: 401 });

function child(app: AppRoot, tag: string) {
  return app.shadowRoot!.querySelector(tag) as HTMLElement | null;
}

describe('what each surface shows before and after sign-in', () => {
  it('an unpaired TV shows only a pairing code and its QR, then Home once approved', async () => {
    window.history.replaceState(null, '', '/tv');
    let polls = 0;
    // The approval waits until the test has read the code: polls come at once (interval 0), and
    // a busy machine could otherwise see Home before it ever looked at the pairing screen.
    let codeRead: () => void = () => undefined;
    const codeSeen = new Promise<void>((resolve) => (codeRead = resolve));
    await mockApi(
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
      http.post('/api/devices/pairing/poll', async ({ request }) => {
        expect(await request.json()).to.deep.equal({ deviceCode: 'secret-device-code' });
        polls += 1;
        if (polls === 3) await codeSeen;
        return polls < 3
          ? HttpResponse.json({ error: { code: 'authorization_pending', message: '' } }, { status: 400 })
          : HttpResponse.json(residentTv);
      }),
      http.get('/api/patients/res-a', () => HttpResponse.json(wangRecord)),
      notWaiting,
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(
      () => child(app, 'dah-pairing-screen')?.shadowRoot?.querySelector('[data-user-code]'),
      'code',
    );
    const pairing = child(app, 'dah-pairing-screen')!.shadowRoot!;
    expect(pairing.querySelector('[data-user-code]')!.textContent!.trim()).to.equal('ACDE-FGHJ');
    expect(pairing.querySelector('img')!.getAttribute('src')).to.equal(
      '/api/devices/pairing/qr.svg?code=ACDE-FGHJ',
    );
    expect(pairing.textContent).not.to.contain('secret-device-code');
    codeRead();
    await waitUntil(() => child(app, 'dah-tv-home'), 'home after approval', { timeout: 5000 });
    expect(polls).to.equal(3);
  });

  it('a paired TV whose session ended signs in again with its device credential', async () => {
    window.history.replaceState(null, '', '/tv');
    await mockApi(
      http.get('/api/auth/session', unauthenticated),
      http.post('/api/devices/session', () => HttpResponse.json(residentTv)),
      http.get('/api/patients/res-a', () => HttpResponse.json(wangRecord)),
      notWaiting,
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => child(app, 'dah-tv-home'), 'home');
    expect(child(app, 'dah-pairing-screen')).to.equal(null);
  });

  it('an expired pairing code is replaced by a new one without anyone pressing anything', async () => {
    window.history.replaceState(null, '', '/tv');
    let starts = 0;
    await mockApi(
      http.get('/api/auth/session', unauthenticated),
      http.post('/api/devices/session', unauthenticated),
      http.post('/api/devices/pairing', () => {
        starts += 1;
        return HttpResponse.json({
          deviceCode: `d${starts}`,
          userCode: starts === 1 ? 'AAAA-AAAA' : 'CCCC-CCCC',
          verificationUri: '',
          verificationUriComplete: '',
          expiresIn: 600,
          interval: 0,
        });
      }),
      http.post('/api/devices/pairing/poll', () =>
        HttpResponse.json({ error: { code: 'expired_token', message: '' } }, { status: 400 }),
      ),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(
      () => child(app, 'dah-pairing-screen')?.shadowRoot?.querySelector('[data-user-code="CCCC-CCCC"]'),
      'a new code',
    );
    expect(starts).to.be.greaterThan(1);
  });

  it('the console without a session shows the sign-in, and a wrong password says so in Chinese', async () => {
    window.history.replaceState(null, '', '/console');
    await mockApi(
      http.get('/api/auth/session', unauthenticated),
      http.post('/api/auth/login', async ({ request }) => {
        const body = (await request.json()) as { password: string };
        return body.password === 'right'
          ? HttpResponse.json(doctor)
          : HttpResponse.json({ error: { code: 'invalid_credentials', message: '' } }, { status: 401 });
      }),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })),
      ...consoleHomeApi,
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => child(app, 'dah-login-screen')?.shadowRoot?.querySelector('form'), 'login form');
    const login = child(app, 'dah-login-screen')!.shadowRoot!;
    (login.querySelector('#username') as HTMLInputElement).value = 'zhangwei';
    (login.querySelector('#password') as HTMLInputElement).value = 'wrong';
    (login.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => login.querySelector('[role=alert]'), 'error');
    expect(login.querySelector('[role=alert]')!.textContent).to.contain('用户名或密码不对');
    (login.querySelector('#password') as HTMLInputElement).value = 'right';
    (login.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await waitUntil(() => child(app, 'dah-console-home'), 'console home');
  });

  it('a kiosk asks for a staff PIN before it shows any resident, typed with the remote’s digits', async () => {
    window.history.replaceState(null, '', '/kiosk');
    let pinSent: unknown = null;
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(kioskWithoutStaff)),
      http.get('/api/kiosk/staff', () =>
        HttpResponse.json({ staff: [{ id: 'staff-ma-li', displayName: '马丽' }] }),
      ),
      http.post('/api/kiosk/staff-session', async ({ request }) => {
        pinSent = await request.json();
        return HttpResponse.json(
          sessionOf({ ...kioskWithoutStaff.actor, staff: { id: 'staff-ma-li', displayName: '马丽' } }),
        );
      }),
      http.get('/api/patients', () => HttpResponse.json({ patients: [] })),
      // Signed in, the kiosk asks whether it is waiting for a doctor for someone: it is not.
      http.get('/api/queue/mine', () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'not waiting' } }, { status: 404 }),
      ),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => child(app, 'dah-staff-sign-in')?.shadowRoot?.activeElement, 'staff list focused');
    expect(child(app, 'dah-kiosk-home')).to.equal(null);
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => child(app, 'dah-staff-sign-in')!.shadowRoot!.querySelector('dah-number-pad'),
      'keypad',
    );
    for (const digit of '246810') await sendKeys({ press: digit });
    await waitUntil(() => child(app, 'dah-kiosk-home'), 'kiosk home');
    expect(pinSent).to.deep.equal({ staffId: 'staff-ma-li', pin: '246810' });
  });

  it('signing out everywhere from the console sends the CSRF token and returns to the sign-in', async () => {
    window.history.replaceState(null, '', '/console');
    let csrf: string | null = null;
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(doctor)),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [] })),
      ...consoleHomeApi,
      http.post('/api/auth/logout-everywhere', ({ request }) => {
        csrf = request.headers.get('x-csrf-token');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(
      () => child(app, 'dah-console-home')?.shadowRoot?.querySelector('button'),
      'console home',
    );
    const buttons = [...child(app, 'dah-console-home')!.shadowRoot!.querySelectorAll('button')];
    buttons.find((b) => b.textContent!.includes('退出所有设备上的登录'))!.click();
    await waitUntil(() => child(app, 'dah-login-screen'), 'sign-in screen');
    expect(csrf).to.equal(doctor.csrfToken);
  });

  it('a clinician session does not sign in the TV page', async () => {
    window.history.replaceState(null, '', '/tv');
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(doctor)),
      http.post('/api/devices/session', unauthenticated),
      http.post('/api/devices/pairing', () =>
        HttpResponse.json({
          deviceCode: 'd',
          userCode: 'ACDE-FGHJ',
          verificationUri: '',
          verificationUriComplete: '',
          expiresIn: 600,
          interval: 60,
        }),
      ),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => child(app, 'dah-pairing-screen'), 'pairing screen');
  });
});
