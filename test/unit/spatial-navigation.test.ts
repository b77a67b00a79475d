import { expect, fixture, html } from '@open-wc/testing';
import {
  deepActiveElement,
  focusableElements,
  nearestInDirection,
} from '../../src/app/input/spatial-navigation.js';

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
});
