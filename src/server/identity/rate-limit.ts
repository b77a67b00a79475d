/**
 * Attempts counted per key ("login:dr-li-fang@10.0.0.7", "pin-device:dev-1", "speech:<session>")
 * in a fixed window. Past the limit the key is refused until its window ends.
 * In memory: one API process is the embedded default; a multi-node deployment moves this to Redis.
 */
export interface RateLimitRule {
  /** Attempts counted in one window (failures, where successes give theirs back). */
  maxFailures: number;
  windowMs: number;
}

interface Entry {
  count: number;
  windowStart: number;
  windowEnd: number;
}

/** What reserve() counted, to give back when the attempt turns out to be a success. */
export interface Reservation {
  readonly entries: readonly { key: string; windowStart: number }[];
}

/** Above this many keys, expired ones are swept on the next insert, so memory stays bounded by traffic. */
const SWEEP_ABOVE = 10_000;

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, rule: RateLimitRule): number {
    const entry = this.current(key);
    return entry && entry.count >= rule.maxFailures ? entry.windowEnd - this.now() : 0;
  }

  /**
   * Counts one attempt on every key before the slow check runs (a password hash, a PIN hash, a
   * speech synthesis), or refuses when any key is at its limit. Synchronous, so no other request
   * runs between the test and the count: however many arrive at once, at most maxFailures
   * checks run per key and window (OWASP Authentication Cheat Sheet: throttle per account and
   * address; the count must not race the check).
   */
  reserve(checks: readonly (readonly [string, RateLimitRule])[]): Reservation | { retryAfterMs: number } {
    const waitMs = Math.max(0, ...checks.map(([key, rule]) => this.retryAfter(key, rule)));
    if (waitMs > 0) return { retryAfterMs: waitMs };
    return {
      entries: checks.map(([key, rule]) => {
        const entry = this.entryFor(key, rule);
        entry.count += 1;
        return { key, windowStart: entry.windowStart };
      }),
    };
  }

  /** Gives back what reserve() counted (a success is not a failure), in the same window only. */
  refund(reservation: Reservation): void {
    for (const { key, windowStart } of reservation.entries) {
      const entry = this.current(key);
      if (entry && entry.windowStart === windowStart && entry.count > 0) entry.count -= 1;
    }
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private entryFor(key: string, rule: RateLimitRule): Entry {
    const existing = this.current(key);
    if (existing) return existing;
    if (this.entries.size >= SWEEP_ABOVE) this.sweep();
    const now = this.now();
    const entry = { count: 0, windowStart: now, windowEnd: now + rule.windowMs };
    this.entries.set(key, entry);
    return entry;
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() >= entry.windowEnd) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (now >= entry.windowEnd) this.entries.delete(key);
  }
}
