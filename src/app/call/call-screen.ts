import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { Track } from 'livekit-client';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { focusRing } from '../design/tokens.js';
import { NavigateEvent } from '../router/router-controller.js';
import { apiContext, type Surface } from '../state/contexts.js';
import { CallSession, type CallState, type RemoteParty } from './call-session.js';

/**
 * The call: the remote party large, self-view small, state in words. Track elements come from
 * livekit-client's attach(); each remote video carries data-remote-identity so tests and
 * benchmarks can find it.
 */
@customElement('dah-call-screen')
@localized()
export class CallScreen extends LitElement {
  static override styles = [
    focusRing,
    css`
      :host {
        display: block;
        position: relative;
        height: 100%;
      }
      .remotes {
        display: flex;
        height: 100%;
      }
      .remote {
        flex: 1;
        position: relative;
        margin: 0 calc(var(--dah-space) / 2);
      }
      .remote video {
        width: 100%;
        height: 100%;
        object-fit: contain;
        background: #000;
      }
      .name {
        position: absolute;
        left: var(--dah-space);
        bottom: var(--dah-space);
        background: rgba(0, 0, 0, 0.75);
        padding: 0 var(--dah-space);
        border-radius: var(--dah-radius);
      }
      .self {
        position: absolute;
        right: var(--dah-safe-x);
        bottom: var(--dah-safe-y);
        width: 20vw;
      }
      .self video {
        width: 100%;
        border-radius: var(--dah-radius);
      }
      .status {
        font-size: var(--dah-font-heading);
        text-align: center;
        padding-top: 30vh;
      }
      button {
        position: absolute;
        left: var(--dah-safe-x);
        bottom: var(--dah-safe-y);
        min-height: var(--dah-target);
        min-width: var(--dah-target);
        font: inherit;
        padding: 0 calc(var(--dah-space) * 2);
        border: 0;
        border-radius: var(--dah-radius);
        background: var(--dah-danger);
        color: #000;
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @property() surface: Surface = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  @state() private error: string | null = null;
  private readonly session = new CallSession();
  private readonly mediaElements = new WeakMap<Track, HTMLMediaElement>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.session.addEventListener('change', this.onSessionChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.session.removeEventListener('change', this.onSessionChange);
    void this.session.leave();
  }

  protected override firstUpdated(): void {
    void this.start();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.dataset['state'] = this.session.state;
  }

  private readonly onSessionChange = () => this.requestUpdate();

  private async start(): Promise<void> {
    try {
      const token = await this.api.callToken(this.consultationId);
      await this.session.join(token);
      this.shadowRoot?.querySelector('button')?.focus();
    } catch (error) {
      this.error = errorMessage(error);
    }
  }

  private hangUp(): void {
    void this.session.leave();
    this.dispatchEvent(new NavigateEvent(`/${this.surface}`));
  }

  private stateText(state: CallState): string {
    switch (state) {
      case 'idle':
      case 'connecting':
        return msg('正在接通，请稍候…');
      case 'connected':
        return msg('正在等待对方加入…');
      case 'reconnecting':
        return msg('网络不稳定，正在重新连接…');
      case 'ended':
        return msg('通话已结束。');
      case 'failed':
        return msg('没能接通。');
    }
  }

  /** One media element per track for its lifetime: attach() without an argument makes a new one each call. */
  private mediaElement(
    track: Track | null,
    attribute: string,
    value: string,
  ): HTMLMediaElement | typeof nothing {
    if (!track) return nothing;
    let element = this.mediaElements.get(track);
    if (!element) {
      element = track.attach();
      element.setAttribute(attribute, value);
      this.mediaElements.set(track, element);
    }
    return element;
  }

  private renderRemote(party: RemoteParty) {
    return html`<div class="remote">
      ${this.mediaElement(party.video, 'data-remote-identity', party.identity)}
      <div class="name">${party.name}</div>
    </div>`;
  }

  override render() {
    const remotes = [...this.session.remotes.values()];
    const withVideo = remotes.filter((r) => r.video);
    return html`
      ${
        this.error
          ? html`<p class="status" role="alert">${this.error}</p>`
          : withVideo.length
            ? html`<div class="remotes">${withVideo.map((r) => this.renderRemote(r))}</div>`
            : html`<p class="status" role="status">${this.stateText(this.session.state)}</p>`
      }
      ${remotes.map((r) => this.mediaElement(r.audio, 'data-remote-audio-identity', r.identity))}
      ${
        this.session.localVideo
          ? html`<div class="self">${this.mediaElement(this.session.localVideo, 'data-self-view', '')}</div>`
          : nothing
      }
      <button @click=${this.hangUp}>${msg('挂断')}</button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-call-screen': CallScreen;
  }
}
