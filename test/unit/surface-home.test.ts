import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { ApiClient } from '../../src/app/api/api-client.js';
import '../../src/app/app-root.js';
import type { AppRoot } from '../../src/app/app-root.js';
import { NavigateEvent } from '../../src/app/router/router-controller.js';
import { mockApi } from './support/msw.js';

const resident = { id: 'res-a', role: 'resident', displayName: '王秀英', organisationName: '柳树村卫生室' };
const consultation = {
  id: 'c-demo-wang',
  status: 'scheduled',
  reason: '高血压随访',
  patient: { id: 'res-a', displayName: '王秀英' },
  doctor: { id: 'dr-a', displayName: '张伟', organisationName: '柳树村卫生室' },
};

function homeOf(app: AppRoot) {
  return app.shadowRoot!.querySelector('dah-surface-home')!;
}

describe('the home screen of a surface', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/tv');
  });

  it('greets the signed-in resident and offers the consultation, focused', async () => {
    await mockApi(
      http.get('/api/me', () => HttpResponse.json(resident)),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [consultation] })),
    );
    const app = await fixture<AppRoot>(html`<dah-app .api=${new ApiClient('res-a')}></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.querySelector('button'), 'consultation button');
    const home = homeOf(app);
    await waitUntil(() => home.shadowRoot!.querySelector('h1')!.textContent!.includes('王秀英'));
    const button = home.shadowRoot!.querySelector('button')!;
    expect(button.textContent).to.contain('张伟');
    expect(button.textContent).to.contain('高血压随访');
    expect(home.shadowRoot!.activeElement).to.equal(button);
  });

  it('OK on the focused consultation navigates to its call screen', async () => {
    await mockApi(
      http.get('/api/me', () => HttpResponse.json(resident)),
      http.get('/api/consultations/mine', () => HttpResponse.json({ consultations: [consultation] })),
    );
    const app = await fixture<AppRoot>(html`<dah-app .api=${new ApiClient('res-a')}></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.activeElement, 'focused button');
    const navigated = oneEvent(app, NavigateEvent.type);
    await sendKeys({ press: 'Enter' });
    const event = (await navigated) as unknown as NavigateEvent;
    expect(event.path).to.equal('/tv/call/c-demo-wang');
    expect(window.location.pathname).to.equal('/tv/call/c-demo-wang');
  });

  it('says in Chinese what went wrong and retries on request', async () => {
    let calls = 0;
    await mockApi(
      http.get('/api/me', () => HttpResponse.json(resident)),
      http.get('/api/consultations/mine', () => {
        calls += 1;
        return calls === 1 ? HttpResponse.error() : HttpResponse.json({ consultations: [] });
      }),
    );
    const app = await fixture<AppRoot>(html`<dah-app .api=${new ApiClient('res-a')}></dah-app>`);
    await waitUntil(() => homeOf(app)?.shadowRoot?.querySelector('[role=alert]'), 'error message');
    const home = homeOf(app);
    expect(home.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('连接不上服务器');
    home.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => home.shadowRoot!.textContent!.includes('现在没有安排好的视频问诊'), 'empty state');
    expect(calls).to.equal(2);
  });
});
