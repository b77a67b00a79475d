import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The time, re-read once a minute while the host is connected, so "等了 3 分钟" stays true
 * without anyone touching the page. `onTick` runs after each minute (e.g. a quiet refetch).
 */
export class MinuteClock implements ReactiveController {
  /** Milliseconds since the epoch, as of the last tick. */
  now: number;
  private timer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onTick: () => void = () => undefined,
    private readonly read: () => number = Date.now,
    private readonly periodMs = 60_000,
  ) {
    this.now = read();
    host.addController(this);
  }

  hostConnected(): void {
    this.now = this.read();
    this.timer = window.setInterval(() => this.tick(), this.periodMs);
  }

  hostDisconnected(): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Re-reads the time and re-renders the host (the interval calls it; tests may too). */
  tick(): void {
    this.now = this.read();
    this.host.requestUpdate();
    this.onTick();
  }
}
