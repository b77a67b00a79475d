/**
 * The time a self-service visit runs on (the rest, the minute between readings, the idle end):
 * injectable, so tests move it on instead of waiting real minutes.
 */
export interface VisitClock {
  now(): number;
  /** Calls `fn` after `ms`; returns the cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const realClock: VisitClock = {
  now: () => Date.now(),
  after: (ms, fn) => {
    const timer = window.setTimeout(fn, ms);
    return () => window.clearTimeout(timer);
  },
};
