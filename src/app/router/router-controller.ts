import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LeaveScreenEvent } from './events.js';
import { matchRoute, parentOf, type Route } from './routes.js';

interface HistoryState {
  /** How many entries of this app lie behind this one. */
  depth: number;
  /** The path this entry was opened from. */
  from?: string;
  /** The session generation the entry belongs to (see `reset`). */
  generation?: number;
}

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

  /** Entries made before the last `reset` lead there instead of where they were. */
  private generation = 0;
  private resetPath: string | null = null;

  navigate(path: string): void {
    if (path === window.location.pathname) return;
    const state: HistoryState = {
      depth: this.state().depth + 1,
      from: window.location.pathname,
      generation: this.generation,
    };
    window.history.pushState(state, '', path);
    this.update();
  }

  /**
   * Up one level to the screen's parent, never out of the app. When we came from the parent this
   * is a history step back; otherwise (a deep link, or another screen led here) the entry is
   * replaced, so Home is never more than one Back away from any screen below it.
   * False when already at the top.
   */
  up(): boolean {
    const parent = this.route ? parentOf(this.route) : null;
    if (parent === null) return false;
    const { depth, from } = this.state();
    if (depth > 0 && from === parent) {
      window.history.back();
    } else {
      window.history.replaceState({ depth: Math.max(0, depth - 1) }, '', parent);
      this.update();
    }
    return true;
  }

  /**
   * A shared kiosk's person left (the nurse's idle sign-out, a self-service visit's end): the
   * current entry becomes `path`, and every entry made before leads there too when Back or
   * Forward reaches it, so no resident's screen is one Back away from the next person.
   */
  reset(path: string): void {
    this.generation += 1;
    this.resetPath = path;
    window.history.replaceState({ depth: 0, generation: this.generation } satisfies HistoryState, '', path);
    this.update();
  }

  private state(): HistoryState {
    const state = window.history.state as Partial<HistoryState> | null;
    return { depth: state?.depth ?? 0, from: state?.from };
  }

  /**
   * A history step back the app did not ask for (webOS sends its Back key as one unless the app
   * opts out; a browser's Back button) goes through the screen first: one that must not be left
   * without a question (a call) cancels it, and the entry it was on comes back.
   */
  private readonly onPopState = () => {
    if (!window.dispatchEvent(new LeaveScreenEvent())) {
      window.history.pushState(this.shown.state, '', this.shown.path);
      return;
    }
    if (this.resetPath !== null && (this.state().generation ?? 0) < this.generation) {
      window.history.replaceState(
        { depth: 0, generation: this.generation } satisfies HistoryState,
        '',
        this.resetPath,
      );
    }
    this.update();
  };

  /** The entry on screen, to put back when leaving it is refused. */
  private shown = { path: window.location.pathname, state: window.history.state as unknown };

  private update(): void {
    this.shown = { path: window.location.pathname, state: window.history.state as unknown };
    this.route = matchRoute(this.shown.path);
    this.host.requestUpdate();
  }
}
