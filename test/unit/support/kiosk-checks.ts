import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../../src/app/app-root.js';
import { focusableElements } from '../../../src/app/input/spatial-navigation.js';
import { applyLocale } from '../../../src/app/localization.js';
import type { TextSize } from '../../../src/app/state/settings.js';
import { applySettings, focusedElement, textOf } from './app.js';
import { describeElement, textProblems, unreachedWithArrows } from './screen-checks.js';

// The checks every kiosk screen gets (issue 17), shared by the kiosk's screen suites
// (kiosk-screens and kiosk-remote: the registry's screens with a nurse; kiosk-visit-screens: a visit's
// screens while it lasts): the remote's arrows reach every control with focus in view; by touch
// every control is a target a finger lands on (at least 60 CSS px at 1080p); 10-foot text with 7:1
// contrast, at every text size in both languages.

export const MIN_TARGET_PX_AT_1080P = 60;
export const KIOSK_VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
export const TEXT_SIZES: readonly TextSize[] = ['normal', 'large', 'largest'];
export const LOCALES = ['zh-CN', 'en'] as const;
const GROW: Record<TextSize, number> = { normal: 1, large: 1.2, largest: 1.4 };

export function surfaceOf(app: AppRoot): Element {
  return app.shadowRoot!.querySelector('.surface')!;
}

/**
 * Until the screen has loaded and its controls stop changing (a call without a token ends at its
 * door).
 */
export async function steady(app: AppRoot): Promise<void> {
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
export function touchProblems(app: AppRoot, minimumPx: number): string[] {
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

/**
 * The screen on show at every text size in both languages, applied live: 10-foot text with 7:1
 * contrast and every control a target a finger lands on, at the viewport's `height`. Leaves the
 * app in Chinese at the normal size.
 */
export async function expectTouchAndText(app: AppRoot, height: number, name: string): Promise<void> {
  const scale = height / 1080;
  try {
    for (const locale of LOCALES) {
      for (const textSize of TEXT_SIZES) {
        await applySettings(app, textSize, locale);
        const what = `${name}, ${textSize}, ${locale}`;
        expect(textProblems(app.shadowRoot!, 32 * scale * GROW[textSize]), what).to.deep.equal([]);
        expect(touchProblems(app, MIN_TARGET_PX_AT_1080P * scale), what).to.deep.equal([]);
      }
    }
  } finally {
    await applySettings(app, 'normal', 'zh-CN');
  }
}

/** At 1080p: the remote's arrows reach every control of the screen, and focus stays in view. */
export async function expectArrowsReachAll(app: AppRoot, name: string): Promise<void> {
  const all = focusableElements(surfaceOf(app));
  expect(all.length, `${name}: controls`).to.be.greaterThan(1);
  const missed = await unreachedWithArrows(surfaceOf(app), (arrow, from) => {
    const rect = focusedElement()!.getBoundingClientRect();
    expect(rect.bottom, `${arrow} from ${describeElement(from)}: focus below the view`).to.be.at.most(
      app.shadowRoot!.querySelector('footer')!.getBoundingClientRect().top + 1,
    );
    expect(rect.top, `${arrow} from ${describeElement(from)}: focus above the view`).to.be.at.least(0);
  });
  expect(missed, `${name}: never reached with the arrows`).to.deep.equal([]);
}

/** After a suite: Chinese, and the runner's default viewport. */
export async function resetScreen(): Promise<void> {
  window.localStorage.removeItem('dah.settings');
  await applyLocale('zh-CN');
  await setViewport({ width: 800, height: 600 });
}
