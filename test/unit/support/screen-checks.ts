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
