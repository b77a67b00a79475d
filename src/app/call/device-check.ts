import { msg } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

export type DeviceCheckState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'ok'; hasCamera: boolean; hasMicrophone: boolean }
  | { kind: 'failed'; message: string };

export type ToneState = 'idle' | 'playing' | 'played';

/**
 * Checks of the speaker (a one-second tone), the camera (the picture in a <video>) and the
 * microphone (a level meter), shared by Settings and the pre-call check of 视频问诊. The host
 * renders the pieces it wants (renderToneStatus, renderCheck) in its own shadow root; the camera
 * and microphone stop when it leaves the page.
 */
export class DeviceCheckController implements ReactiveController {
  tone: ToneState = 'idle';
  check: DeviceCheckState = { kind: 'idle' };
  /** The microphone's level now, 0-1. */
  level = 0;
  /** The highest level heard since the check started: has the microphone heard anything? */
  loudest = 0;
  private stream: MediaStream | null = null;
  private audio: AudioContext | null = null;
  private frame = 0;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.stop();
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  private context(): AudioContext {
    this.audio ??= new AudioContext();
    return this.audio;
  }

  /** A one-second tone: can the resident hear the TV? */
  async playTone(): Promise<void> {
    const context = this.context();
    await context.resume();
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = 660;
    gain.gain.value = 0.3;
    oscillator.connect(gain).connect(context.destination);
    this.setTone('playing');
    oscillator.start();
    oscillator.stop(context.currentTime + 1);
    oscillator.onended = () => this.setTone('played');
  }

  /**
   * Opens the camera and microphone. A TV without a camera gets the microphone alone: it can
   * still talk to the doctor (audio only), and says so.
   */
  async start(): Promise<void> {
    this.stop();
    this.set({ kind: 'checking' });
    const media = navigator.mediaDevices;
    let stream: MediaStream;
    try {
      stream = await media.getUserMedia({ video: true, audio: true });
    } catch (error) {
      const name = (error as DOMException).name;
      if (name === 'NotAllowedError') return this.fail(name);
      try {
        // No camera (NotFoundError, or one that will not start): the microphone alone.
        stream = await media.getUserMedia({ audio: true });
      } catch (second) {
        return this.fail((second as DOMException).name);
      }
    }
    if (!this.host.isConnected) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.stream = stream;
    const hasCamera = stream.getVideoTracks().length > 0;
    const hasMicrophone = stream.getAudioTracks().length > 0;
    this.loudest = 0;
    this.set({ kind: 'ok', hasCamera, hasMicrophone });
    await this.host.updateComplete;
    const video = this.host.shadowRoot?.querySelector('video');
    if (video) video.srcObject = stream;
    if (hasMicrophone) this.meterMicrophone(stream);
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  private fail(name: string): void {
    this.set({
      kind: 'failed',
      message:
        name === 'NotAllowedError'
          ? msg('没有得到使用摄像头和麦克风的许可。请在电视的设置里允许后再试。')
          : msg('没有找到摄像头或麦克风。没有摄像头也可以只用声音和医生通话。'),
    });
  }

  private meterMicrophone(stream: MediaStream): void {
    const context = this.context();
    void context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const tick = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128));
      this.level = peak / 128;
      this.loudest = Math.max(this.loudest, this.level);
      this.host.requestUpdate();
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  private set(check: DeviceCheckState): void {
    this.check = check;
    this.host.requestUpdate();
  }

  private setTone(tone: ToneState): void {
    this.tone = tone;
    this.host.requestUpdate();
  }

  /** What the speaker test is doing, in words. */
  renderToneStatus() {
    return html`<span role="status">
      ${
        this.tone === 'playing'
          ? msg('正在播放…')
          : this.tone === 'played'
            ? msg('听到“嘟”的一声了吗？听不到请调大电视音量。')
            : ''
      }
    </span>`;
  }

  /** The picture from the camera, the level meter, and what they mean, in words. */
  renderCheck() {
    return html`${this.renderVideo()}${this.renderCheckStatus()}`;
  }

  /** The picture from the camera, once it is open. */
  renderVideo() {
    return this.check.kind === 'ok' && this.check.hasCamera
      ? html`<video autoplay muted playsinline></video>`
      : null;
  }

  /** What the camera and microphone check found, in words, and the microphone's level meter. */
  renderCheckStatus() {
    switch (this.check.kind) {
      case 'idle':
        return null;
      case 'checking':
        return html`<span role="status">${msg('正在打开摄像头和麦克风…')}</span>`;
      case 'failed':
        return html`<span role="alert">${this.check.message}</span>`;
      case 'ok':
        return html`<span role="status">
            ${this.check.hasCamera ? msg('能看到自己吗？') : msg('没有摄像头：可以只用声音通话。')}
            ${this.check.hasMicrophone ? msg('说几句话，下面的条会动。') : msg('没有麦克风。')}
          </span>
          ${this.check.hasMicrophone ? html`<meter min="0" max="1" .value=${this.level}></meter>` : null}`;
    }
  }
}
