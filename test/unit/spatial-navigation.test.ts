import { expect, fixture, html } from '@open-wc/testing';
import { FocusManager } from '../../src/app/input/focus-manager.js';
import {
  FocusableCache,
  deepActiveElement,
  focusableElements,
  nearestWithBox,
  type Box,
  type Direction,
} from '../../src/app/input/spatial-navigation.js';

/** The element the geometry picks, without its box. */
function nearestInDirection<T extends { getBoundingClientRect(): Box }>(
  from: Box,
  candidates: T[],
  direction: Direction,
): T | null {
  return nearestWithBox(from, candidates, direction)?.element ?? null;
}

/** A component that renders buttons of its own and light-DOM children through a slot. */
class ShadowPanel extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `
      <button id="own-first">own first</button>
      <div><slot></slot></div>
      <slot name="empty"><button id="fallback">fallback</button></slot>
      <button id="own-disabled" disabled>disabled</button>
      <button id="own-hidden" style="display:none">hidden</button>
      <div id="unfocusable" tabindex="-1">not in the walk</div>`;
  }
}
customElements.define('test-shadow-panel', ShadowPanel);

const box = (left: number, top: number, width = 100, height = 100) => ({
  left,
  top,
  right: left + width,
  bottom: top + height,
  getBoundingClientRect() {
    return this;
  },
});

describe('spatial navigation', () => {
  it('finds focusable elements inside shadow roots and through slots, in composed order', async () => {
    const root = await fixture(
      html`<div>
        <button id="before">before</button>
        <test-shadow-panel>
          <button id="slotted">slotted</button>
          <test-shadow-panel id="nested"><button id="deep">deep</button></test-shadow-panel>
        </test-shadow-panel>
      </div>`,
    );
    const ids = focusableElements(root).map((element) => element.id);
    expect(ids).to.deep.equal([
      'before',
      'own-first',
      'slotted',
      'own-first',
      'deep',
      'fallback',
      'fallback',
    ]);
  });

  it('the deep active element is the focused element inside shadow roots', async () => {
    const root = await fixture(html`<test-shadow-panel><button id="slotted">x</button></test-shadow-panel>`);
    const own = root.shadowRoot!.querySelector<HTMLButtonElement>('#own-first')!;
    own.focus();
    expect(document.activeElement).to.equal(root);
    expect(deepActiveElement()).to.equal(own);
  });

  it('prefers the element straight ahead over a nearer one diagonally', () => {
    const from = box(0, 0);
    const straight = box(400, 0);
    const diagonal = box(150, 150);
    expect(nearestInDirection(from, [diagonal, straight], 'right')).to.equal(straight);
  });

  it('moves through a 3x2 tile grid the way the eye expects', () => {
    const tiles = [box(0, 0), box(200, 0), box(400, 0), box(0, 200), box(200, 200), box(400, 200)];
    const [a, b, c, d, e, f] = tiles;
    expect(nearestInDirection(a!, tiles, 'right')).to.equal(b);
    expect(nearestInDirection(b!, tiles, 'right')).to.equal(c);
    expect(nearestInDirection(c!, tiles, 'right')).to.equal(null);
    expect(nearestInDirection(b!, tiles, 'down')).to.equal(e);
    expect(nearestInDirection(f!, tiles, 'left')).to.equal(e);
    expect(nearestInDirection(d!, tiles, 'up')).to.equal(a);
    expect(nearestInDirection(a!, tiles, 'up')).to.equal(null);
    expect(nearestInDirection(a!, tiles, 'left')).to.equal(null);
  });

  it('from a wide element, down goes to the nearest one below, not one beside it', () => {
    const banner = box(0, 0, 600, 100);
    const beside = box(700, 20);
    const below = box(250, 200);
    expect(nearestInDirection(banner, [beside, below], 'down')).to.equal(below);
    expect(nearestInDirection(banner, [beside, below], 'right')).to.equal(beside);
  });

  it('down does not jump a narrower control on the row in between, but stays in its column past a far one', () => {
    // Android's FocusFinder.beamBeats: for up and down the beam wins only up to a point.
    const middle = box(300, 0, 200, 100);
    const leftButton = box(0, 200, 150, 80);
    const wideRow = box(0, 400, 800, 100);
    expect(nearestInDirection(middle, [wideRow, leftButton], 'down')).to.equal(leftButton);
    expect(nearestInDirection(leftButton, [wideRow, middle], 'down')).to.equal(wideRow);
    expect(nearestInDirection(wideRow, [middle, leftButton], 'up')).to.equal(leftButton);
    // A right column whose next card is near: a button far off in the left column, lying wholly
    // between the two cards, does not pull focus across the screen.
    const card = box(700, 0, 300, 300);
    const nextCard = box(700, 400, 300, 300);
    const farLeft = box(0, 320, 150, 60);
    expect(nearestInDirection(card, [farLeft, nextCard], 'down')).to.equal(nextCard);
    expect(nearestInDirection(nextCard, [farLeft, card], 'up')).to.equal(card);
    // Sideways the beam stays absolute.
    const straightAhead = box(900, 0);
    expect(nearestInDirection(box(0, 0), [box(150, 110, 50, 50), straightAhead], 'right')).to.equal(
      straightAhead,
    );
  });
});

/** A row of buttons in a shadow root, 100 px apart, as a screen of tiles renders them. */
class ShadowRow extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `
      <style>
        div { display: flex; }
        button { width: 80px; height: 80px; margin-right: 20px; }
      </style>
      <div>
        <button id="a">a</button><button id="b">b</button><button id="c">c</button>
      </div>
      <slot></slot>`;
  }
  button(id: string): HTMLButtonElement {
    return this.shadowRoot!.getElementById(id) as HTMLButtonElement;
  }
  get row(): HTMLElement {
    return this.shadowRoot!.querySelector('div')!;
  }
}
customElements.define('test-shadow-row', ShadowRow);

const ids = (elements: HTMLElement[]) => elements.map((element) => element.id);
const microtask = () => Promise.resolve();

describe('the focusable-element cache', () => {
  it('walks once and answers the same list until the DOM under it changes', async () => {
    const row = await fixture<ShadowRow>(html`<test-shadow-row></test-shadow-row>`);
    const cache = new FocusableCache();
    const first = cache.get(row);
    expect(ids(first)).to.deep.equal(['a', 'b', 'c']);
    expect(cache.get(row)).to.equal(first);
    // Geometry is not part of it: a style change that hides one leaves the list alone.
    row.button('b').style.display = 'none';
    await microtask();
    expect(cache.get(row)).to.equal(first);
  });

  it('sees elements added, removed or made unfocusable inside a shadow root, in the same task too', async () => {
    const row = await fixture<ShadowRow>(html`<test-shadow-row></test-shadow-row>`);
    const cache = new FocusableCache();
    expect(ids(cache.get(row))).to.deep.equal(['a', 'b', 'c']);
    const added = document.createElement('button');
    added.id = 'd';
    row.row.append(added);
    // Before the observer's callback has run: the records not yet delivered count.
    expect(ids(cache.get(row))).to.deep.equal(['a', 'b', 'c', 'd']);
    row.button('a').remove();
    await microtask();
    expect(ids(cache.get(row))).to.deep.equal(['b', 'c', 'd']);
    row.button('b').disabled = true;
    row.button('c').tabIndex = -1;
    expect(ids(cache.get(row))).to.deep.equal(['d']);
    row.row.insertBefore(row.button('c'), added);
    row.button('c').tabIndex = 0;
    expect(ids(cache.get(row))).to.deep.equal(['c', 'd']);
  });

  it('sees light-DOM children slotted in later, and a custom element defined after the walk', async () => {
    const row = await fixture<ShadowRow>(
      html`<test-shadow-row><test-late-panel></test-late-panel></test-shadow-row>`,
    );
    const cache = new FocusableCache();
    expect(ids(cache.get(row))).to.deep.equal(['a', 'b', 'c']);
    const slotted = document.createElement('button');
    slotted.id = 'slotted';
    row.append(slotted);
    expect(ids(cache.get(row))).to.deep.equal(['a', 'b', 'c', 'slotted']);
    // A lazily loaded screen: its element is in the DOM before its class, and the upgrade that
    // gives it a shadow root is no DOM mutation.
    customElements.define(
      'test-late-panel',
      class extends HTMLElement {
        constructor() {
          super();
          this.attachShadow({ mode: 'open' }).innerHTML = '<button id="late">late</button>';
        }
      },
    );
    await customElements.whenDefined('test-late-panel');
    await microtask();
    expect(ids(cache.get(row))).to.deep.equal(['a', 'b', 'c', 'late', 'slotted']);
  });
});

describe('the focus manager with its cache', () => {
  it('after the first key press, a new element is reachable and a removed or hidden one is never focused', async () => {
    const row = await fixture<ShadowRow>(html`<test-shadow-row></test-shadow-row>`);
    const focus = new FocusManager(() => row);
    row.button('a').focus();
    focus.move('right');
    expect(deepActiveElement()).to.equal(row.button('b'));

    // Removed after the cache was filled: right from b now goes past where c was.
    const c = row.button('c');
    const d = document.createElement('button');
    d.id = 'd';
    row.row.append(d);
    c.remove();
    focus.move('right');
    expect(deepActiveElement()).to.equal(d);

    // Hidden by style alone (no attribute the observer watches): skipped, measured per press.
    row.button('b').style.display = 'none';
    focus.move('left');
    expect(deepActiveElement()).to.equal(row.button('a'));
    row.button('b').style.display = '';
    row.row.append(c);
    focus.move('right');
    expect(deepActiveElement()).to.equal(row.button('b'));

    // Moved: the geometry of this press decides, not the order of the first walk.
    row.row.prepend(c);
    focus.move('left');
    expect(deepActiveElement()).to.equal(row.button('a'));
    focus.move('left');
    expect(deepActiveElement()).to.equal(c);
  });

  it('brings focus back instead of moving when the focused element lost its box', async () => {
    const row = await fixture<ShadowRow>(html`<test-shadow-row></test-shadow-row>`);
    const focus = new FocusManager(() => row);
    row.button('b').focus();
    focus.move('right');
    expect(deepActiveElement()).to.equal(row.button('c'));
    row.button('c').style.display = 'none';
    focus.move('left');
    expect(deepActiveElement()).to.equal(row.button('a'));
  });
});

describe('the focus manager keeps the focused element inside the visible band', () => {
  /** A list in a scroller (room below it, as a screen has), rows of a fractional height: their edges fall between pixels. */
  async function list() {
    const scroller = await fixture<HTMLElement>(
      html`<div style="height: 300px; box-sizing: border-box; overflow-y: auto; padding-bottom: 80px">
        ${[0, 1, 2, 3, 4, 5, 6, 7].map(
          (i) => html`<button style="display: block; width: 200px; height: 60.3px">row ${i}</button>`,
        )}
      </div>`,
    );
    return { scroller, rows: Array.from(scroller.querySelectorAll('button')) };
  }

  it('does not scroll for a row that ends a part of a pixel past the band (no scroll can move it)', async () => {
    const { scroller, rows } = await list();
    const row = rows[2] as HTMLButtonElement;
    const band = { top: 0, bottom: row.getBoundingClientRect().bottom - 0.4 };
    const focus = new FocusManager(
      () => scroller,
      () => scroller,
      () => band,
    );
    let scrolls = 0;
    row.scrollIntoView = () => (scrolls += 1);
    (rows[1] as HTMLButtonElement).focus();
    focus.move('down');
    expect(deepActiveElement()).to.equal(row);
    expect(scrolls, 'scrollIntoView calls').to.equal(0);
    expect(scroller.scrollTop).to.equal(0);
  });

  it('scrolls each row that is really outside the band wholly into it, down the list and back up', async () => {
    const { scroller, rows } = await list();
    const top = scroller.getBoundingClientRect().top;
    const band = { top: top + 10, bottom: top + 250 };
    const focus = new FocusManager(
      () => scroller,
      () => scroller,
      () => band,
    );
    // Wholly inside: scrolled by whole pixels, no row is left a fraction of one outside.
    const inside = (what: string) => {
      const rect = (deepActiveElement() as HTMLElement).getBoundingClientRect();
      expect(rect.top, `${what}: top`).to.be.at.least(band.top);
      expect(rect.bottom, `${what}: bottom`).to.be.at.most(band.bottom);
    };
    focus.focus(rows[1] as HTMLButtonElement);
    for (let i = 2; i < rows.length; i += 1) {
      focus.move('down');
      expect(deepActiveElement()).to.equal(rows[i]);
      inside(`row ${i}`);
    }
    expect(scroller.scrollTop, 'the list scrolled').to.be.greaterThan(150);
    for (let i = rows.length - 2; i >= 1; i -= 1) {
      focus.move('up');
      expect(deepActiveElement()).to.equal(rows[i]);
      inside(`back to row ${i}`);
    }
  });
});
