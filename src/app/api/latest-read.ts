export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * The one rule for applying reads of something that also changes here (a pushed item, an answer,
 * a join): only the latest read's answer is applied; a read overtaken by a later one resolves
 * when that one has settled; a read overtaken by a change made here meanwhile is either dropped
 * (the change is newer) or read again (the change may be only part of the news).
 */
export class LatestRead<T> {
  private reads = 0;
  private changes = 0;
  private latest: Promise<void> = Promise.resolve();

  constructor(
    private readonly read: () => Promise<T>,
    private readonly apply: (outcome: ReadOutcome<T>) => void,
    private readonly overtakenByChange: 'drop' | 'read-again',
  ) {}

  /** A change made here: any read under way is older than it. */
  changed(): void {
    this.changes += 1;
  }

  /** Reads now; resolves once what is known is the latest read's. */
  refresh(): Promise<void> {
    this.latest = this.run(++this.reads);
    return this.latest;
  }

  private async run(read: number): Promise<void> {
    for (;;) {
      const changes = this.changes;
      let outcome: ReadOutcome<T>;
      try {
        outcome = { ok: true, value: await this.read() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (read !== this.reads) return this.latest;
      if (changes !== this.changes) {
        if (this.overtakenByChange === 'read-again') continue;
        return;
      }
      this.apply(outcome);
      return;
    }
  }
}
