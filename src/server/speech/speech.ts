import { spawn } from 'node:child_process';

/**
 * Read-aloud for TVs whose engine has no Chinese voice for speechSynthesis (shared/design/tv-ui.md
 * "Voice"): espeak-ng from Debian, which has a Mandarin voice, makes a WAV file. Phrases repeat
 * (screen titles, tile names), so recent results are kept in memory.
 */
export type SpeechLanguage = 'zh-CN' | 'en';

/** espeak-ng voice names: "cmn" is Mandarin Chinese. */
const VOICES: Record<SpeechLanguage, string> = { 'zh-CN': 'cmn', en: 'en' };
/** Words per minute: slower than espeak-ng's 175 for older listeners. */
const WORDS_PER_MINUTE = '140';
const TIMEOUT_MS = 10_000;
const CACHE_ENTRIES = 300;

export class SpeechUnavailableError extends Error {}

export class SpeechSynthesizer {
  private readonly cache = new Map<string, Promise<Buffer>>();

  constructor(private readonly command = 'espeak-ng') {}

  synthesize(text: string, language: SpeechLanguage): Promise<Buffer> {
    const key = `${language}\u0000${text}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used goes to the end; the oldest is evicted first.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const made = this.run(text, language);
    this.cache.set(key, made);
    made.catch(() => this.cache.delete(key));
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return made;
  }

  private run(text: string, language: SpeechLanguage): Promise<Buffer> {
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
