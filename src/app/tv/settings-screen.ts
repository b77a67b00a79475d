import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { SettingsChangeEvent, settingsContext, type Settings, type TextSize } from '../state/settings.js';
import { tvScreen } from './screen-styles.js';

type DeviceCheck =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'ok'; hasCamera: boolean; hasMicrophone: boolean }
  | { kind: 'failed'; message: string };

/** Settings: language, text size, voice guidance, and checks of the speaker, camera and microphone. */
@customElement('dah-settings-screen')
@localized()
export class SettingsScreen extends LitElement {
  static override styles = [
    controls,
    tvScreen,
    css`
      section {
        display: flex;
        align-items: center;
        flex-wrap: wrap;
        margin-bottom: var(--dah-space);
      }
      h2 {
        font-size: var(--dah-font-body);
        width: calc(320 * var(--dah-px));
        margin: 0;
      }
      section button {
        margin-right: var(--dah-space);
      }
      /* The current choice: a tick and a ring, never colour alone (tv-ui.md). */
      button[aria-pressed='true'] {
        box-shadow: inset 0 0 0 calc(4 * var(--dah-px)) var(--dah-ok);
      }
      button[aria-pressed='true']::before {
        content: '✓ ';
        font-weight: 700;
      }
      video {
        width: calc(320 * var(--dah-px));
        margin-right: var(--dah-space);
        background: #000;
      }
      meter {
        width: calc(320 * var(--dah-px));
        height: calc(32 * var(--dah-px));
      }
    `,
  ];

  @consume({ context: settingsContext, subscribe: true }) settings!: Settings;
  @state() private toneHeard: 'idle' | 'playing' | 'played' = 'idle';
  @state() private check: DeviceCheck = { kind: 'idle' };
  @state() private level = 0;
  private stream: MediaStream | null = null;
  private audio: AudioContext | null = null;
  private frame = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopCheck();
  }

  private change(change: Partial<Settings>): void {
    this.dispatchEvent(new SettingsChangeEvent(change));
  }

  private context(): AudioContext {
    this.audio ??= new AudioContext();
    return this.audio;
  }

  /** A one-second tone: can the resident hear the TV? */
  private async playTone(): Promise<void> {
    const context = this.context();
    await context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 660;
    gain.gain.value = 0.3;
    oscillator.connect(gain).connect(context.destination);
    this.toneHeard = 'playing';
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
    oscillator.onended = () => (this.toneHeard = 'played');
  }

  private async checkDevices(): Promise<void> {
    this.stopCheck();
    this.check = { kind: 'checking' };
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    } catch (error) {
      // A TV without a camera can still join calls by voice (the consultation work).
      const name = (error as DOMException).name;
      this.check = {
        kind: 'failed',
        message:
          name === 'NotAllowedError'
            ? msg('没有得到使用摄像头和麦克风的许可。请在电视的设置里允许后再试。')
            : msg('没有找到摄像头或麦克风。没有摄像头也可以只用声音和医生通话。'),
      };
      return;
    }
    const hasCamera = this.stream.getVideoTracks().length > 0;
    const hasMicrophone = this.stream.getAudioTracks().length > 0;
    this.check = { kind: 'ok', hasCamera, hasMicrophone };
    await this.updateComplete;
    const video = this.shadowRoot?.querySelector('video');
    if (video) video.srcObject = this.stream;
    if (hasMicrophone) this.meterMicrophone(this.stream);
  }

  private meterMicrophone(stream: MediaStream): void {
    const context = this.context();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      this.level = peak / 128;
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  private stopCheck(): void {
    cancelAnimationFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  private choice<T extends string>(current: T, value: T, label: string, apply: () => void, key: string) {
    return html`<button
      aria-pressed=${current === value ? 'true' : 'false'}
      data-focus-key=${key}
      @click=${apply}
    >
      ${label}
    </button>`;
  }

  override render() {
    const s = this.settings;
    const size = (value: TextSize, label: string) =>
      this.choice(s.textSize, value, label, () => this.change({ textSize: value }), `size-${value}`);
    return html`<h1>${msg('设置')}</h1>
      <section>
        <h2>${msg('语言')}</h2>
        ${this.choice(s.locale, 'zh-CN', '中文', () => this.change({ locale: 'zh-CN' }), 'locale-zh')}
        ${this.choice(s.locale, 'en', 'English', () => this.change({ locale: 'en' }), 'locale-en')}
      </section>
      <section>
        <h2>${msg('字体大小')}</h2>
        ${size('normal', msg('标准'))} ${size('large', msg('大'))} ${size('largest', msg('特大'))}
      </section>
      <section>
        <h2>${msg('语音朗读')}</h2>
        ${this.choice(String(s.voiceGuidance), 'true', msg('打开'), () => this.change({ voiceGuidance: true }), 'voice-on')}
        ${this.choice(String(s.voiceGuidance), 'false', msg('关闭'), () => this.change({ voiceGuidance: false }), 'voice-off')}
      </section>
      <section>
        <h2>${msg('声音')}</h2>
        <button data-focus-key="tone" @click=${this.playTone}>${msg('播放测试声音')}</button>
        <span role="status">
          ${this.toneHeard === 'playing' ? msg('正在播放…') : this.toneHeard === 'played' ? msg('听到“嘟”的一声了吗？听不到请调大电视音量。') : ''}
        </span>
      </section>
      <section>
        <h2>${msg('摄像头和麦克风')}</h2>
        <button data-focus-key="devices" @click=${this.checkDevices}>${msg('检查')}</button>
        ${this.renderCheck()}
      </section>`;
  }

  private renderCheck() {
    switch (this.check.kind) {
      case 'idle':
        return null;
      case 'checking':
        return html`<span role="status">${msg('正在打开摄像头和麦克风…')}</span>`;
      case 'failed':
        return html`<span role="alert">${this.check.message}</span>`;
      case 'ok':
        return html`${this.check.hasCamera ? html`<video autoplay muted playsinline></video>` : null}
          <span role="status">
            ${this.check.hasCamera ? msg('能看到自己吗？') : msg('没有摄像头：可以只用声音通话。')}
            ${this.check.hasMicrophone ? msg('说几句话，下面的条会动。') : msg('没有麦克风。')}
          </span>
          ${this.check.hasMicrophone ? html`<meter min="0" max="1" .value=${this.level}></meter>` : null}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-settings-screen': SettingsScreen;
  }
}
