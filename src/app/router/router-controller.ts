import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { matchRoute, type Route } from './routes.js';

/**
 * Owns the address bar: matches the current path, follows Back/Forward (popstate) and
 * navigates with history entries so the remote's Back key walks back through screens.
 */
export class RouterController implements ReactiveController {
  route: Route | null = matchRoute(window.location.pathname);

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  navigate(path: string): void {
    if (path === window.location.pathname) return;
    window.history.pushState(null, '', path + window.location.search);
    this.update();
  }

  private readonly onPopState = () => this.update();

  private update(): void {
    this.route = matchRoute(window.location.pathname);
    this.host.requestUpdate();
  }
}

/** Screens ask the app root to navigate by dispatching this event (bubbles out of shadow roots). */
export class NavigateEvent extends Event {
  static readonly type = 'dah-navigate';
  constructor(readonly path: string) {
    super(NavigateEvent.type, { bubbles: true, composed: true });
  }
}
