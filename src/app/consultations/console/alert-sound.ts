/** One tone: frequency (Hz), start and length (seconds from now). */
type Tone = readonly [frequency: number, start: number, length: number];

/** An urgent request: three rising two-tone pairs, about two seconds, hard to miss. */
const URGENT: readonly Tone[] = [0, 0.6, 1.2].flatMap((at): Tone[] => [
  [660, at, 0.22],
  [990, at + 0.25, 0.3],
]);

/** An invitation for a specialist: a single soft two-note chime. */
const CHIME: readonly Tone[] = [
  [784, 0, 0.25],
  [1047, 0.28, 0.45],
];

/**
 * Alert sounds made with WebAudio (no audio file to fetch or cache). Browsers start an
 * AudioContext only after the page has been clicked or typed in once: `unlock` is called on
 * the console's first gesture; until then `play` answers false, so the screen can say so.
 */
export class AlertSound {
  private context: AudioContext | null = null;

  /** From a click or key press: lets later alerts sound. */
  unlock(): void {
    const context = this.audio();
    if (context && context.state === 'suspended') void context.resume().catch(() => undefined);
  }

  /** Whether an alert would be heard now (false until the page has had a gesture). */
  get ready(): boolean {
    return this.context?.state === 'running';
  }

  /** Plays the alert; false when the browser keeps audio blocked or has no WebAudio. */
  async play(kind: 'urgent' | 'chime' = 'urgent'): Promise<boolean> {
    const context = this.audio();
    if (!context) return false;
    if (context.state !== 'running') {
      // Without a gesture the promise may never settle: do not wait for it.
      const resumed = context.resume().catch(() => undefined);
      await Promise.race([resumed, new Promise((resolve) => window.setTimeout(resolve, 200))]);
    }
    if (context.state !== 'running') return false;
    const gain = context.createGain();
    gain.gain.value = kind === 'urgent' ? 0.35 : 0.2;
    gain.connect(context.destination);
    for (const [frequency, start, length] of kind === 'urgent' ? URGENT : CHIME) {
      const oscillator = context.createOscillator();
      oscillator.type = kind === 'urgent' ? 'square' : 'sine';
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start(context.currentTime + start);
      oscillator.stop(context.currentTime + start + length);
    }
    return true;
  }

  private audio(): AudioContext | null {
    if (!this.context && typeof AudioContext === 'function') this.context = new AudioContext();
    return this.context;
  }
}

/** The console's one alert sound (the queue and the invitations list share it). */
export const alertSound = new AlertSound();
