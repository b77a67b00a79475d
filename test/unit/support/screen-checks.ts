import { sendKeys } from '@web/test-runner-commands';
import { deepActiveElement, focusableElements } from '../../../src/app/input/spatial-navigation.js';

/** Checks of what a person sees: text size and contrast from computed styles, arrow reachability. */

/** Every element in the composed tree under `root`, shadow roots included. */
export function composedElements(root: Element | ShadowRoot): Element[] {
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

function luminance([r, g, b]: [number, number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.x contrast ratio of two computed colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(rgb(a)), luminance(rgb(b))].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The first opaque background behind an element, up the composed tree. */
export function backgroundOf(element: Element): string {
  for (let current: Element | null = element; current; current = composedParent(current)) {
    const background = getComputedStyle(current).backgroundColor;
    if (rgb(background)[3] > 0) return background;
  }
  return 'rgb(255, 255, 255)';
}

/** Visible text under `root` smaller than `minimumFontPx` or below 7:1 contrast, as readable lines. */
export function textProblems(root: Element | ShadowRoot, minimumFontPx: number): string[] {
  const problems: string[] = [];
  for (const element of composedElements(root)) {
    const text = ownText(element);
    const rect = element.getBoundingClientRect();
    if (!text || rect.width === 0 || rect.height === 0) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    if (size < minimumFontPx - 0.01) problems.push(`"${text}": font ${size.toFixed(1)} px`);
    const ratio = contrast(style.color, backgroundOf(element));
    if (ratio < 7) problems.push(`"${text}": contrast ${ratio.toFixed(2)}:1`);
  }
  return problems;
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));

/**
 * The focusable elements under `scope` that the arrow keys never reach from where focus is now.
 * `afterPress` sees each press and the element focused after it (to check it can be seen).
 */
export async function unreachedWithArrows(
  scope: Element,
  afterPress: (arrow: string, from: HTMLElement) => void = () => undefined,
): Promise<string[]> {
  const all = focusableElements(scope);
  const start = deepActiveElement() as HTMLElement;
  const reached = new Set<HTMLElement>([start]);
  const queue = [start];
  while (queue.length) {
    const from = queue.shift()!;
    for (const arrow of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']) {
      from.focus();
      await sendKeys({ press: arrow });
      await nextFrame();
      afterPress(arrow, from);
      const now = deepActiveElement() as HTMLElement;
      if (!reached.has(now)) {
        reached.add(now);
        queue.push(now);
      }
    }
  }
  return all.filter((element) => !reached.has(element)).map(describeElement);
}

/** An element as a failure message names it. */
export function describeElement(element: Element | null): string {
  if (!element) return 'nothing';
  return `<${element.localName}> "${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}"`;
}

interface LineBox {
  owner: Element;
  text: string;
  rect: { left: number; top: number; right: number; bottom: number };
}

type Clip = { left: number; top: number; right: number; bottom: number };

function intersect(a: Clip, b: Clip): Clip {
  return {
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom),
  };
}

/**
 * The visible line boxes of every text under `root`, composed tree (shadow roots included): one
 * rectangle per line of each text node (Range.getClientRects), cut to what scrolling and clipping
 * ancestors let show. Text that is not drawn (display none, visibility hidden, opacity 0 anywhere
 * above it) is left out, and so is anything `skip` names (the open dialog, checked on its own).
 */
export function textLineBoxes(root: Element | ShadowRoot, skip: (element: Element) => boolean = () => false) {
  const boxes: LineBox[] = [];
  const everywhere: Clip = { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity };
  const visit = (node: Node, clip: Clip) => {
    if (node instanceof Element) {
      if (skip(node) || node.localName === 'style' || node.localName === 'script') return;
      const style = getComputedStyle(node);
      if (style.display === 'none' || Number(style.opacity) === 0) return;
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        const rect = node.getBoundingClientRect();
        clip = intersect(clip, rect);
      }
      if (node.shadowRoot) {
        for (const child of node.shadowRoot.childNodes) visit(child, clip);
        // Light children show only where a slot places them; those are visited through the slot.
        return;
      }
      const children =
        node instanceof HTMLSlotElement && node.assignedNodes().length
          ? node.assignedNodes()
          : [...node.childNodes];
      for (const child of children) visit(child, clip);
      return;
    }
    if (node.nodeType !== Node.TEXT_NODE || !(node.textContent ?? '').trim()) return;
    const owner = node.parentElement ?? ((node.parentNode as ShadowRoot).host as Element);
    if (getComputedStyle(owner).visibility === 'hidden') return;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) {
      const rect = intersect(clip, line);
      if (rect.right - rect.left > 1 && rect.bottom - rect.top > 1)
        boxes.push({ owner, text: (node.textContent ?? '').trim(), rect });
    }
  };
  for (const child of root instanceof ShadowRoot ? [...root.childNodes] : [root]) visit(child, everywhere);
  return boxes;
}

/**
 * The same words drawn twice in one place, one face over the other: a Home tile's focused face
 * covers its plain face (ui/tile.ts; focus changes only the faces' opacity), so one is seen.
 */
function twins(a: LineBox, b: LineBox): boolean {
  if (a.text !== b.text) return false;
  const area = (r: Clip) => Math.max(0, r.right - r.left) * Math.max(0, r.bottom - r.top);
  return area(intersect(a.rect, b.rect)) >= 0.5 * Math.min(area(a.rect), area(b.rect));
}

/**
 * Pairs of visible text lines of different elements that lie over each other (issue 12 §4: the
 * key legend over a screen's text at the larger text sizes), as readable lines; [] when none.
 */
export function overlappingText(root: Element | ShadowRoot, skip?: (element: Element) => boolean): string[] {
  const boxes = textLineBoxes(root, skip).sort((a, b) => a.rect.top - b.rect.top);
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length && boxes[j]!.rect.top < a.rect.bottom - 1; j++) {
      const b = boxes[j]!;
      if (a.owner === b.owner || twins(a, b)) continue;
      const overlap = intersect(a.rect, b.rect);
      // A pixel of anti-aliasing where two line boxes touch is not text over text.
      if (overlap.right - overlap.left > 1 && overlap.bottom - overlap.top > 1)
        found.push(`"${a.text.slice(0, 30)}" and "${b.text.slice(0, 30)}"`);
    }
  }
  return found;
}
