import { waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../src/app/app-root.js';
import { applySettings, openApp, textOf } from './support/app.js';
import { useFakeCalls } from './support/fake-call.js';
import {
  KIOSK_VIEWPORTS,
  expectArrowsReachAll,
  expectTouchAndText,
  resetScreen,
  steady,
} from './support/kiosk-checks.js';
import { CARD_STATES, cardVisitHandler, releaseCard, showCardState } from './support/kiosk-card.js';
import { detail, kioskApiWithCareHome, kioskToken } from './support/kiosk.js';
import { WANG, openVisitAt, visitApi, type VisitApiOptions } from './support/kiosk-visit.js';
import { recorder } from './support/msw.js';
import { doctorJoins } from './support/surfaces.js';

// Issue 14 §9 and issue 17: a health station's self-service visit, while it lasts, gets every check
// the kiosk's screens get (support/kiosk-checks.ts: arrows, touch targets, 10-foot text, 7:1, at
// 720p and 1080p, both languages, every text size): its result, the doctor's screen choosing and
// waiting, the visit's call with the doctor in it, and 续药's list. The route registry's walk
// (kiosk-screens.test.ts) sees the visit's screens only once a visit has ended; the QR card's
// states are here too. axe-core and the screenshots of the same states: test/e2e/kiosk-self-service.test.ts.

interface VisitState {
  name: string;
  path: string;
  api?: VisitApiOptions;
  /** Words the state shows once it is drawn. */
  shows: string;
  inCall?: boolean;
}

const STATES: VisitState[] = [
  { name: 'the result', path: '/kiosk/self-service', shows: '140/90 mmHg' },
  { name: 'choosing a doctor', path: '/kiosk/visit/consult', shows: '请选一位医生' },
  {
    name: 'waiting for the doctor',
    path: '/kiosk/visit/consult',
    api: { waiting: true },
    shows: '王秀英，正在等医生',
  },
  { name: 'in the call', path: '/kiosk/call/c-k1', shows: '李芳', inCall: true },
  { name: 'the reorder list', path: '/kiosk/visit/medicines', shows: '苯磺酸氨氯地平片' },
];

/** The visit's call: a token for the kiosk, the consultation on, Wang's, no nurse. */
const callHandlers = [
  http.post('/api/calls/token', () => HttpResponse.json(kioskToken)),
  http.get('/api/consultations/c-k1', () =>
    HttpResponse.json({
      ...detail,
      status: 'active',
      summary: null,
      endedAt: null,
      patient: WANG,
      kiosk: { ...detail.kiosk!, staff: null },
    }),
  ),
];

describe('a self-service visit’s screens while it lasts', () => {
  const sessions = useFakeCalls();
  after(resetScreen);

  async function open(state: VisitState): Promise<AppRoot> {
    await visitApi(recorder(), state.api, ...(state.inCall ? callHandlers : []));
    const app = await openVisitAt(state.path);
    if (state.inCall) await doctorJoins(sessions);
    await waitUntil(() => textOf(app).includes(state.shows), `${state.name}: “${state.shows}”`, {
      timeout: 10_000,
    });
    await steady(app);
    return app;
  }

  for (const state of STATES) {
    it(`${state.name} (${state.path}): arrows reach every control, focus stays in view`, async function () {
      this.timeout(60_000);
      await setViewport({ width: 1920, height: 1080 });
      const app = await open(state);
      await expectArrowsReachAll(app, state.name);
    });

    for (const { width, height } of KIOSK_VIEWPORTS) {
      it(`${state.name} (${state.path}) at ${width}x${height}: by touch, every control a target a finger lands on; 10-foot text, 7:1`, async function () {
        this.timeout(60_000);
        await setViewport({ width, height });
        const app = await open(state);
        await expectTouchAndText(app, height, state.name);
        // Still the visit's state after the redraws (nothing ended it).
        await waitUntil(() => textOf(app).includes(state.shows), `${state.name} still shown`, {
          timeout: 10_000,
        });
      });
    }
  }
});

describe('the self-service kiosk’s QR card, in every state', () => {
  after(async () => {
    releaseCard();
    await resetScreen();
  });

  for (const { width, height } of KIOSK_VIEWPORTS) {
    it(`/kiosk/self-service at ${width}x${height}: each card state in 10-foot text, 7:1, every target a finger lands on`, async function () {
      this.timeout(60_000);
      await setViewport({ width, height });
      await kioskApiWithCareHome(cardVisitHandler);
      const app = await openApp('/kiosk/self-service');
      await steady(app);
      try {
        for (const state of CARD_STATES) {
          await showCardState(app, state);
          await expectTouchAndText(app, height, `card ${state}`);
        }
      } finally {
        releaseCard();
        await applySettings(app, 'normal', 'zh-CN');
      }
    });
  }
});
