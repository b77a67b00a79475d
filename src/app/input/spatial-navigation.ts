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

function canTakeFocus(element: Element): element is HTMLElement {
  if (!(element instanceof HTMLElement) || !element.matches(FOCUSABLE) || element.tabIndex < 0) return false;
  if ((element as HTMLButtonElement).disabled) return false;
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

/**
 * Every element that can take focus under `root`, in composed-tree order: shadow roots are
 * entered, and slots yield what is assigned to them (or their fallback content).
 */
export function focusableElements(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (parent: Element | ShadowRoot) => {
    let children: Element[];
    if (parent instanceof HTMLSlotElement) {
      const assigned = parent.assignedElements({ flatten: true });
      children = assigned.length ? assigned : [...parent.children];
    } else {
      children = [...parent.children];
    }
    for (const child of children) {
      if (canTakeFocus(child)) found.push(child);
      // A host renders through its shadow root; its light children come back through slots.
      visit(child.shadowRoot ?? child);
    }
  };
  visit(root instanceof Element && root.shadowRoot ? root.shadowRoot : root);
  return found;
}

interface Box {
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

/** The nearest candidate in a direction from `from`, or null when there is none. */
export function nearestInDirection<T extends { getBoundingClientRect(): Box }>(
  from: Box,
  candidates: readonly T[],
  direction: Direction,
): T | null {
  let best: T | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = distanceInDirection(from, candidate.getBoundingClientRect(), direction);
    if (distance !== null && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
