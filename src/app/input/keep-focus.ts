import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement, focusableElements } from './spatial-navigation.js';

/** Nothing (or only a shadow host with nothing focused inside) holds focus. */
function focusLost(): boolean {
  const active = deepActiveElement();
  return !active || active === document.body || active === document.documentElement || !!active.shadowRoot;
}

/**
 * For a screen whose content changes while it is shown (a request fails, a place expires, the
 * next step replaces the buttons): when the focused element went away with the old content, focus
 * goes to the new content's [data-autofocus] element, else its first, instead of being lost until
 * the next key press. Arriving at a screen is the focus manager's job; this acts only once focus
 * has been inside the screen.
 */
export class KeepFocus implements ReactiveController {
  private held = false;
  private timer: number | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('focusin', this.onFocusIn);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusin', this.onFocusIn);
    window.clearTimeout(this.timer);
  }

  hostUpdated(): void {
    if (this.held && focusLost()) this.refocus(10);
  }

  private readonly onFocusIn = () => (this.held = true);

  /** Inner elements render a moment later: a few tries. */
  private refocus(tries: number): void {
    window.clearTimeout(this.timer);
    const root = this.host.shadowRoot;
    if (!root || !this.host.isConnected || !focusLost()) return;
    const candidates = focusableElements(root);
    const target = candidates.find((c) => c.hasAttribute('data-autofocus')) ?? candidates[0];
    if (target) target.focus();
    else if (tries > 0) this.timer = window.setTimeout(() => this.refocus(tries - 1), 30);
  }
}
