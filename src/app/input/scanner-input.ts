import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A barcode/QR scanner in keyboard-wedge mode (the USB or serial scanners of health-station
 * kiosks) types what it read as key presses a few milliseconds apart, then Enter. The key router
 * feeds every key press to one `WedgeRecogniser` before any component sees it; a burst that starts
 * with the prefix a code must carry (a card's `DAH1:`) is taken whole and announced as a
 * `ScannedCodeEvent`, so its digits never reach a focused number pad and its Enter never presses a
 * button. A person typing (slower than `WEDGE_MAX_GAP_MS` between keys) or a remote (no letters)
 * never matches. Pure apart from the event and controller below: tested without a browser.
 */

/**
 * The longest pause between two keys of one burst. Wedge scanners send a key every 1-20 ms (the
 * inter-character delay most of them ship with is 0-10 ms); a person's keys are rarely under 80 ms
 * apart and never for 48 keys in a row, and a remote has no letters at all. Generous, for a slow
 * kiosk's busy event loop.
 */
export const WEDGE_MAX_GAP_MS = 100;

/** What the recogniser does with one key: leave it to the page, take it (part of a burst), or a whole code. */
export type WedgeVerdict = 'pass' | 'take' | { code: string };

const MODIFIERS = ['Shift', 'CapsLock'];

export class WedgeRecogniser {
  private buffer = '';
  private lastAt = 0;

  /**
   * prefix: what every code starts with (a stray key is never a code); maxLength: the longest code,
   * so a key held down or a runaway stream is dropped.
   */
  constructor(
    private readonly prefix: string,
    private readonly maxLength: number,
    private readonly maxGapMs = WEDGE_MAX_GAP_MS,
  ) {}

  /** Feeds one key press (KeyboardEvent.key) at a time in milliseconds (KeyboardEvent.timeStamp). */
  feed(key: string, at: number): WedgeVerdict {
    // Scanners hold Shift for capitals and ':' : that is part of the burst, not a break in it.
    if (MODIFIERS.includes(key)) return this.buffer ? 'take' : 'pass';
    if (this.buffer && at - this.lastAt > this.maxGapMs) this.buffer = '';
    this.lastAt = at;
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      return code.length > this.prefix.length ? { code } : 'pass';
    }
    if (key.length !== 1) {
      this.buffer = '';
      return 'pass';
    }
    const candidate = this.buffer + key;
    const matches =
      candidate.length <= this.prefix.length
        ? this.prefix.startsWith(candidate)
        : candidate.length <= this.maxLength;
    if (matches) {
      this.buffer = candidate;
      return 'take';
    }
    // Not a burst of ours: this key may still start one.
    this.buffer = '';
    if (this.prefix.startsWith(key)) {
      this.buffer = key;
      return 'take';
    }
    return 'pass';
  }
}

/** A whole code a scanner typed, dispatched on window by the key router (never by a component). */
export class ScannedCodeEvent extends Event {
  static readonly type = 'dah-scanned-code';
  constructor(readonly code: string) {
    super(ScannedCodeEvent.type);
  }
}

/**
 * A screen that accepts scanned codes (the kiosk's QR card) hears them through this controller
 * while it is connected, from the key router, as the call hears its keys (call-keys.ts).
 */
export class ScannerInput implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly onCode: (code: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener(ScannedCodeEvent.type, this.onScanned);
  }

  hostDisconnected(): void {
    window.removeEventListener(ScannedCodeEvent.type, this.onScanned);
  }

  private readonly onScanned = (event: Event) => this.onCode((event as ScannedCodeEvent).code);
}
