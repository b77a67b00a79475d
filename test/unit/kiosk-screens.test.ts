import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../src/app/app-root.js';
import { focusableElements } from '../../src/app/input/spatial-navigation.js';
import { applyLocale, getLocale } from '../../src/app/localization.js';
import { residentMatches, roomOf } from '../../src/shared/directory/find-resident.js';
import { focusedElement, focusedText, openApp, textOf, waitForPath } from './support/app.js';
import { kioskApiWithCareHome, wholeCareHome } from './support/kiosk.js';
import {
  describeElement,
  overlappingText,
  textProblems,
  unreachedWithArrows,
} from './support/screen-checks.js';
import { useFakeCalls } from './support/fake-call.js';
import { doctorJoins, screensOf, surfaceApi } from './support/surfaces.js';
import { CARD_STATES, cardVisitHandler, releaseCard, showCardState } from './support/kiosk-card.js';
import { SettingsChangeEvent } from '../../src/app/state/settings.js';

// Issue 17: the kiosk's screens get every check the TV's have, on a whole care home's list (150
// residents): the remote's arrows reach every control, touch reaches every control too (a target
// at least 60 CSS px at 1080p that a finger's tap lands on), 10-foot text with 7:1 contrast, and
// Back from a resident's consult screen returns to the card that opened it. axe-core and the
// screenshots: test/e2e/tv-screens.test.ts, against the real API.

const SCREENS = screensOf('kiosk');
const MIN_TARGET_PX_AT_1080P = 60;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

function surfaceOf(app: AppRoot): Element {
  return app.shadowRoot!.querySelector('.surface')!;
}

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
  await nextFrame();
}

/**
 * Until the screen has loaded and its controls stop changing (a call without a token ends at its
 * door).
 */
async function steady(app: AppRoot): Promise<void> {
  let before = '';
  for (let i = 0; i < 40; i++) {
    const now = focusableElements(surfaceOf(app)).map(describeElement).join('|');
    if (now === before && !textOf(app).includes('正在加载')) return;
    before = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The element a finger's tap at the centre of `element` lands on, through shadow roots. */
function tapTarget(element: HTMLElement): Element | null {
  const rect = element.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  let hit: Element | null = document.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** Controls a finger cannot use: too small, or covered where it would tap. */
function touchProblems(app: AppRoot, minimumPx: number): string[] {
  const problems: string[] = [];
  for (const element of focusableElements(surfaceOf(app))) {
    element.scrollIntoView({ block: 'center' });
    const rect = element.getBoundingClientRect();
    if (rect.width < minimumPx - 0.5 || rect.height < minimumPx - 0.5)
      problems.push(`${describeElement(element)}: ${rect.width.toFixed(0)}x${rect.height.toFixed(0)} px`);
    const hit = tapTarget(element);
    let inside = false;
    for (let node: Node | null = hit; node; node = node instanceof ShadowRoot ? node.host : node.parentNode)
      if (node === element) inside = true;
    if (!inside) problems.push(`${describeElement(element)}: a tap lands on ${describeElement(hit)}`);
  }
  surfaceOf(app).scrollTop = 0;
  return problems;
}

describe('the kiosk’s resident finder (pure)', () => {
  it('finds by room number, by name, and by the ID card’s last digits', () => {
    const zhao = { displayName: '赵桂兰', address: '东河镇敬老院2号楼105室', idCardSuffix: '0427' };
    const sun = { displayName: '孙富贵', address: '东河镇敬老院1号楼203室', idCardSuffix: '301X' };
    expect(roomOf(zhao.address)).to.equal('105');
    expect(residentMatches(zhao, '10')).to.equal(true);
    expect(residentMatches(zhao, '105')).to.equal(true);
    expect(residentMatches(sun, '105')).to.equal(false);
    expect(residentMatches(zhao, '427')).to.equal(true);
    expect(residentMatches(zhao, '0427')).to.equal(true);
    expect(residentMatches(sun, '0427')).to.equal(false);
    expect(residentMatches(sun, '富贵')).to.equal(true);
    expect(residentMatches(sun, '桂兰')).to.equal(false);
    expect(residentMatches(sun, ' ')).to.equal(true);
    expect(residentMatches({ ...sun, idCardSuffix: null }, '301')).to.equal(false);
  });
});

describe('kiosk screens, signed in as staff, a whole care home in the list', () => {
  // The call screen is checked in a live call, the doctor in it (support/surfaces.ts).
  const sessions = useFakeCalls();
  after(async () => {
    await applyLocale('zh-CN');
    await setViewport({ width: 800, height: 600 });
  });

  for (const screen of SCREENS) {
    it(`${screen.path}: arrows reach every control, focus stays in view`, async function () {
      this.timeout(120_000);
      await setViewport({ width: 1920, height: 1080 });
      await surfaceApi('kiosk', screen.screen);
      const app = await openApp(screen.path);
      if (screen.screen === 'call') await doctorJoins(sessions);
      await steady(app);
      const all = focusableElements(surfaceOf(app));
      expect(all.length, 'controls').to.be.greaterThan(1);
      const missed = await unreachedWithArrows(surfaceOf(app), (arrow, from) => {
        const rect = focusedElement()!.getBoundingClientRect();
        expect(rect.bottom, `${arrow} from ${describeElement(from)}: focus below the view`).to.be.at.most(
          app.shadowRoot!.querySelector('footer')!.getBoundingClientRect().top + 1,
        );
        expect(rect.top, `${arrow} from ${describeElement(from)}: focus above the view`).to.be.at.least(0);
      });
      expect(missed, `${screen.path}: never reached with the arrows`).to.deep.equal([]);
    });

    for (const { width, height } of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      it(`${screen.path} at ${width}x${height}: by touch, every control a target a finger lands on; 10-foot text, 7:1`, async function () {
        this.timeout(60_000);
        await setViewport({ width, height });
        for (const locale of ['zh-CN', 'en'] as const) {
          for (const textSize of ['normal', 'large', 'largest'] as const) {
            window.localStorage.setItem('dah.settings', JSON.stringify({ textSize, locale }));
            try {
              await surfaceApi('kiosk', screen.screen);
              const app = await openApp(screen.path);
              if (screen.screen === 'call') await doctorJoins(sessions);
              await steady(app);
              if (locale === 'en') await waitUntil(() => getLocale() === 'en', 'English');
              const scale = height / 1080;
              const grow = { normal: 1, large: 1.2, largest: 1.4 }[textSize];
              const what = `${textSize}, ${locale}`;
              expect(textProblems(app.shadowRoot!, 32 * scale * grow), what).to.deep.equal([]);
              expect(touchProblems(app, MIN_TARGET_PX_AT_1080P * scale), what).to.deep.equal([]);
            } finally {
              window.localStorage.removeItem('dah.settings');
              await applyLocale('zh-CN');
            }
          }
        }
      });
    }
  }

  it('the consult screen’s reason field is reached with the arrows, and left again', async () => {
    await kioskApiWithCareHome();
    await openApp('/kiosk/consult/res-z');
    expect(focusedText()).to.contain('家庭医生');
    for (let i = 0; i < 4 && focusedElement()?.id !== 'reason'; i++) await press('ArrowUp');
    expect(focusedElement()?.id, 'the reason field').to.equal('reason');
    await press('ArrowDown');
    expect(focusedElement()?.id).to.not.equal('reason');
  });

  it('Back from a resident’s consult screen brings focus back to the card that opened it', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await kioskApiWithCareHome();
    await openApp('/kiosk');
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    // Two cards on, then one row down: a card far from the first.
    await press('ArrowRight');
    await press('ArrowRight');
    await press('ArrowDown');
    const card = focusedElement()!;
    const name = focusedText();
    expect(name).to.not.contain('赵桂兰');
    await press('Enter');
    await waitUntil(() => window.location.pathname.startsWith('/kiosk/consult/'), 'the consult screen');
    await waitUntil(() => focusedText().includes('家庭医生'), 'the consult screen has focus');
    await press('Escape');
    await waitForPath('/kiosk');
    await waitUntil(() => focusedText() === name, `focus back on ${name}`);
    expect(focusedElement()!.getAttribute('data-focus-key')).to.equal(card.getAttribute('data-focus-key'));
  });

  it('the remote’s digits find a resident by room number or the ID card’s last digits; touch clears', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await kioskApiWithCareHome();
    const app = await openApp('/kiosk');
    const home = app.shadowRoot!.querySelector('dah-kiosk-home')!;
    const cards = () => [...home.shadowRoot!.querySelectorAll('button.resident')];
    await waitUntil(() => focusedText().includes('赵桂兰'), 'the first resident focused');
    expect(cards().length).to.equal(wholeCareHome().length);
    for (const digit of '105') await press(digit);
    await waitUntil(() => cards().every((c) => /105室/.test(c.textContent ?? '')), 'only room 105');
    expect(cards().map((c) => c.textContent!.replace(/\s+/g, ''))).to.include('赵桂兰2号楼105室');
    expect(focusedText()).to.contain('105');
    // Touch: 清除 shows every resident again and leaves the finder focused.
    (home.shadowRoot!.querySelector('[data-focus-key=clear-find]') as HTMLButtonElement).click();
    await waitUntil(() => cards().length === wholeCareHome().length, 'everyone again');
    expect(focusedElement()!.id).to.equal('find');
    // Typed by touch into the field: the ID card's last digits.
    const input = home.shadowRoot!.querySelector<HTMLInputElement>('#find')!;
    input.value = '0427';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().length === 1, 'one resident');
    expect(cards()[0]!.textContent).to.contain('赵桂兰');
    // By name.
    input.value = '富贵';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().every((c) => c.textContent!.includes('富贵')), 'by name');
    expect(cards().map((c) => c.textContent)).to.satisfy((all: string[]) =>
      all.some((t) => t.includes('孙富贵')),
    );
    // Nothing fits: said in words, with what to do.
    input.value = '9999';
    input.dispatchEvent(new Event('input'));
    await waitUntil(() => cards().length === 0, 'no one');
    expect(home.shadowRoot!.querySelector('[role=status]')!.textContent).to.contain('请换一种找法');
    expect(overlappingText(app.shadowRoot!)).to.deep.equal([]);
  });
});

describe('the self-service kiosk’s QR card, in every state', () => {
  after(async () => {
    releaseCard();
    await applyLocale('zh-CN');
    await setViewport({ width: 800, height: 600 });
  });

  for (const { width, height } of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`/kiosk/self-service at ${width}x${height}: each card state in 10-foot text, 7:1, every target a finger lands on`, async function () {
      this.timeout(60_000);
      await setViewport({ width, height });
      await kioskApiWithCareHome(cardVisitHandler);
      const app = await openApp('/kiosk/self-service');
      await steady(app);
      const scale = height / 1080;
      try {
        for (const state of CARD_STATES) {
          await showCardState(app, state);
          for (const locale of ['zh-CN', 'en'] as const) {
            for (const textSize of ['normal', 'large', 'largest'] as const) {
              app.dispatchEvent(new SettingsChangeEvent({ textSize, locale }));
              await waitUntil(
                () => getLocale() === locale && app.getAttribute('text-size') === textSize,
                'settings applied',
              );
              await nextFrame();
              const grow = { normal: 1, large: 1.2, largest: 1.4 }[textSize];
              const what = `${state}, ${textSize}, ${locale}`;
              expect(textProblems(app.shadowRoot!, 32 * scale * grow), what).to.deep.equal([]);
              expect(touchProblems(app, MIN_TARGET_PX_AT_1080P * scale), what).to.deep.equal([]);
            }
          }
          app.dispatchEvent(new SettingsChangeEvent({ textSize: 'normal', locale: 'zh-CN' }));
          await waitUntil(() => getLocale() === 'zh-CN', 'Chinese again');
        }
      } finally {
        releaseCard();
      }
    });
  }
});
