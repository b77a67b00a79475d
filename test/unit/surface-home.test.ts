import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import { NavigateEvent } from '../../src/app/router/router-controller.js';
import { mockApi } from './support/msw.js';
import { residentTv } from './support/sessions.js';

const consultation = {
  id: 'c-demo-wang',
  status: 'scheduled',
  reason: '高血压随访',
  patient: { id: 'res-a', displayName: '王秀英' },
  doctor: { id: 'dr-a', displayName: '张伟', organisationName: '柳树村卫生室' },
};

function homeOf(app: AppRoot) {
  return app.shadowRoot!.querySelector('dah-surface-home');
}

describe('the home screen of a paired TV', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/tv');
  });

  it('greets the resident and offers the consultation, focused', async () => {
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(residentTv)),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [consultation] })),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.activeElement, 'focused consultation');
    const home = homeOf(app)!;
    expect(home.shadowRoot!.querySelector('h1')!.textContent).to.contain('王秀英');
    const button = home.shadowRoot!.activeElement as HTMLButtonElement;
    expect(button.textContent).to.contain('张伟');
    expect(button.textContent).to.contain('高血压随访');
  });

  it('OK on the focused consultation navigates to its call screen', async () => {
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(residentTv)),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [consultation] })),
      // The call screen starts loading; its token request is not this test's concern.
      http.post('/api/calls/token', () =>
        HttpResponse.json({ error: { code: 'not_found', message: '' } }, { status: 404 }),
      ),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.activeElement, 'focused consultation');
    const navigated = oneEvent(app, NavigateEvent.type);
    await sendKeys({ press: 'Enter' });
    const event = (await navigated) as unknown as NavigateEvent;
    expect(event.path).to.equal('/tv/call/c-demo-wang');
    expect(window.location.pathname).to.equal('/tv/call/c-demo-wang');
  });

  it('says in Chinese what went wrong and retries on request', async () => {
    let calls = 0;
    await mockApi(
      http.get('/api/auth/session', () => HttpResponse.json(residentTv)),
      http.get('/api/consultations/mine', () => {
        calls += 1;
        return calls === 1 ? HttpResponse.error() : HttpResponse.json({ consultations: [] });
      }),
    );
    const app = await fixture<AppRoot>(html`<dah-app></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.querySelector('[role=alert]'), 'error message');
    const home = homeOf(app)!;
    expect(home.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('连接不上服务器');
    (home.shadowRoot!.querySelector('[role=alert] + button') as HTMLButtonElement).click();
    await waitUntil(() => home.shadowRoot!.textContent!.includes('现在没有安排好的视频问诊'), 'empty state');
    expect(calls).to.equal(2);
  });
});
