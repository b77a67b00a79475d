import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { AppRoot } from '../../src/app/app-root.js';
import { FOCUS_SHOWN_OPACITY } from '../../src/app/ui/focus-indicator.js';
import type { Tile } from '../../src/app/ui/tile.js';
import { spokenLabel } from '../../src/app/voice/voice-guide.js';
import { TV_SCREENS } from '../../src/app/router/routes.js';
import { openApp, tvApi } from './support/app.js';
import { backgroundOf, composedElements, contrast, textProblems } from './support/screen-checks.js';

const SCREENS = ['/tv', ...TV_SCREENS.map((screen) => `/tv/${screen}`)];

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
      expect(textProblems(app.shadowRoot!, 32)).to.deep.equal([]);
      expect(headingSize(app)).to.be.at.least(48);
    });
  }

  it('at 1280x720 the same layout scales down in proportion', async () => {
    await setViewport({ width: 1280, height: 720 });
    await tvApi();
    const app = await openApp('/tv/record');
    expect(textProblems(app.shadowRoot!, (32 * 720) / 1080)).to.deep.equal([]);
    expect(headingSize(app)).to.be.closeTo((56 * 720) / 1080, 0.5);
  });

  it('the two larger text sizes in the settings grow every text', async () => {
    await setViewport({ width: 1920, height: 1080 });
    window.localStorage.setItem('dah.settings', JSON.stringify({ textSize: 'largest' }));
    try {
      await tvApi();
      const app = await openApp('/tv/record');
      expect(textProblems(app.shadowRoot!, 32 * 1.4)).to.deep.equal([]);
      expect(headingSize(app)).to.be.closeTo(56 * 1.4, 0.5);
    } finally {
      window.localStorage.removeItem('dah.settings');
    }
  });

  /** Shown: opaque to the eye (focus-indicator.ts shows plates at just under 1). */
  const opaque = (opacity: string) => Number(opacity) >= FOCUS_SHOWN_OPACITY;

  /** A focus indicator's gap and ring: the two outer spreads of its box-shadow. */
  function ringOf(boxShadow: string) {
    const rings = [...boxShadow.matchAll(/(rgba?\([^)]+\)) 0px 0px 0px ([\d.]+)px(?! inset)/g)];
    const [gap, ring] = rings.map(([, colour, spread]) => ({ colour: colour!, spread: Number(spread) }));
    return { gap: gap!, ring: ring! };
  }

  it('a button shows focus as a tile does: its plate (ring, gap, background) on a layer of its own, and no outline', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await tvApi();
    const app = await openApp('/tv/settings');
    const buttons = composedElements(app.shadowRoot!.querySelector('main')!).filter(
      (e): e is HTMLButtonElement => e.localName === 'button',
    );
    const [focused, other] = buttons as [HTMLButtonElement, HTMLButtonElement];
    focused.focus();
    await waitUntil(() => opaque(getComputedStyle(focused, '::after').opacity), 'focused plate shown');
    const on = getComputedStyle(focused);
    const off = getComputedStyle(other);
    const plate = getComputedStyle(focused, '::after');
    expect(getComputedStyle(other, '::after').opacity).to.equal('0');
    // Only the plate's opacity changes on focus: no outline, no colour, size or layer of the
    // button itself (each of those repaints or re-layerizes on every press).
    expect(on.outlineStyle).to.equal('none');
    expect(on.color).to.equal(off.color);
    expect(on.backgroundColor).to.equal(off.backgroundColor);
    expect(on.transform).to.equal('none');
    expect(on.willChange).to.equal('auto');
    expect(plate.willChange).to.equal('opacity');
    // Shown opaque to the eye, but not at exactly 1: a change to or from 1 re-layerizes the page.
    expect(Number(plate.opacity)).to.equal(FOCUS_SHOWN_OPACITY);
    // The ring: a gap in the page's colour, then at least 4 px of the ring colour, 3:1 against the page.
    const { gap, ring } = ringOf(plate.boxShadow);
    expect(ring.spread - gap.spread).to.be.at.least(4);
    expect(contrast(ring.colour, backgroundOf(app))).to.be.at.least(3);
    // A background change under the label, which keeps 7:1 with it; the plate says nothing.
    expect(plate.backgroundColor).to.not.equal(off.backgroundColor);
    expect(contrast(on.color, plate.backgroundColor)).to.be.at.least(7);
    expect(plate.content).to.equal('""');
    expect(spokenLabel(focused).trim()).to.equal(focused.textContent!.trim());
  });

  /**
   * Every visible button and focusable text under `root` (Home's tiles aside, they have their own
   * faces) has the shared focus plate, shown only when focused, with a ring; a button's plate keeps
   * 7:1 with every text colour in it.
   */
  function focusPlateProblems(root: ShadowRoot): { count: number; problems: string[] } {
    const focusable = composedElements(root).filter(
      (e): e is HTMLElement =>
        e instanceof HTMLElement &&
        (e.localName === 'button' || e.hasAttribute('tabindex')) &&
        e.getClientRects().length > 0 &&
        !(e.getRootNode() as ShadowRoot).host?.matches('dah-tile'),
    );
    const problems: string[] = [];
    for (const element of focusable) {
      const plate = getComputedStyle(element, '::after');
      const what = `${element.localName} "${(element.textContent ?? '').trim().slice(0, 30)}"`;
      // Shown on the focused element only.
      const shown = element.matches(':focus') ? opaque(plate.opacity) : plate.opacity === '0';
      if (plate.content !== '""' || !shown) problems.push(`${what}: no focus plate`);
      if (!/0px 0px 0px [\d.]+px/.test(plate.boxShadow)) problems.push(`${what}: no ring`);
      if (element.localName !== 'button') continue;
      const colours = [element, ...composedElements(element)]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => getComputedStyle(e).color);
      for (const colour of colours) {
        const ratio = contrast(colour, plate.backgroundColor);
        if (ratio < 7)
          problems.push(`${what}: ${colour} on ${plate.backgroundColor} is ${ratio.toFixed(2)}:1`);
      }
    }
    return { count: focusable.length, problems };
  }

  for (const path of [...SCREENS, '/tv/readings']) {
    it(`${path}: every button's focused plate keeps 7:1 with its label, and focusable text gets a ring`, async () => {
      await setViewport({ width: 1280, height: 720 });
      await tvApi();
      const app = await openApp(path);
      const { count, problems } = focusPlateProblems(app.shadowRoot!);
      expect(count).to.be.greaterThan(0);
      expect(problems).to.deep.equal([]);
    });
  }

  it('a dialog (Back on Home: leave?) has the same focus plate on its buttons, its primary one light', async () => {
    await setViewport({ width: 1280, height: 720 });
    await tvApi();
    const app = await openApp('/tv');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => app.shadowRoot!.querySelector('dah-dialog'), 'leave dialog');
    const dialog = app.shadowRoot!.querySelector('dah-dialog')!;
    await waitUntil(() => dialog.shadowRoot!.activeElement?.localName === 'button', 'dialog button focused');
    const { count, problems } = focusPlateProblems(dialog.shadowRoot!);
    expect(count).to.equal(2);
    expect(problems).to.deep.equal([]);
    const focused = dialog.shadowRoot!.activeElement as HTMLButtonElement;
    expect(focused.classList.contains('primary')).to.equal(true);
    await waitUntil(() => opaque(getComputedStyle(focused, '::after').opacity), 'plate shown');
    expect(getComputedStyle(focused, '::after').backgroundColor).to.equal('rgb(255, 213, 74)');
  });

  it('a Home tile shows focus the same way: its focused face (ring, accent colours, scaled up)', async () => {
    await setViewport({ width: 1920, height: 1080 });
    await tvApi();
    const app = await openApp('/tv');
    const tiles = composedElements(app.shadowRoot!.querySelector('main')!).filter(
      (e): e is Tile => e.localName === 'dah-tile',
    );
    const parts = (tile: Tile) => {
      const button = tile.shadowRoot!.querySelector('button')!;
      const [plain, focused] = Array.from(button.querySelectorAll<HTMLElement>('.face')) as [
        HTMLElement,
        HTMLElement,
      ];
      return { button, plain, focused };
    };
    const on = parts(tiles[1]!);
    const off = parts(tiles[2]!);
    on.button.focus();
    await waitUntil(() => opaque(getComputedStyle(on.focused).opacity), 'focused face shown');
    expect(getComputedStyle(off.focused).opacity).to.equal('0');
    const face = getComputedStyle(on.focused);
    // Larger than the tile: the scale.
    expect(on.focused.getBoundingClientRect().width).to.be.greaterThan(
      on.button.getBoundingClientRect().width,
    );
    expect(face.backgroundColor).to.not.equal(getComputedStyle(on.plain).backgroundColor);
    // The ring: a gap in the page's colour, then at least 4 px of the ring colour (a box-shadow
    // rather than an outline: it is drawn with the face, on the face's own layer).
    const rings = [...face.boxShadow.matchAll(/(rgba?\([^)]+\)) 0px 0px 0px ([\d.]+)px/g)];
    const [gap, ring] = rings.map(([, colour, spread]) => ({ colour: colour!, spread: Number(spread) }));
    expect(ring!.spread - gap!.spread).to.be.at.least(4);
    expect(contrast(ring!.colour, backgroundOf(app))).to.be.at.least(3);
    // Both faces' text passes 7:1 on its own background; each face says the same, once to the ear.
    expect(contrast(face.color, face.backgroundColor)).to.be.at.least(7);
    expect(on.focused.getAttribute('aria-hidden')).to.equal('true');
    expect(spokenLabel(on.button).trim()).to.equal(tiles[1]!.label);
  });
});
