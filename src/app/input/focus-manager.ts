import {
  FocusableCache,
  deepActiveElement,
  distanceInDirection,
  hasBox,
  nearestWithBox,
  type Box,
  type Direction,
} from './spatial-navigation.js';

/** The part of the viewport where a focused element must sit whole, in viewport pixels. */
export interface VisibleBand {
  top: number;
  bottom: number;
}

/** Which screen a press is on, for the focus it should get back; asked only when it is needed. */
export type ScreenKey = string | (() => string) | undefined;

const keyOf = (screenKey: ScreenKey) => (typeof screenKey === 'function' ? screenKey() : screenKey);

/**
 * How far (CSS px) an element's box may reach past the visible band and still count as inside,
 * with no scrolling. Layout is fractional but a scroller's offset moves in whole pixels at a TV's
 * 1x scale: the appointments screen's visit row ended 0.016 px under the key legend, and every
 * press onto it ran scrollIntoView and a scrollBy that rounded to nothing (bench/focus-trace.ts).
 * Where we do scroll, it is by whole pixels, so the element ends fully inside; this covers a
 * sliver that no scroll can remove (a list's end). The placement tests allow the same pixel
 * (test/unit/tv-navigation.test.ts), and the ring is drawn outside the box anyway.
 */
export const BAND_TOLERANCE_PX = 1;

/** Inside the title-safe margins: 5% top and bottom (shared/design/tv-ui.md). */
function titleSafeBand(): VisibleBand {
  return { top: window.innerHeight * 0.05, bottom: window.innerHeight * 0.95 };
}

/** Whole inside the band, give or take a part of a pixel that no scroll can move. */
function insideBand(rect: Box, band: VisibleBand): boolean {
  return rect.top >= band.top - BAND_TOLERANCE_PX && rect.bottom <= band.bottom + BAND_TOLERANCE_PX;
}

/**
 * The nearest ancestor (composed tree) that scrolls vertically, else the window: on the TV and the
 * kiosk the content area ends above the key legend and scrolls by itself (shell/chrome.ts).
 */
function scrollContainerOf(element: Element): Element | Window {
  for (let node: Node | null = element.parentNode; node;) {
    if (node instanceof ShadowRoot) {
      node = node.host;
      continue;
    }
    if (!(node instanceof Element)) break;
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) return node;
    node = node.parentNode;
  }
  return window;
}

/**
 * The one owner of focus. Exactly one element is focused at any time, always visible: arrows
 * move it by geometry within the current scope (the open dialog, else the screen); each screen
 * gets back the element it had when you return; focus that went missing (its element was
 * removed, a screen re-rendered) comes back before the next key press acts.
 */
export class FocusManager {
  private readonly memory = new Map<string, { key: string | null; index: number }>();
  private settleTimer: number | undefined;
  private settleFrame = 0;
  /** A key or a touch since the screen arrived: its focus is the person's, not ours to move. */
  private movedSinceSettle = false;
  /** The scopes' focusable elements, walked once per change of their DOM, not once per key. */
  private readonly focusables = new FocusableCache();

  /**
   * `scope`: where arrows move now (the top dialog, else the whole surface: status bar and screen).
   * `screen`: where focus lands on arriving at a screen (the top dialog, else the screen itself).
   */
  constructor(
    private readonly scope: () => Element | null,
    private readonly screen: () => Element | null = scope,
    private readonly visibleBand: () => VisibleBand = titleSafeBand,
  ) {}

  /**
   * Any key or touch after a screen arrived (digits typed into a number pad, a tap) is the person
   * taking over: a remembered element must not take focus back from them. Told by the key router,
   * the one owner of input (input/key-router.ts), before any component handles the press.
   */
  personTookOver(): void {
    this.movedSinceSettle = true;
  }

  /**
   * The focusable elements of the current scope, in composed-tree order, including any that have
   * no box at the moment (each press measures them).
   */
  candidates(): HTMLElement[] {
    const scope = this.scope();
    return scope ? this.focusables.get(scope) : [];
  }

  /** The focusable elements under the screen (see `screen`) that have a box now. */
  private screenCandidates(): HTMLElement[] {
    const screen = this.screen();
    return screen ? this.focusables.get(screen).filter((c) => hasBox(c.getBoundingClientRect())) : [];
  }

  /** The focused element if it belongs to the current scope. */
  current(candidates = this.candidates()): HTMLElement | null {
    const active = deepActiveElement();
    return active instanceof HTMLElement && candidates.includes(active) ? active : null;
  }

  /** The focused element of the scope and its box; null when focus is missing or its element has no box. */
  private focused(candidates: HTMLElement[]): { element: HTMLElement; rect: Box } | null {
    const element = this.current(candidates);
    if (!element) return null;
    const rect = element.getBoundingClientRect();
    return hasBox(rect) ? { element, rect } : null;
  }

  /**
   * An arrow: to the nearest element that way. With nothing focused, the press brings focus back
   * (to where it was on this screen) instead. No tree walk and one measurement per candidate per
   * press: this runs on every key of a slow TV (bench/focus-latency.ts).
   */
  move(direction: Direction, screenKey?: ScreenKey): void {
    this.movedSinceSettle = true;
    const candidates = this.candidates();
    const from = this.focused(candidates);
    if (!from) return this.bringBack(screenKey, candidates);
    const next = nearestWithBox(from.rect, candidates, direction, from.element);
    if (next) this.focus(next.element, next.rect);
  }

  /** ChannelUp/Down: about one screenful in a long list. */
  page(direction: 'up' | 'down', screenKey?: ScreenKey): void {
    this.movedSinceSettle = true;
    const candidates = this.candidates();
    const current = this.focused(candidates);
    if (!current) return this.bringBack(screenKey, candidates);
    const from = current.rect;
    let target: { element: HTMLElement; rect: Box } | null = null;
    let farthest = -1;
    for (const candidate of candidates) {
      const rect = candidate.getBoundingClientRect();
      if (!hasBox(rect)) continue;
      const distance = distanceInDirection(from, rect, direction);
      const travel = direction === 'down' ? rect.top - from.top : from.top - rect.top;
      if (distance !== null && travel <= window.innerHeight * 0.8 && travel > farthest) {
        target = { element: candidate, rect };
        farthest = travel;
      }
    }
    if (target) this.focus(target.element, target.rect);
  }

  /**
   * Focuses an element and keeps it whole inside the visible band: clear of the safe-area margins
   * and anything fixed at the edges (WCAG 2.4.11 focus not obscured). Both are measured before
   * focusing (`rect` when the caller has just measured it), so an element already in view costs
   * no forced layout after the focus styles change; the scrolling is ours, hence preventScroll.
   */
  focus(element: HTMLElement, rect: Box = element.getBoundingClientRect()): void {
    const band = this.visibleBand();
    element.focus({ preventScroll: true });
    if (insideBand(rect, band)) return;
    // Into view within any scrolling container first, then clear of the band's edges, by whole
    // pixels (a fraction would be rounded away and leave the element a sliver outside).
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const moved = element.getBoundingClientRect();
    const scroller = scrollContainerOf(element);
    if (moved.bottom > band.bottom)
      scroller.scrollBy(0, Math.ceil(Math.min(moved.bottom - band.bottom, moved.top - band.top)));
    else if (moved.top < band.top) scroller.scrollBy(0, Math.floor(moved.top - band.top));
  }

  /** Puts focus back into the scope when it is missing; returns true when it had to. */
  ensureFocus(screenKey?: ScreenKey): boolean {
    const candidates = this.candidates();
    if (this.focused(candidates)) return false;
    this.bringBack(screenKey, candidates);
    return true;
  }

  /** Focus went missing: back to where it was on this screen, else the scope's first element. */
  private bringBack(screenKey: ScreenKey, candidates: HTMLElement[]): void {
    this.restore(this.screenCandidates(), keyOf(screenKey));
    if (!this.focused(candidates))
      this.focusFirst(candidates.filter((c) => hasBox(c.getBoundingClientRect())));
  }

  private restore(candidates: HTMLElement[], screenKey?: string): void {
    const remembered = screenKey ? this.memory.get(screenKey) : undefined;
    const byKey = remembered?.key
      ? candidates.find((c) => c.dataset['focusKey'] === remembered.key)
      : undefined;
    const target =
      byKey ?? (remembered ? candidates[Math.min(remembered.index, candidates.length - 1)] : undefined);
    if (target) this.focus(target);
    else this.focusFirst(candidates);
  }

  /**
   * Notes where focus is on a screen, by its data-focus-key or its position among the screen's
   * elements (the list restore() picks from).
   */
  remember(screenKey: string): void {
    const current = this.current();
    if (!current) return;
    this.memory.set(screenKey, {
      key: current.dataset['focusKey'] ?? null,
      index: this.screenCandidates().indexOf(current),
    });
  }

  /**
   * Arriving at a screen: focus goes into it, to the element it had when we left or its first.
   * Its content may arrive later (data loading), so keep trying for a few seconds: the element
   * remembered there wins over what the screen focused itself, until an arrow is pressed. Until
   * then focus stays where it was, never on body.
   */
  settle(screenKey: string, timeoutMs = 3000): void {
    window.clearTimeout(this.settleTimer);
    cancelAnimationFrame(this.settleFrame);
    const deadline = Date.now() + timeoutMs;
    const wanted = this.memory.get(screenKey)?.key ?? null;
    this.movedSinceSettle = false;
    const attempt = () => {
      const candidates = this.screenCandidates();
      const active = deepActiveElement();
      // The element remembered on this screen comes back as soon as it is there, even when the
      // screen's content arrives later (a resident list read from the API; issue 17: Back from a
      // resident's consult screen returns to the card that opened it), unless an arrow moved on.
      const remembered = wanted ? candidates.find((c) => c.dataset['focusKey'] === wanted) : undefined;
      if (remembered) {
        if (active !== remembered && !this.movedSinceSettle) this.focus(remembered);
        return;
      }
      const settled = active instanceof HTMLElement && candidates.includes(active);
      if (!settled) {
        if (candidates.length) this.restore(candidates, screenKey);
        else this.ensureFocus(screenKey);
      }
      const waitForRemembered = wanted !== null && !this.movedSinceSettle;
      if ((waitForRemembered || !candidates.length) && Date.now() < deadline)
        this.settleTimer = window.setTimeout(attempt, 50);
    };
    // The first try just before the next frame is drawn: the screen's elements have rendered by
    // then (their updates are microtasks), so that frame shows the screen with its focus, one style
    // and layout pass instead of a frame without focus and another with it (issue 18: a slow TV's
    // cold start, bench/profile-cold-start.ts). A page that draws no frames (hidden) tries by the timer.
    const first = () => {
      window.clearTimeout(this.settleTimer);
      cancelAnimationFrame(this.settleFrame);
      attempt();
    };
    this.settleFrame = requestAnimationFrame(first);
    this.settleTimer = window.setTimeout(first, 100);
  }

  private focusFirst(candidates: HTMLElement[]): void {
    const first = candidates.find((c) => c.hasAttribute('data-autofocus')) ?? candidates[0];
    if (first) this.focus(first);
  }
}
