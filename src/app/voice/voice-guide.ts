import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { deepActiveElement } from '../input/spatial-navigation.js';
import type { Locale } from '../localization.js';

/**
 * Speaks text in the user's language. speechSynthesis when the engine has a voice for it;
 * TV engines often lack a Chinese one (shared/design/tv-ui.md "Voice"), so otherwise the API
 * makes the speech (GET /api/speech, espeak-ng) and an <audio> element plays it.
 */
export class VoiceGuide {
  private audio: HTMLAudioElement | null = null;

  constructor(
    private readonly speechUrl = '/api/speech',
    private readonly synthesis: SpeechSynthesis | undefined = window.speechSynthesis,
  ) {}

  speak(text: string, locale: Locale): void {
    this.stop();
    const voice = this.voiceFor(locale);
    if (voice && this.synthesis) {
      // The language picks the engine's voice for it (the one found below).
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang;
      // Slower than the default for older listeners.
      utterance.rate = 0.85;
      this.synthesis.speak(utterance);
      return;
    }
    this.audio ??= new Audio();
    this.audio.src = `${this.speechUrl}?${new URLSearchParams({ lang: locale, text })}`;
    // Autoplay may be refused before the first key press; the next focus change speaks again.
    this.audio.play().catch(() => undefined);
  }

  stop(): void {
    this.synthesis?.cancel();
    this.audio?.pause();
  }

  /** Mandarin only for Chinese: a Cantonese (zh-HK) voice would mispronounce the text. */
  private voiceFor(locale: Locale): SpeechSynthesisVoice | undefined {
    const wanted = locale === 'zh-CN' ? ['zh-cn', 'cmn'] : ['en'];
    return this.synthesis
      ?.getVoices()
      .find((voice) =>
        wanted.some((prefix) => voice.lang.replace('_', '-').toLowerCase().startsWith(prefix)),
      );
  }
}

/** The first heading in the composed tree under `root`: the screen's or dialog's title. */
function titleUnder(root: Element | ShadowRoot): string {
  const walk = (node: Element | ShadowRoot): string | null => {
    for (const child of node.children) {
      if (child.localName === 'h1' || child.localName === 'h2') return child.textContent ?? '';
      const found = walk(child.shadowRoot ?? child);
      if (found) return found;
    }
    return null;
  };
  return walk(root) ?? '';
}

/**
 * What is said for an element: its aria-label, else its text without what is hidden from
 * assistive technology (aria-hidden), such as a Home tile's second face (ui/tile.ts).
 */
export function spokenLabel(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  let text = '';
  for (const node of Array.from(element.childNodes)) {
    if (node instanceof Element) {
      if (node.getAttribute('aria-hidden') !== 'true') text += spokenLabel(node);
    } else if (node.nodeType === Node.TEXT_NODE) {
      text += node.textContent ?? '';
    }
  }
  return text;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

export interface VoiceGuidanceOptions {
  enabled(): boolean;
  locale(): Locale;
  /** The open dialog, else the current screen: its title is read on arrival. */
  context(): Element | null;
}

/**
 * 语音朗读: on arriving at a screen or dialog, reads its title, then the focused item; after that,
 * each item as focus moves to it. Presses in quick succession speak only where focus settles.
 */
export class VoiceGuidanceController implements ReactiveController {
  private lastContext: Element | null = null;
  private lastFocused: Element | null = null;
  private timer: number | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: VoiceGuidanceOptions,
    private readonly guide = new VoiceGuide(),
  ) {
    host.addController(this);
  }

  /**
   * focusin does not leave a shadow root when focus moves inside it (the retargeted target and
   * relatedTarget are the same host), so key presses and touches are watched as well.
   */
  private static readonly TRIGGERS = ['focusin', 'keyup', 'pointerup'] as const;

  hostConnected(): void {
    for (const type of VoiceGuidanceController.TRIGGERS) window.addEventListener(type, this.schedule, true);
  }

  hostDisconnected(): void {
    for (const type of VoiceGuidanceController.TRIGGERS)
      window.removeEventListener(type, this.schedule, true);
    window.clearTimeout(this.timer);
    this.guide.stop();
  }

  private readonly schedule = () => {
    window.clearTimeout(this.timer);
    if (!this.options.enabled()) return;
    this.timer = window.setTimeout(() => this.announce(), 150);
  };

  private announce(): void {
    const focused = deepActiveElement();
    const context = this.options.context();
    if (!focused || focused === document.body || !context) return;
    if (focused === this.lastFocused && context === this.lastContext) return;
    this.lastFocused = focused;
    const parts: string[] = [];
    if (context !== this.lastContext) {
      this.lastContext = context;
      parts.push(titleUnder(context.shadowRoot ?? context));
      // A dialog's question is read in full: it is what the resident must answer.
      if (context.localName === 'dah-dialog') parts.push((context as Element & { body?: string }).body ?? '');
    }
    parts.push(spokenLabel(focused));
    const locale = this.options.locale();
    // Each part ends in a full stop, so the voice pauses between title, question and item.
    const stop = locale === 'zh-CN' ? '。' : '. ';
    const text = parts
      .map(clean)
      .filter(Boolean)
      .map((part) => (/[。！？.!?]$/.test(part) ? part : part + stop))
      .join('')
      .trim();
    if (text) this.guide.speak(text, locale);
  }
}
