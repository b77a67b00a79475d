import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

/**
 * Read-aloud for TVs whose engine has no Chinese voice for speechSynthesis (shared/design/tv-ui.md
 * "Voice"): espeak-ng from Debian, which has a Mandarin voice, makes a WAV file.
 * Each synthesis is a process: at most `workers` run at once, a few more wait in a short queue,
 * and anything beyond is refused at once (SpeechBusyError, 429) rather than piling up processes.
 * Phrases repeat (screen titles, tile names), so results are kept in an LRU cache bounded in
 * bytes, keyed by a hash of voice and text; the same phrase asked for while it is being made
 * shares that one run.
 */
export type SpeechLanguage = 'zh-CN' | 'en';

/** espeak-ng voice names: "cmn" is Mandarin Chinese. */
const VOICES: Record<SpeechLanguage, string> = { 'zh-CN': 'cmn', en: 'en' };
/** Words per minute: slower than espeak-ng's 175 for older listeners. */
const WORDS_PER_MINUTE = '140';
const TIMEOUT_MS = 10_000;

export interface SpeechLimits {
  /** espeak-ng processes at once (per API process): the machine has few cores. */
  workers: number;
  /** Syntheses waiting for a worker; more are refused. */
  queue: number;
  /** The cache's bound: the WAV bytes kept (300 characters make about 2 MB). */
  cacheBytes: number;
}
export const SPEECH_LIMITS: SpeechLimits = { workers: 2, queue: 8, cacheBytes: 32 * 1024 * 1024 };

export class SpeechUnavailableError extends Error {}
/** Every worker is busy and the queue is full: try again in a moment. */
export class SpeechBusyError extends Error {}

export class SpeechSynthesizer {
  private readonly cache = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private bytes = 0;
  /** espeak-ng processes started, and the most ever running at once (for tests and logs). */
  readonly stats = { runs: 0, peakRunning: 0 };

  constructor(
    private readonly command = 'espeak-ng',
    private readonly limits: SpeechLimits = SPEECH_LIMITS,
  ) {}

  get cachedBytes(): number {
    return this.bytes;
  }

  /** Whether this phrase is cached or being made: asking for it again starts no process. */
  has(text: string, language: SpeechLanguage): boolean {
    const key = keyOf(text, language);
    return this.cache.has(key) || this.inFlight.has(key);
  }

  synthesize(text: string, language: SpeechLanguage): Promise<Buffer> {
    const key = keyOf(text, language);
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used goes to the end; the oldest is evicted first.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    if (this.running >= this.limits.workers && this.waiting.length >= this.limits.queue) {
      return Promise.reject(new SpeechBusyError('every speech worker is busy and the queue is full'));
    }
    const made = this.inTurn(() => this.run(text, language)).then((wav) => {
      this.remember(key, wav);
      return wav;
    });
    this.inFlight.set(key, made);
    const forget = () => this.inFlight.delete(key);
    made.then(forget, forget);
    return made;
  }

  /** Runs `work` when a worker is free (first come, first served). */
  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.workers) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    this.stats.peakRunning = Math.max(this.stats.peakRunning, this.running);
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  private remember(key: string, wav: Buffer): void {
    if (wav.length > this.limits.cacheBytes) return;
    this.cache.set(key, wav);
    this.bytes += wav.length;
    for (const [oldKey, old] of this.cache) {
      if (this.bytes <= this.limits.cacheBytes) break;
      this.cache.delete(oldKey);
      this.bytes -= old.length;
    }
  }

  private run(text: string, language: SpeechLanguage): Promise<Buffer> {
    this.stats.runs += 1;
    return new Promise((resolve, reject) => {
      // The text goes in on stdin, never as an argument: it cannot be read as an option.
      const child = spawn(this.command, ['-v', VOICES[language], '-s', WORDS_PER_MINUTE, '--stdout'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: TIMEOUT_MS,
      });
      const chunks: Buffer[] = [];
      let errors = '';
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          new SpeechUnavailableError(
            error.code === 'ENOENT' ? `${this.command} is not installed` : error.message,
          ),
        ),
      );
      child.on('close', (code, signal) => {
        const wav = Buffer.concat(chunks);
        if (code === 0 && wav.subarray(0, 4).toString('latin1') === 'RIFF') resolve(wav);
        else
          reject(new SpeechUnavailableError(`${this.command} failed (${signal ?? code}): ${errors.trim()}`));
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(text);
    });
  }
}

/** The cache key: a hash, so the cache holds no text and keys have one size. */
function keyOf(text: string, language: SpeechLanguage): string {
  return createHash('sha256')
    .update(`${VOICES[language]}\u0000${WORDS_PER_MINUTE}\u0000${text}`)
    .digest('base64url');
}
