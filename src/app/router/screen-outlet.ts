import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import type { Route } from './route.js';
import { routeDef } from './routes.js';

/**
 * Draws what the route registry resolves: the screen's element, loaded on first use, with its
 * path's parameters and its entry's properties set; one element per path, kept while the path
 * stays.
 */
export class ScreenOutlet {
  private screen: { path: string; element: HTMLElement } | null = null;

  /** Forgets the screen on show: the next render makes a new element (nothing of the old one's state). */
  clear(): void {
    this.screen = null;
  }

  render(route: Route | null, path: string) {
    const def = route ? routeDef(route) : undefined;
    if (!route || !def) return html`<p role="alert">${msg('没有这个页面。')}</p>`;
    // The TV's and the kiosk's call: the call layer (call/call-layer.ts) draws it.
    if (!def.tag) return nothing;
    if (this.screen?.path !== path) {
      void def.load?.();
      const { screen: _screen, surface: _surface, ...params } = route;
      const element = document.createElement(def.tag);
      // Strings as attributes, as a template would: an element upgraded when its module arrives
      // reads them before its connectedCallback (a property set before the upgrade only after).
      for (const [name, value] of Object.entries({ ...def.props, ...params })) {
        if (typeof value === 'string')
          element.setAttribute(
            name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
            value,
          );
        else Object.assign(element, { [name]: value });
      }
      this.screen = { path, element };
    }
    return this.screen.element;
  }
}
