/**
 * A new version of the app, installed in the background by the service worker, is applied only at a
 * quiet moment (issue 18): never during a call, a ring, a reading being entered or a dialog (a
 * reminder) on screen. Until then it waits and asks again; when applied, a small notice says so.
 */
export interface QuietUpdateOptions {
  /** Whether the TV is at rest now (the app root knows the route, the ring and the dialogs). */
  quiet(): boolean;
  /** Tell the user, briefly, that the app is updating. */
  notify(): void;
  /** How often to ask again while busy. */
  recheckMs?: number;
}

export class QuietUpdate {
  private pending: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: QuietUpdateOptions) {}

  /** A new version waits; `apply` activates it (skip waiting, then the page reloads). */
  offer(apply: () => void): void {
    this.pending = apply;
    this.tryNow();
  }

  get waiting(): boolean {
    return this.pending !== null;
  }

  /** Also called by the app when something ends (a call, a dialog): often the quiet moment. */
  tryNow(): void {
    clearTimeout(this.timer);
    const apply = this.pending;
    if (!apply) return;
    if (!this.options.quiet()) {
      this.timer = setTimeout(() => this.tryNow(), this.options.recheckMs ?? 30_000);
      return;
    }
    this.pending = null;
    this.options.notify();
    apply();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
