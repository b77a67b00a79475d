/**
 * Spatial navigation through Lit shadow roots. The WICG polyfill, js-spatial-navigation and BBC
 * LRUD search with querySelectorAll and never enter shadow roots (shared/design/tv-ui.md), and
 * Norigin needs every element registered by hand; so this small module walks the composed tree
 * itself and picks the nearest element by geometry. docs/ARCHITECTURE.md says more.
 */
export type Direction = 'up' | 'down' | 'left' | 'right';

/** The focused element, looking into shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button, a[href], input, select, textarea, [tabindex]';

/** Focusable by its markup alone: the part of the test that no layout can change. */
function focusableByMarkup(element: Element): element is HTMLElement {
  return (
    element instanceof HTMLElement &&
    element.matches(FOCUSABLE) &&
    element.tabIndex >= 0 &&
    !(element as HTMLButtonElement).disabled
  );
}

/** Whether a measured element is drawn at all (display: none and empty elements are not). */
export function hasBox(rect: Box): boolean {
  return rect.right > rect.left && rect.bottom > rect.top;
}

/**
 * Walks the composed tree under `root` in order: shadow roots are entered, and slots yield what
 * is assigned to them (or their fallback content). `enter` sees every tree (the root and each
 * shadow root) as the walk enters it, `element` every element.
 */
function walkComposed(
  root: Element | ShadowRoot,
  element: (element: Element) => void,
  enter: (tree: Element | ShadowRoot) => void = () => undefined,
): void {
  const visit = (parent: Element | ShadowRoot) => {
    let children: ArrayLike<Element> = parent.children;
    if (parent instanceof HTMLSlotElement) {
      const assigned = parent.assignedElements({ flatten: true });
      if (assigned.length) children = assigned;
    }
    for (let i = 0; i < children.length; i += 1) {
      const child = children[i] as Element;
      element(child);
      // A host renders through its shadow root; its light children come back through slots.
      if (child.shadowRoot) {
        enter(child.shadowRoot);
        visit(child.shadowRoot);
      } else {
        visit(child);
      }
    }
  };
  const start = root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
  enter(start);
  visit(start);
}

/**
 * Every element that can take focus under `root`, in composed-tree order: shadow roots are
 * entered, and slots yield what is assigned to them (or their fallback content). Elements
 * without a box (display: none) are left out.
 */
export function focusableElements(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  walkComposed(root, (element) => {
    if (focusableByMarkup(element) && hasBox(element.getBoundingClientRect())) found.push(element);
  });
  return found;
}

/**
 * The focusable elements of a scope, walked once and then kept until the DOM under it changes:
 * the remote's arrow keys ask on every press, and a slow TV cannot afford the walk each time
 * (bench/focus-latency.ts). A MutationObserver on the scope and on every shadow root the walk
 * entered drops the lists when elements come or go or an attribute that decides focusability
 * changes; a custom element that was not yet defined (a lazily loaded screen) drops them when it
 * is, because its upgrade attaches a shadow root without any mutation. Geometry is not kept:
 * what has a box, and where, is measured on each press.
 */
export class FocusableCache {
  private lists = new WeakMap<Element | ShadowRoot, HTMLElement[]>();
  private readonly observed = new WeakSet<Node>();
  private readonly awaited = new Set<string>();
  private readonly observer = new MutationObserver(() => this.clear());

  /** The focusable elements under `root` in composed-tree order, with or without a box now. */
  get(root: Element | ShadowRoot): HTMLElement[] {
    // Mutations not yet delivered (made earlier in this same task) count too.
    if (this.observer.takeRecords().length) this.clear();
    let list = this.lists.get(root);
    if (!list) {
      list = this.walk(root);
      this.lists.set(root, list);
    }
    return list;
  }

  /** Forgets every list: the next get() walks again. */
  clear(): void {
    this.lists = new WeakMap();
  }

  private walk(root: Element | ShadowRoot): HTMLElement[] {
    const found: HTMLElement[] = [];
    // A root that is a host renders through its shadow root, but its own children are slotted in.
    if (root instanceof Element && root.shadowRoot) this.observe(root);
    walkComposed(
      root,
      (element) => {
        if (focusableByMarkup(element)) found.push(element);
        if (!element.shadowRoot) this.awaitDefinition(element);
      },
      (tree) => this.observe(tree),
    );
    return found;
  }

  /** Watches a tree (the walk's root or a shadow root) for what changes the walk's answer. */
  private observe(tree: Element | ShadowRoot): void {
    if (this.observed.has(tree)) return;
    this.observed.add(tree);
    this.observer.observe(tree, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['tabindex', 'disabled', 'href', 'slot', 'name'],
    });
  }

  private awaitDefinition(element: Element): void {
    const name = element.localName;
    // :defined also rules out the standard elements with a hyphen (SVG's font-face and kin).
    if (!name.includes('-') || this.awaited.has(name) || element.matches(':defined')) return;
    this.awaited.add(name);
    void customElements.whenDefined(name).then(() => {
      this.awaited.delete(name);
      this.clear();
    });
  }
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const OUTSIDE_BEAM = 1e6;

/** How far `to` lies from `from` in a direction, or null when it is not that way at all. */
export function distanceInDirection(from: Box, to: Box, direction: Direction): number | null {
  const fromX = (from.left + from.right) / 2;
  const fromY = (from.top + from.bottom) / 2;
  const toX = (to.left + to.right) / 2;
  const toY = (to.top + to.bottom) / 2;
  let ahead: boolean;
  let gap: number;
  let across: number;
  const horizontal = direction === 'left' || direction === 'right';
  switch (direction) {
    case 'right':
      ahead = toX > fromX + 1 && to.right > from.right;
      gap = Math.max(0, to.left - from.right);
      break;
    case 'left':
      ahead = toX < fromX - 1 && to.left < from.left;
      gap = Math.max(0, from.left - to.right);
      break;
    case 'down':
      ahead = toY > fromY + 1 && to.bottom > from.bottom;
      gap = Math.max(0, to.top - from.bottom);
      break;
    case 'up':
      ahead = toY < fromY - 1 && to.top < from.top;
      gap = Math.max(0, from.top - to.bottom);
      break;
  }
  if (!ahead) return null;
  // Sideways offset: zero when the two overlap across the direction of travel.
  if (horizontal) across = Math.max(0, Math.max(from.top, to.top) - Math.min(from.bottom, to.bottom));
  else across = Math.max(0, Math.max(from.left, to.left) - Math.min(from.right, to.right));
  const centres = Math.hypot(toX - fromX, toY - fromY);
  // Anything in the beam (overlapping across the direction of travel) beats anything outside it,
  // as Android's FocusFinder does: the eye expects straight ahead before diagonal.
  const outsideBeam = across > 0 ? OUTSIDE_BEAM : 0;
  return outsideBeam + gap + across * 3 + centres * 0.01;
}

/**
 * Android's FocusFinder.beamBeats, for up and down: being in the beam wins only up to a point. An
 * element out of the beam that lies wholly ahead of `from` and wholly before the nearest one in the
 * beam (a narrower control on the row in between, like a button on the left under a row of three)
 * is not jumped over for free; the two are weighed as FocusFinder does (13 × along² + across²).
 * Left and right keep the beam absolute, as FocusFinder does too.
 */
function beamLosesTo(from: Box, inside: Box, outside: Box, direction: Direction): boolean {
  if (direction === 'left' || direction === 'right') return false;
  const down = direction === 'down';
  const near = (to: Box) => (down ? to.top - from.bottom : from.top - to.bottom);
  const far = (to: Box) => (down ? to.bottom - from.bottom : from.top - to.top);
  // Wholly ahead of `from`, and ending before the element in the beam begins.
  if (near(outside) < 0 || near(inside) < far(outside)) return false;
  const centreX = (box: Box) => (box.left + box.right) / 2;
  const weighed = (to: Box) => 13 * near(to) ** 2 + (centreX(to) - centreX(from)) ** 2;
  return weighed(outside) < weighed(inside);
}

/** The nearest candidate in a direction from `from` and its box, or null when there is none. */
export function nearestWithBox<T extends { getBoundingClientRect(): Box }>(
  from: Box,
  candidates: readonly T[],
  direction: Direction,
  skip?: T,
): { element: T; rect: Box } | null {
  // The nearest in the beam and the nearest outside it, then FocusFinder's rule between the two.
  let inBeam: { element: T; rect: Box } | null = null;
  let outside: { element: T; rect: Box } | null = null;
  let inBeamDistance = Infinity;
  let outsideDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === skip) continue;
    // One measurement per candidate and press: layout is clean, so each is a lookup.
    const rect = candidate.getBoundingClientRect();
    if (!hasBox(rect)) continue;
    const distance = distanceInDirection(from, rect, direction);
    if (distance === null) continue;
    if (distance < OUTSIDE_BEAM) {
      if (distance < inBeamDistance) {
        inBeam = { element: candidate, rect };
        inBeamDistance = distance;
      }
    } else if (distance < outsideDistance) {
      outside = { element: candidate, rect };
      outsideDistance = distance;
    }
  }
  if (inBeam && outside && beamLosesTo(from, inBeam.rect, outside.rect, direction)) return outside;
  return inBeam ?? outside;
}
