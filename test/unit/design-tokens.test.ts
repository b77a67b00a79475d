import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../src/app/app-root.js';
import { TV_SCREENS } from '../../src/app/router/routes.js';
import { openApp, tvApi } from './support/app.js';

const SCREENS = ['/tv', ...TV_SCREENS.map((screen) => `/tv/${screen}`)];

/** Every element in the composed tree under `root`, shadow roots included. */
function composedElements(root: Element | ShadowRoot): Element[] {
  const found: Element[] = [];
  for (const child of root.children) {
    found.push(child);
    if (child.shadowRoot) found.push(...composedElements(child.shadowRoot));
    found.push(...composedElements(child));
  }
  return found;
}

function ownText(element: Element): string {
  return [...element.childNodes]
    .filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent ?? '')
    .join('')
    .trim();
}

/** The parent in the composed tree (a shadow root's host, a slotted node's slot parent is skipped). */
function composedParent(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

function rgb(colour: string): [number, number, number, number] {
  const parts = /rgba?\(([^)]+)\)/
    .exec(colour)![1]!
    .split(',')
    .map((part) => Number(part.trim()));
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** WCAG 2.x relative luminance. */
function luminance([r, g, b]: [number, number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The first opaque background behind an element. */
function backgroundOf(element: Element): string {
  for (let current: Element | null = element; current; current = composedParent(current)) {
    const background = getComputedStyle(current).backgroundColor;
    if (rgb(background)[3] > 0) return background;
  }
  return 'rgb(255, 255, 255)';
}

interface TextProblem {
  text: string;
  problem: string;
}

/** Font size and contrast of every piece of visible text in the app. */
function checkText(app: AppRoot, minimumFontPx: number): TextProblem[] {
  const problems: TextProblem[] = [];
  for (const element of composedElements(app.shadowRoot!)) {
    const text = ownText(element);
    const rect = element.getBoundingClientRect();
    if (!text || rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    // Computed sizes are rounded to a few decimals: 21.3333 px is 32 design px at 720p.
    if (size < minimumFontPx - 0.01) problems.push({ text, problem: `font ${size.toFixed(1)} px` });
    const ratio = contrast(style.color, backgroundOf(element));
    if (ratio < 7) problems.push({ text, problem: `contrast ${ratio.toFixed(2)}:1` });
  }
  return problems;
}

function headingSize(app: AppRoot): number {
  const heading = composedElements(app.shadowRoot!.querySelector('main')!).find((e) => e.localName === 'h1');
  return parseFloat(getComputedStyle(heading!).fontSize);
}

describe('design tokens, measured from computed styles', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const path of SCREENS) {
    it(`${path} at 1920x1080: every text at least 32 px with 7:1 contrast, the title at least 48 px`, async () => {
      await setViewport({ width: 1920, height: 1080 });
      await tvApi();
      const app = await openApp(path);
      expect(checkText(app, 32)).to.deep.equal([]);
      expect(headingSize(app)).to.be.at.least(48);
    });
  }

  it('at 1280x720 the same layout scales down in proportion', async () => {
    await setViewport({ width: 1280, height: 720 });
    await tvApi();
    const app = await openApp('/tv/record');
    expect(checkText(app, (32 * 720) / 1080)).to.deep.equal([]);
    expect(headingSize(app)).to.be.closeTo((56 * 720) / 1080, 0.5);
  });

  it('the two larger text sizes in the settings grow every text', async () => {
    await setViewport({ width: 1920, height: 1080 });
    window.localStorage.setItem('dah.settings', JSON.stringify({ textSize: 'largest' }));
    try {
      await tvApi();
      const app = await openApp('/tv/record');
      expect(checkText(app, 32 * 1.4)).to.deep.equal([]);
      expect(headingSize(app)).to.be.closeTo(56 * 1.4, 0.5);
    } finally {
      window.localStorage.removeItem('dah.settings');
    }
  });

  it('the focus indicator is a thick ring, a scale and a colour change, not colour alone', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await tvApi();
    const app = await openApp('/tv/settings');
    const buttons = composedElements(app.shadowRoot!.querySelector('main')!).filter(
      (e): e is HTMLButtonElement => e.localName === 'button',
    );
    const [focused, other] = buttons as [HTMLButtonElement, HTMLButtonElement];
    focused.focus();
    await waitUntil(() => getComputedStyle(focused).outlineStyle === 'solid', 'focus style applied');
    const on = getComputedStyle(focused);
    const off = getComputedStyle(other);
    expect(parseFloat(on.outlineWidth)).to.be.at.least(4);
    expect(off.outlineStyle).to.equal('none');
    expect(on.transform).to.not.equal('none');
    expect(on.backgroundColor).to.not.equal(off.backgroundColor);
    expect(contrast(on.outlineColor, backgroundOf(app))).to.be.at.least(3);
  });
});
