import { waitUntil } from '@open-wc/testing';
import type { AppRoot } from '../../../src/app/app-root.js';
import type { VisitClock } from '../../../src/app/readings/kiosk/visit-clock.js';
import { nextFrame } from './app.js';
import { composedElements } from './screen-checks.js';

// A finger on the kiosk and the clock of its waits, for the readings suites (kiosk-readings,
// kiosk-visit, kiosk-outbox-shift, and the TV's readings suites for the outbox).

/** The first button on screen (through shadow roots) whose words start with `words`. */
export function button(app: AppRoot, words: string): HTMLButtonElement | null {
  return (
    (composedElements(app.shadowRoot!).find(
      (e) => e instanceof HTMLButtonElement && (e.textContent ?? '').replace(/\s+/g, '').startsWith(words),
    ) as HTMLButtonElement | undefined) ?? null
  );
}

/** A tap on the button whose words start with `words`, once it is there. */
export async function tap(app: AppRoot, words: string): Promise<void> {
  await waitUntil(() => button(app, words), `a button “${words}”`);
  button(app, words)!.click();
  await nextFrame();
}

/** Touch on the number pad: each digit's key, then 确定 when `ok`. */
export async function tapDigits(app: AppRoot, digits: string, ok = false): Promise<void> {
  for (const d of digits) {
    const key = composedElements(app.shadowRoot!).find(
      (e) => e instanceof HTMLButtonElement && e.dataset['key'] === d,
    ) as HTMLButtonElement;
    key.click();
    await nextFrame();
  }
  if (ok) await tap(app, '确定');
}

/** The device outbox's database removed: each test starts with nothing waiting to be sent. */
export function deleteOutbox(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('dah-outbox');
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * A clock the test moves on (readings/kiosk/visit-clock.ts): the rest, the minutes between
 * readings and the visit's idle minute pass at once, each timer in its turn.
 */
export class ManualClock implements VisitClock {
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private time = Date.now()) {}

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => (this.timers = this.timers.filter((t) => t.id !== id));
  }

  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
      await nextFrame();
    }
    this.time = end;
    await nextFrame();
  }
}
