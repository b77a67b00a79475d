/**
 * The person at the screen pressed a key or touched it: announced once per key or touch by the key
 * router (key-router.ts, its one capture listener for both), to whoever keeps time against
 * idleness: the kiosk's idle sign-out (identity/kiosk-idle.ts), a self-service visit
 * (readings/kiosk/kiosk-visit.ts) and its screen. They subscribe here rather than each listening
 * to the window, so what counts as activity is decided in one place (tv-ui.md: one owner of input).
 * One per app, made by the app root and provided as `userActivityContext`.
 */
export class UserActivity {
  private readonly listeners = new Set<() => void>();

  /** Calls `fn` on each key or touch from now on; returns the function that stops it. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  /** The key router heard the person (a key, a card scanner's burst, a touch or a click). */
  announce(): void {
    for (const fn of [...this.listeners]) fn();
  }
}
