import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { SettingsChangeEvent, type Settings, type TextSize } from '../state/settings.js';
import { DeviceCheckController } from '../call/device-check.js';
import { tvScreen } from '../design/screen-styles.js';
import { settingsContext } from '../state/contexts.js';
import '../identity/bound-devices.js';

/** Settings: language, text size, voice guidance, the measuring device, and checks of the speaker, camera and microphone. */
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
  private readonly devices = new DeviceCheckController(this);

  private change(change: Partial<Settings>): void {
    this.dispatchEvent(new SettingsChangeEvent(change));
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
        <h2>${msg('测量仪')}</h2>
        ${this.choice(s.measuringDevice, 'bluetooth', msg('蓝牙测量仪'), () => this.change({ measuringDevice: 'bluetooth' }), 'meter-bluetooth')}
        ${this.choice(s.measuringDevice, 'simulated', msg('模拟测量仪（演示）'), () => this.change({ measuringDevice: 'simulated' }), 'meter-simulated')}
        ${this.choice(s.measuringDevice, 'remote', msg('只用遥控器输入'), () => this.change({ measuringDevice: 'remote' }), 'meter-remote')}
      </section>
      <section>
        <h2>${msg('声音')}</h2>
        <button data-focus-key="tone" @click=${() => this.devices.playTone()}>${msg('播放测试声音')}</button>
        ${this.devices.renderToneStatus()}
      </section>
      <section>
        <h2>${msg('摄像头和麦克风')}</h2>
        <button data-focus-key="devices" @click=${() => this.devices.start()}>${msg('检查')}</button>
        ${this.devices.renderCheck()}
      </section>
      <section>
        <h2>${msg('绑定的设备')}</h2>
        <dah-bound-devices></dah-bound-devices>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-settings-screen': SettingsScreen;
  }
}
