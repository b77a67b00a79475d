/**
 * Failed sign-in attempts, counted per key ("account:dr-li-fang", "address:127.0.0.1",
 * "pin:staff-ma-li") in a fixed window. Past the limit the key is locked until the window ends.
 * In memory: one API process is the embedded default; a multi-node deployment moves this to Redis.
 */
export interface RateLimitRule {
  maxFailures: number;
  windowMs: number;
}

interface Entry {
  failures: number;
  windowStart: number;
}

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, rule: RateLimitRule): number {
    const entry = this.current(key, rule);
    return entry && entry.failures >= rule.maxFailures ? entry.windowStart + rule.windowMs - this.now() : 0;
  }

  recordFailure(key: string, rule: RateLimitRule): void {
    const entry = this.current(key, rule) ?? { failures: 0, windowStart: this.now() };
    entry.failures += 1;
    this.entries.set(key, entry);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, rule: RateLimitRule): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.windowStart >= rule.windowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
