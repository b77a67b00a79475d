// What a person sees on a screen of the TV or the kiosk, checked in the real app (end-to-end suites):
// focus inside it with a ring, 10-foot text sizes, axe-core with the AAA contrast rule, and a
// screenshot in artifacts/screens/<width>x<height>/ for people to look at.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/lib/paths.mjs';

export const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SCREENSHOTS = join(ROOT, 'artifacts', 'screens');

/**
 * axe-core into a page already loaded: the app's CSP (script-src 'self') refuses a script tag, but
 * the DevTools protocol's evaluation is not a script of the page. (Before a load: addInitScript.)
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync(AXE_SCRIPT, 'utf8'));
}

/** Design sizes at 1080p (shared/design/tv-ui.md, src/app/design/tokens.ts); they scale with the height. */
const MIN_BODY_PX = 32;
const MIN_HEADING_PX = 48;

const AXE_OPTIONS: RunOptions = {
  resultTypes: ['violations'],
  // tv-ui.md asks 7:1 for text, so the AAA contrast rule (off by default) runs as well.
  rules: { 'color-contrast-enhanced': { enabled: true } },
};

export interface Probe {
  /** The element inspected: the screen in <main>, or the open dialog. */
  tag: string | null;
  focused: string;
  focusInside: boolean;
  focusOutline: string;
  loading: boolean;
  fontsLoaded: boolean;
  headingPx: number[];
  smallestText: { px: number; text: string } | null;
}

/**
 * Runs in the page. Only anonymous arrows and loops: tsx compiles with keepNames, which wraps
 * named functions in a __name helper the page does not have (test/support/browser.ts).
 */
export const probe = (which: 'screen' | 'dialog'): Probe => {
  const root = document.querySelector('dah-app')?.shadowRoot;
  const target =
    (which === 'dialog'
      ? root?.querySelector('dah-dialog')
      : root?.querySelector('main')?.firstElementChild) ?? null;
  // The page helpers are in every page the suites open (contextSignedInAs, test/support/browser.ts).
  const active = window.__deepActive();
  let focusInside = false;
  for (
    let node: Node | null = active;
    node && target;
    node = node instanceof ShadowRoot ? node.host : node.parentNode
  ) {
    if (node === target) focusInside = true;
  }
  const activeStyle = active ? getComputedStyle(active) : null;
  // The ring: the focused element's outline, or the box-shadow of the part that focus shows: a
  // button's or focusable text's ::after plate (src/app/ui/focus-indicator.ts), a Home tile's
  // focused face.
  let focusRing = activeStyle ? `${activeStyle.outlineStyle} ${activeStyle.outlineWidth}` : 'none';
  if (active && activeStyle?.outlineStyle === 'none') {
    // Shown plates and faces are opaque to the eye but just under 1 (FOCUS_SHOWN_OPACITY).
    const plate = getComputedStyle(active, '::after');
    if (Number(plate.opacity) > 0.99 && plate.boxShadow !== 'none')
      focusRing = `box-shadow ${plate.boxShadow}`;
    for (const inner of Array.from(active.querySelectorAll('*'))) {
      const style = getComputedStyle(inner);
      if (Number(style.opacity) > 0.99 && style.boxShadow !== 'none')
        focusRing = `box-shadow ${style.boxShadow}`;
    }
  }
  const headingPx: number[] = [];
  let smallestText: Probe['smallestText'] = null;
  let loading = false;
  // Walk the composed tree under the target, shadow roots included.
  const pending: (Element | ShadowRoot)[] = target ? [target] : [];
  while (pending.length) {
    const parent = pending.pop()!;
    if (parent instanceof Element) {
      if (parent.shadowRoot) pending.push(parent.shadowRoot);
      if (parent.localName === 'dah-progress') loading = true;
      if (parent.localName === 'h1' && parent.getClientRects().length)
        headingPx.push(parseFloat(getComputedStyle(parent).fontSize));
    }
    for (const child of Array.from(parent.childNodes)) {
      if (child instanceof Element) {
        if (child.localName !== 'style' && child.localName !== 'script') pending.push(child);
        continue;
      }
      const text = child.nodeType === Node.TEXT_NODE ? (child.textContent ?? '').trim() : '';
      if (!text) continue;
      if (text.includes('正在加载')) loading = true;
      const element = parent instanceof ShadowRoot ? parent.host : parent;
      const style = getComputedStyle(element);
      if (!element.getClientRects().length || style.visibility === 'hidden') continue;
      const px = parseFloat(style.fontSize);
      if (!smallestText || px < smallestText.px) smallestText = { px, text };
    }
  }
  return {
    tag: target?.localName ?? null,
    focused: active ? `${active.localName}: ${(active.textContent ?? '').trim().slice(0, 40)}` : 'nothing',
    focusInside,
    focusOutline: focusRing,
    loading,
    fontsLoaded: document.fonts.status === 'loaded',
    headingPx,
    smallestText,
  };
};

/** Waits until the screen (or dialog) has rendered its content and holds the focus. */
export async function settled(page: Page, which: 'screen' | 'dialog', what: string): Promise<Probe> {
  const deadline = Date.now() + 15_000;
  let last: Probe;
  for (;;) {
    last = await page.evaluate(probe, which);
    const ready = last.tag?.includes('-') && last.focusInside && !last.loading && last.fontsLoaded;
    if (ready) break;
    if (Date.now() > deadline) assert.fail(`${what} did not settle: ${JSON.stringify(last)}`);
    await page.waitForTimeout(100);
  }
  // Let any focus transition finish before measuring and taking pictures.
  await page.waitForTimeout(200);
  return page.evaluate(probe, which);
}

export function checkSizes(t: TestContext, result: Probe, height: number, what: string, grow = 1): void {
  t.diagnostic(
    `focus on ${result.focused} (${result.focusOutline}); h1 ${result.headingPx.join(', ')}px; ` +
      `smallest text ${result.smallestText?.px}px ("${result.smallestText?.text}")`,
  );
  const scale = (height / 1080) * grow;
  const body = MIN_BODY_PX * scale - 0.05;
  const heading = MIN_HEADING_PX * scale - 0.05;
  assert.ok(result.headingPx.length > 0, `${what}: has a visible h1`);
  for (const px of result.headingPx)
    assert.ok(px >= heading, `${what}: h1 is ${px}px, needs ${heading.toFixed(1)}px`);
  assert.ok(result.smallestText, `${what}: shows text`);
  assert.ok(
    result.smallestText.px >= body,
    `${what}: "${result.smallestText.text}" is ${result.smallestText.px}px, body text needs ${body.toFixed(1)}px`,
  );
  assert.notEqual(
    result.focusOutline.split(' ')[0],
    'none',
    `${what}: the focused ${result.focused} shows a ring`,
  );
}

/**
 * The screen (or dialog) as it is now at `width`x`height`: settled, photographed as `shot`, and
 * checked (focus with a ring, 10-foot text grown by the text size's `grow`, axe-core). The page
 * is already at that size, with axe-core injected.
 */
export async function checkShown(
  t: TestContext,
  page: Page,
  which: 'screen' | 'dialog',
  { width, height }: { width: number; height: number },
  shot: string,
  grow = 1,
): Promise<void> {
  const what = `${shot} at ${width}x${height}`;
  const result = await settled(page, which, what);
  await screenshot(page, width, height, shot);
  checkSizes(t, result, height, what, grow);
  await expectNoAxeViolations(page, what);
}

interface AxeWindow {
  axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
}

/** axe-core over the whole page, open shadow roots included; the message lists every violation. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await page.evaluate(
    (options) => (window as unknown as AxeWindow).axe.run(document, options),
    AXE_OPTIONS,
  );
  const report = results.violations.map(
    (v) =>
      `  ${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes
        .map(
          (node) =>
            `    ${JSON.stringify(node.target)}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n'),
  );
  assert.equal(results.violations.length, 0, `${what}: axe-core found violations:\n${report.join('\n')}`);
}

export async function screenshot(page: Page, width: number, height: number, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, `${width}x${height}`);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

export const TEXT_SIZES = [
  { name: 'normal', grow: 1 },
  { name: 'large', grow: 1.2 },
  { name: 'largest', grow: 1.4 },
] as const;
