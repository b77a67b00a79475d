/**
 * The ringtone of an incoming call, made with WebAudio (nothing to download, works offline): two
 * short rising beeps every two seconds, loud enough to hear from the next room, with soft edges
 * so it never clicks. TV engines may keep audio suspended until the first key press since the app
 * started; the beeps then start at that press.
 */
export class Ringtone {
  static periodMs = 2000;
  private context: AudioContext | null = null;
  private timer: number | undefined;

  get playing(): boolean {
    return this.context !== null;
  }

  start(): void {
    if (this.context) return;
    try {
      this.context = new AudioContext();
    } catch {
      return;
    }
    void this.context.resume().catch(() => undefined);
    this.ring();
    this.timer = window.setInterval(() => this.ring(), Ringtone.periodMs);
  }

  stop(): void {
    window.clearInterval(this.timer);
    const context = this.context;
    this.context = null;
    void context?.close().catch(() => undefined);
  }

  private ring(): void {
    const context = this.context;
    if (!context) return;
    const now = context.currentTime;
    this.beep(context, now, 660);
    this.beep(context, now + 0.5, 880);
  }

  private beep(context: AudioContext, at: number, frequency: number): void {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0, at);
    gain.gain.linearRampToValueAtTime(0.35, at + 0.03);
    gain.gain.setValueAtTime(0.35, at + 0.35);
    gain.gain.linearRampToValueAtTime(0, at + 0.4);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.42);
  }
}
