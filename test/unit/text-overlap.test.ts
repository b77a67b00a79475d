import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { TextSize } from '../../src/app/state/settings.js';
import { applySettings, openApp } from './support/app.js';
import { overlappingText, textLineBoxes } from './support/screen-checks.js';
import { useFakeCalls } from './support/fake-call.js';
import { doctorJoins, screensOf, surfaceApi } from './support/surfaces.js';
import { kioskApiWithCareHome } from './support/kiosk.js';
import { CARD_STATES, cardVisitHandler, releaseCard, showCardState } from './support/kiosk-card.js';

// Issue 12 §4: at the larger text sizes the fixed key legend was drawn over the screens' text.
// Every registered TV and kiosk screen, at every text size, in both languages, at 720p, 1080p and
// 4K: no two visible lines of text of different elements lie over each other. An open dialog
// covers the page by design: it is checked on its own (tv-navigation, kiosk-screens).

const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];
const SIZES: TextSize[] = ['normal', 'large', 'largest'];
const LOCALES = ['zh-CN', 'en'] as const;

const overlays = (element: Element) =>
  element.localName === 'dah-dialog' || element.localName === 'dah-incoming-call';

describe('no text over text, on every TV and kiosk screen', () => {
  // The call screens are checked in a live call, the doctor in it (support/surfaces.ts).
  const sessions = useFakeCalls();
  after(async () => {
    window.localStorage.removeItem('dah.settings');
    await setViewport({ width: 800, height: 600 });
  });

  for (const surface of ['tv', 'kiosk'] as const) {
    for (const screen of screensOf(surface)) {
      for (const { width, height } of VIEWPORTS) {
        it(`${screen.path} at ${width}x${height}: every text size, both languages`, async function () {
          this.timeout(40_000);
          await setViewport({ width, height });
          await surfaceApi(surface, screen.screen);
          const app = await openApp(screen.path);
          if (screen.screen === 'call') await doctorJoins(sessions);
          try {
            for (const locale of LOCALES) {
              for (const size of SIZES) {
                await applySettings(app, size, locale);
                const what = `${screen.path} at ${width}x${height}, ${size}, ${locale}`;
                const boxes = textLineBoxes(app.shadowRoot!, overlays);
                expect(boxes.length, `${what}: shows text`).to.be.greaterThan(2);
                expect(overlappingText(app.shadowRoot!, overlays), what).to.deep.equal([]);
              }
            }
          } finally {
            await applySettings(app, 'normal', 'zh-CN');
          }
        });
      }
    }
  }

  for (const { width, height } of VIEWPORTS) {
    it(`/kiosk/self-service's QR card states at ${width}x${height}: every text size, both languages`, async function () {
      this.timeout(60_000);
      await setViewport({ width, height });
      await kioskApiWithCareHome(cardVisitHandler);
      const app = await openApp('/kiosk/self-service');
      try {
        for (const state of CARD_STATES) {
          await showCardState(app, state);
          for (const locale of LOCALES) {
            for (const size of SIZES) {
              await applySettings(app, size, locale);
              const what = `card ${state} at ${width}x${height}, ${size}, ${locale}`;
              expect(overlappingText(app.shadowRoot!, overlays), what).to.deep.equal([]);
            }
          }
          await applySettings(app, 'normal', 'zh-CN');
        }
      } finally {
        releaseCard();
        await applySettings(app, 'normal', 'zh-CN');
      }
    });
  }

  it('the checker finds text that lies over other text (the legend over a screen, as reported)', async () => {
    // The report's case, drawn plainly: the legend fixed at the bottom, over a tile's words.
    const screen = await fixture<HTMLElement>(
      html`<div style="position: relative; height: 300px; font-size: 32px">
        <p style="position: absolute; top: 200px; left: 40px; margin: 0">预约与巡诊</p>
        <p style="position: absolute; top: 120px; left: 40px; margin: 0">我的健康档案</p>
        <footer style="position: absolute; top: 210px; left: 0; margin: 0">
          红色键：紧急呼叫 黄色键：帮助
        </footer>
      </div>`,
    );
    const found = overlappingText(screen, overlays);
    expect(found.length, 'overlaps found').to.equal(1);
    expect(found.join(' ')).to.contain('红色键：紧急呼叫');
    expect(found.join(' ')).to.contain('预约与巡诊');
  });
});
