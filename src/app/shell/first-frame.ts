/**
 * Runs `work` once the page has shown its first frames: two animation frames (the first draws the
 * screen, the focus manager puts focus on it before the second), then a task. Work that the first
 * screen does not need (the session features, the service worker's registration) waits for it, so a
 * slow TV's start is not longer by it (issue 18, cold start). A page that draws no frames (hidden)
 * runs it after `fallbackMs`.
 */
export function whenFirstFrameShown(work: () => void, fallbackMs = 2000): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    window.clearTimeout(fallback);
    work();
  };
  const fallback = window.setTimeout(run, fallbackMs);
  requestAnimationFrame(() => requestAnimationFrame(() => window.setTimeout(run, 0)));
}
