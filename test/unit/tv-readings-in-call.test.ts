// 健康测量 by remote: the glucose's time asked before its digits (its classification depends on it),
// and measuring during a call from the call screen (测量给医生看): the reading carries the
// consultation's id, the call stays on, Back closes the panel before it asks to hang up.
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import {
  applySettings,
  focusedElement,
  nextFrame,
  openApp,
  screen,
  textOf,
  tvApi,
  waitForPath,
} from './support/app.js';
import { followUpDetail } from './support/console.js';
import { deleteOutbox } from './support/kiosk-input.js';
import { useFakeCalls } from './support/fake-call.js';
import { recorder } from './support/msw.js';
import { overlappingText, textProblems } from './support/screen-checks.js';
import type { TextSize } from '../../src/app/state/settings.js';

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}
async function type(digits: string): Promise<void> {
  for (const d of digits) await press(d);
}

function readingsApi() {
  const rec = recorder();
  return {
    rec,
    handler: http.post('/api/readings', async ({ request }) => {
      const body = (await request.json()) as Record<string, unknown>;
      rec.note('reading', body);
      return HttpResponse.json(body, { status: 201 });
    }),
  };
}

const focusKey = () => focusedElement()?.getAttribute('data-focus-key') ?? '';

describe('TV 健康测量: when the glucose was taken', () => {
  beforeEach(async () => {
    fixtureCleanup();
    await deleteOutbox();
  });

  it('asks fasting, after a meal or another time before the digits, by remote, and sends it with the reading', async () => {
    const api = readingsApi();
    await tvApi(api.handler);
    const app = await openApp('/tv/readings');
    const readings = () => screen(app, 'dah-readings-screen')!.shadowRoot!;
    readings().querySelector<HTMLElement>('[data-focus-key="measure-glucose"]')!.focus();
    await press('Enter');
    await waitUntil(() => readings().querySelector('[data-field="glucose-context"]'), 'the time asked first');
    expect(readings().querySelector('dah-number-pad'), 'no digits before the time').to.equal(null);
    expect(textOf(readings().querySelector('[role="group"][aria-label]:not(.measures)'))).to.contain(
      '空腹：早上起来还没吃东西',
    );
    // Down from the measures reaches the choices; right moves to 饭后.
    await press('ArrowDown');
    await waitUntil(() => focusKey().startsWith('glucose-'), `a choice focused: ${focusKey()}`);
    while (focusKey() !== 'glucose-after_meal')
      await press(focusKey() === 'glucose-random' ? 'ArrowLeft' : 'ArrowRight');
    await press('Enter');
    await waitUntil(() => readings().querySelector('[data-field="glucose"]'), 'then the digits');
    expect(textOf(readings().querySelector('[data-glucose-context]'))).to.contain('饭后');
    await type('124');
    await waitUntil(
      () => readings().querySelector('[data-colour]'),
      `the result: ${textOf(screen(app, 'dah-readings-screen'))}`,
    );
    await waitUntil(() => api.rec.count('reading') === 1, 'sent');
    const body = api.rec.calls['reading']![0] as { values: unknown; consultationId: unknown };
    expect(body.values).to.deep.equal({ measure: 'glucose', value: 12.4, context: 'after_meal' });
    expect(body.consultationId).to.equal(null);
  });

  it('choosing another measure and back asks the time again', async () => {
    await tvApi(readingsApi().handler);
    const app = await openApp('/tv/readings');
    const readings = () => screen(app, 'dah-readings-screen')!.shadowRoot!;
    readings().querySelector<HTMLButtonElement>('[data-focus-key="measure-glucose"]')!.click();
    await waitUntil(() => readings().querySelector('[data-focus-key="glucose-fasting"]'), 'asked');
    readings().querySelector<HTMLButtonElement>('[data-focus-key="glucose-fasting"]')!.click();
    await waitUntil(() => readings().querySelector('[data-field="glucose"]'), 'digits');
    readings().querySelector<HTMLButtonElement>('[data-focus-key="measure-blood_pressure"]')!.click();
    await waitUntil(() => readings().querySelector('[data-field="systolic"]'), 'blood pressure');
    readings().querySelector<HTMLButtonElement>('[data-focus-key="measure-glucose"]')!.click();
    await waitUntil(() => readings().querySelector('[data-field="glucose-context"]'), 'asked again');
  });
});

describe('TV: measuring for the doctor during a call', () => {
  const sessions = useFakeCalls();
  beforeEach(async () => {
    fixtureCleanup();
    await deleteOutbox();
  });

  const detail = followUpDetail('c-live', { reason: '高血压随访', createdAt: '2025-03-01T08:00:00.000Z' });

  async function openCall(api: ReturnType<typeof readingsApi>): Promise<AppRoot> {
    await tvApi(
      api.handler,
      http.get('/api/consultations/c-live', () => HttpResponse.json(detail)),
      http.post('/api/calls/token', () =>
        HttpResponse.json({
          token: 't',
          url: 'ws://127.0.0.1:1',
          room: 'consultation-c-live',
          identity: 'res-a',
          expiresAt: '2030-01-01T00:00:00.000Z',
        }),
      ),
    );
    const app = await openApp('/tv/call/c-live');
    await waitUntil(() => screen(app, 'dah-call-screen')?.dataset['state'] === 'connected', 'in the call');
    sessions[sessions.length - 1]!.joined({
      identity: 'dr-a',
      name: '张伟',
      role: 'doctor',
      detail: '柳树村卫生室',
    });
    return app;
  }

  it('测量给医生看 opens 健康测量 beside the call; the reading carries the consultation; Back closes it, the call stays', async () => {
    const api = readingsApi();
    const app = await openCall(api);
    const call = screen(app, 'dah-call-screen')!;
    const measure = () =>
      call.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-measure"]');
    await waitUntil(() => measure(), 'the measure button');
    measure()!.focus();
    await press('Enter');
    const panel = () => call.shadowRoot!.querySelector('[data-measure-panel] dah-readings-screen');
    await waitUntil(
      () => panel()?.shadowRoot?.querySelector('[data-field="systolic"]'),
      'the pad in the call',
      {
        timeout: 5000,
      },
    );
    await type('142');
    await waitUntil(() => panel()!.shadowRoot!.querySelector('[data-field="diastolic"]'), 'diastolic');
    await type('88');
    await press('Enter');
    await waitUntil(() => api.rec.count('reading') === 1, 'sent');
    const body = api.rec.calls['reading']![0] as Record<string, unknown>;
    expect(body['consultationId']).to.equal('c-live');
    expect(body['patientId']).to.equal('res-a');
    expect(body['values']).to.deep.equal({
      measure: 'blood_pressure',
      systolic: 142,
      diastolic: 88,
      pulse: null,
    });
    expect(textOf(panel()!.shadowRoot!.querySelector('[data-sent-to-doctor]'))).to.contain('医生在通话里');
    // Back closes the panel and asks nothing; the call is still on, on the same address.
    await press('Escape');
    await waitUntil(() => !call.shadowRoot!.querySelector('[data-measure-panel]'), 'the panel closed');
    expect(document.querySelector('dah-app')!.shadowRoot!.querySelector('dah-dialog[open]')).to.equal(null);
    expect(sessions[0]!.leaves).to.equal(0);
    await waitForPath('/tv/call/c-live');
    await waitUntil(() => focusKey() === 'call-measure', `focus back on the button: ${focusKey()}`);
  });
  it('the call with 健康测量 beside it, and the glucose question: no text over text, 32 px at 1080p and 7:1, every size and language', async function () {
    this.timeout(60_000);
    const overlays = (element: Element) => element.localName === 'dah-dialog';
    try {
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1920, height: 1080 },
      ]) {
        await setViewport(viewport);
        const app = await openCall(readingsApi());
        const call = screen(app, 'dah-call-screen')!;
        await waitUntil(
          () => call.shadowRoot!.querySelector('[data-focus-key="call-measure"]'),
          'the button',
        );
        call.shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="call-measure"]')!.click();
        const panel = () => call.shadowRoot!.querySelector('[data-measure-panel] dah-readings-screen');
        await waitUntil(() => panel()?.shadowRoot?.querySelector('[data-field="systolic"]'), 'the pad');
        for (const state of ['pad', 'glucose'] as const) {
          if (state === 'glucose') {
            panel()!
              .shadowRoot!.querySelector<HTMLButtonElement>('[data-focus-key="measure-glucose"]')!
              .click();
            await waitUntil(
              () => panel()!.shadowRoot!.querySelector('[data-field="glucose-context"]'),
              'asked',
            );
          }
          for (const locale of ['zh-CN', 'en'] as const) {
            for (const textSize of ['normal', 'large', 'largest'] as TextSize[]) {
              await applySettings(app, textSize, locale);
              const what = `${state} at ${viewport.width}x${viewport.height}, ${textSize}, ${locale}`;
              expect(JSON.stringify(overlappingText(app.shadowRoot!, overlays)), what).to.equal('[]');
              expect(
                JSON.stringify(textProblems(call.shadowRoot!, 32 * (viewport.height / 1080))),
                what,
              ).to.equal('[]');
            }
          }
        }
        fixtureCleanup();
      }
    } finally {
      window.localStorage.removeItem('dah.settings');
      await setViewport({ width: 800, height: 600 });
    }
  });
});
