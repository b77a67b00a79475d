import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { LitElement, css, html, nothing, svg, type PropertyValues, type SVGTemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { controls } from '../design/controls.js';
import { remotePressOf } from '../input/remote-keys.js';
import { deepActiveElement } from '../input/spatial-navigation.js';
import { LeaveScreenEvent, NavigateEvent } from '../router/events.js';
import { apiContext } from '../state/contexts.js';
import { askDialog } from '../ui/dialog-request.js';
import { icon } from '../ui/icons.js';
import {
  canRetry,
  chooseLayout,
  directoryOf,
  endWords,
  phaseWords,
  qualityWords,
  roleWords,
  type CallState,
  type DirectoryEntry,
  type Layout,
  type Party,
  type Tile,
} from './call-model.js';
import { CallSession, type CallController } from './call-session.js';
import { takeCallToken, takeStartedCall, type StartedCall } from './call-prefetch.js';
import { homePath } from '../home/paths.js';
import type { Surface } from '../state/session.js';
import { insideOverlay } from '../ui/overlays.js';
import { sessionFactory } from './session-factory.js';

/**
 * Fired when the user hangs up, before the screen goes back to Home. Cancel it to stay (the
 * console's wrapper does, to show its end-of-call panel); the call has ended either way.
 */
export class CallHangUpEvent extends Event {
  static readonly type = 'dah-call-hang-up';
  constructor() {
    super(CallHangUpEvent.type, { bubbles: true, composed: true, cancelable: true });
  }
}

/** Line icons for the call controls, drawn like ui/icons.ts (24-unit grid, currentColor). */
const CALL_ICONS = {
  mic: svg`<rect x="9" y="2" width="6" height="12" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v4"/>`,
  micOff: svg`<rect x="9" y="2" width="6" height="12" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v4M3 3l18 18"/>`,
  camera: svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-4v12l-6-4z"/>`,
  cameraOff: svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-4v12l-6-4zM3 3l18 18"/>`,
  screen: svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`,
  hangUp: svg`<path d="M3 14c5-5 13-5 18 0l-2.5 3-3.5-2v-3a11 11 0 0 0-6 0v3l-3.5 2z"/>`,
} satisfies Record<string, SVGTemplateResult>;

function callIcon(name: keyof typeof CALL_ICONS): SVGTemplateResult {
  return svg`<svg viewBox="0 0 24 24" width="1.1em" height="1.1em" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${CALL_ICONS[name]}</svg>`;
}

const IN_CALL: readonly CallState['phase'][] = ['idle', 'connecting', 'connected', 'reconnecting'];

/**
 * The call. TV and kiosk: the remote party large and the self-view small in a corner; doctor and
 * specialist side by side; a clinician's shared screen large. Console: the remote parties in a
 * grid. Names, roles and connection quality in words on every tile; reconnecting, voice-only
 * fallback, blocked audio and a missing camera each say what is happening. Mute, camera and hang
 * up are big focusable buttons; Back asks before hanging up. Remote media elements carry
 * data-remote-identity (camera), data-remote-screen-identity and data-remote-audio-identity so
 * tests and benchmarks can find them. All the logic is in call-model.ts; LiveKit in call-session.ts.
 * @summary The in-call screen for every surface.
 * @event dah-call-hang-up - the user hung up (cancelable: cancel to stay on this screen)
 */
@customElement('dah-call-screen')
@localized()
export class CallScreen extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        /*
         * TV and kiosk: from where this screen starts (below the status bar; measured, see
         * fitToViewport) down to just above the app's fixed key legend (one line of small text
         * above the bottom safe margin).
         */
        --dah-call-legend: calc(
          var(--dah-safe-y) + var(--dah-font-small) * var(--dah-line-height) + 2 * var(--dah-space)
        );
        display: flex;
        flex-direction: column;
        position: relative;
        box-sizing: border-box;
        height: calc(100vh - var(--dah-call-top, 15vh) - var(--dah-call-legend));
        min-height: calc(400 * var(--dah-px));
      }
      /* The console wraps this screen in its own layout: fill whatever it gives. */
      :host([surface='console']) {
        height: 100%;
        min-height: 70vh;
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .stage {
        flex: 1;
        min-height: 0;
        position: relative;
        display: flex;
        padding: 0 var(--dah-safe-x);
      }
      :host([surface='console']) .stage {
        padding: 0;
      }
      .main {
        flex: 1;
        min-width: 0;
        display: flex;
      }
      .main > .tile + .tile {
        margin-left: var(--dah-space);
      }
      .grid {
        flex: 1;
        display: grid;
        grid-template-columns: 1fr 1fr;
        grid-auto-rows: 1fr;
        grid-gap: var(--dah-space);
      }
      .grid.columns-1 {
        grid-template-columns: 1fr;
      }
      .grid.columns-3 {
        grid-template-columns: 1fr 1fr 1fr;
      }
      .side {
        width: 22%;
        margin-left: var(--dah-space);
        display: flex;
        flex-direction: column;
      }
      .side > * + * {
        margin-top: var(--dah-space);
      }
      .side .tile {
        flex: 1 1 0;
        max-height: 40%;
      }
      .tile {
        flex: 1;
        position: relative;
        margin: 0;
        min-width: 0;
        min-height: 0;
        overflow: hidden;
        border-radius: var(--dah-radius);
        background: #000;
      }
      .tile video {
        position: absolute;
        top: 0;
        left: 0;
        width: 100%;
        height: 100%;
        object-fit: contain;
        background: #000;
      }
      .cover {
        position: absolute;
        top: 0;
        right: 0;
        bottom: 0;
        left: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        text-align: center;
        padding: var(--dah-space);
        background: var(--dah-surface);
      }
      .initial {
        display: flex;
        align-items: center;
        justify-content: center;
        width: 2.4em;
        height: 2.4em;
        border-radius: 50%;
        background: var(--dah-bg);
        font-size: var(--dah-font-heading);
        font-weight: 700;
      }
      .cover p {
        margin: var(--dah-space) 0 0;
      }
      figcaption {
        position: absolute;
        left: var(--dah-space);
        bottom: var(--dah-space);
        max-width: calc(100% - 2 * var(--dah-space));
        padding: 0 var(--dah-space);
        border-radius: var(--dah-radius);
        background: rgba(0, 0, 0, 0.8);
      }
      .small figcaption {
        left: calc(var(--dah-space) / 3);
        bottom: calc(var(--dah-space) / 3);
        font-size: var(--dah-font-small);
      }
      .name {
        font-weight: 700;
      }
      .role,
      .quality {
        margin-left: calc(var(--dah-space) / 2);
        font-size: var(--dah-font-small);
      }
      .quality[data-quality='excellent'],
      .quality[data-quality='good'] {
        color: var(--dah-ok);
      }
      .quality[data-quality='poor'] {
        color: var(--dah-warning);
      }
      .quality[data-quality='lost'] {
        color: var(--dah-danger);
      }
      .self {
        position: absolute;
        right: calc(var(--dah-safe-x) + var(--dah-space));
        bottom: var(--dah-space);
        width: 20%;
        height: 30%;
        z-index: 1;
        border: calc(3 * var(--dah-px)) solid var(--dah-text-muted);
      }
      /* Two large tiles: their names are at the bottom, so the self-view goes to the top corner. */
      .stage[data-layout='side-by-side'] .self {
        top: 0;
        bottom: auto;
        width: 16%;
        height: 24%;
      }
      .side .self,
      .grid .self {
        position: relative;
        right: auto;
        bottom: auto;
        width: auto;
        height: auto;
        flex: 1;
      }
      .self video {
        transform: scaleX(-1);
      }
      .self.corner video {
        object-fit: cover;
      }
      .self .cover {
        font-size: var(--dah-font-small);
      }
      .self .notes {
        position: absolute;
        left: 0;
        right: 0;
        top: 0;
        margin: 0;
        padding: calc(var(--dah-space) / 3);
        background: rgba(0, 0, 0, 0.8);
        font-size: var(--dah-font-small);
      }
      .status {
        flex: 1;
        align-self: center;
        text-align: center;
        font-size: var(--dah-font-heading);
        margin: 0;
      }
      .banner {
        position: absolute;
        top: var(--dah-space);
        left: 50%;
        transform: translateX(-50%);
        z-index: 2;
        margin: 0;
        padding: calc(var(--dah-space) / 2) var(--dah-space);
        border-radius: var(--dah-radius);
        background: var(--dah-accent);
        color: var(--dah-on-accent);
        font-weight: 700;
      }
      .overlay {
        position: absolute;
        top: 0;
        right: 0;
        bottom: 0;
        left: 0;
        z-index: 3;
        display: flex;
        flex-direction: column;
        align-items: center;
        justify-content: center;
        text-align: center;
        padding: var(--dah-space) var(--dah-safe-x);
        background: rgba(0, 0, 0, 0.85);
      }
      .overlay p {
        font-size: var(--dah-font-heading);
        margin: 0;
      }
      .overlay svg {
        font-size: calc(2 * var(--dah-font-heading));
        margin-bottom: var(--dah-space);
      }
      .overlay.ended {
        background: var(--dah-bg);
      }
      .overlay.ended p {
        font-size: var(--dah-font-body);
        max-width: 60em;
      }
      .overlay.ended h2 {
        font-size: var(--dah-font-heading);
        margin: 0 0 var(--dah-space);
      }
      .actions {
        margin-top: calc(var(--dah-space) * 1.5);
      }
      .actions button + button {
        margin-left: calc(var(--dah-space) * 1.5);
      }
      .controls {
        flex: 0 0 auto;
        display: flex;
        align-items: center;
        padding: var(--dah-space) var(--dah-safe-x) 0;
      }
      :host([surface='console']) .controls {
        padding: var(--dah-space) 0 0;
      }
      .controls button + button {
        margin-left: calc(var(--dah-space) * 1.5);
      }
      button svg {
        vertical-align: middle;
        margin-right: calc(var(--dah-space) / 3);
      }
      button.danger {
        background: var(--dah-emergency-bg);
        color: var(--dah-on-emergency);
      }
      button.danger:focus {
        background: var(--dah-accent);
        color: #000;
      }
      .hint {
        margin-left: auto;
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
      }
      .audio {
        display: none;
      }
    `,
  ];

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @property({ reflect: true }) surface: Surface = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  /** Makes each screen's call: LiveKit's; unit tests put a fake here that needs no LiveKit. */
  static get createSession(): () => CallController {
    return sessionFactory.create ?? (() => new CallSession());
  }
  static set createSession(create: () => CallController) {
    sessionFactory.create = create;
  }
  /** The hang-up question is open (the app root's dialog: Back closes it, focus comes back). */
  private asking = false;
  /** Words for a call that could not start (no token), or a control that failed. */
  @state() private problem: string | null = null;
  @state() private notice: string | null = null;

  private session: CallController | null = null;
  /** Who is who in this consultation (its detail), kept for a session adopted later. */
  private directory: ReadonlyMap<string, DirectoryEntry> = new Map();
  /** Drawn under the ringing, before the answer: the screen is hidden and its keys are not its own. */
  private awaitingAnswer = false;
  private focusedBefore: Element | null = null;
  private readonly askedDirectoryFor = new Set<string>();
  /** Something inserted above this screen (the app's offline notice) moves it down: fit again. */
  private readonly layoutWatch = new MutationObserver(() => this.fitToViewport());

  private get call(): CallController {
    if (!this.session) {
      this.session = CallScreen.createSession();
      this.session.addEventListener('change', this.onSessionChange);
    }
    return this.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown, true);
    window.addEventListener('click', this.onClick, true);
    window.addEventListener(LeaveScreenEvent.type, this.onLeaveScreen);
    window.addEventListener('resize', this.fitToViewport);
    this.layoutWatch.observe(this.getRootNode(), { childList: true, subtree: true });
    // Moved in the page (disconnected and connected again): the call ended on leaving, so join again.
    if (this.hasUpdated) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown, true);
    window.removeEventListener('click', this.onClick, true);
    window.removeEventListener(LeaveScreenEvent.type, this.onLeaveScreen);
    window.removeEventListener('resize', this.fitToViewport);
    this.layoutWatch.disconnect();
    if (this.session) {
      this.session.removeEventListener('change', this.onSessionChange);
      void this.session.leave();
      this.session = null;
    }
  }

  protected override firstUpdated(): void {
    this.fitToViewport();
    void this.start();
  }

  /** TV and kiosk: the call fills the screen from where it starts down to the key legend. */
  private readonly fitToViewport = () => {
    if (this.surface === 'console') return;
    const top = Math.max(0, Math.round(this.getBoundingClientRect().top + window.pageYOffset));
    const value = `${top}px`;
    if (this.style.getPropertyValue('--dah-call-top') !== value)
      this.style.setProperty('--dah-call-top', value);
  };

  protected override willUpdate(): void {
    this.focusedBefore = this.shadowRoot?.activeElement ?? null;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.call.mediaPlaced();
    const state = this.call.state;
    this.dataset['state'] = this.problem ? 'failed' : state.phase;
    this.dataset['layout'] = chooseLayout(this.surface, state.parties).kind;
    this.dataset['parties'] = String(state.parties.length);
    this.keepFocus();
    this.describeNewcomers(state);
  }

  private readonly onSessionChange = () => this.requestUpdate();

  private async start(): Promise<void> {
    this.problem = null;
    this.askedDirectoryFor.clear();
    void this.loadDirectory();
    const started = takeStartedCall(this.consultationId);
    if (started) {
      // Drawn under the ringing, this screen waits for the answer (call-prefetch.ts prepareCall).
      this.awaitingAnswer = true;
      const call = await started;
      this.awaitingAnswer = false;
      return call ? this.adopt(call) : undefined;
    }
    let token;
    try {
      token = await (takeCallToken(this.consultationId) ?? this.api.callToken(this.consultationId));
    } catch (error) {
      this.problem = errorMessage(error);
      return;
    }
    try {
      await this.call.join(token);
    } catch {
      // The state says 'failed'; the screen says what to do.
    }
  }

  /** The call answering started (call-prefetch.ts) replaces this screen's own session, not yet joined. */
  private async adopt({ session, joined }: StartedCall): Promise<void> {
    if (!this.isConnected) return session.leave();
    if (this.session) this.session.removeEventListener('change', this.onSessionChange);
    this.session = session;
    session.addEventListener('change', this.onSessionChange);
    session.setDirectory(this.directory);
    this.requestUpdate();
    // A failed join: the state says 'failed'; the screen says what to do.
    await joined.catch(() => undefined);
  }

  /** Names and roles of the consultation's people, for participants whose token carries no role. */
  private async loadDirectory(): Promise<void> {
    try {
      const detail = await this.api.consultation(this.consultationId);
      this.directory = directoryOf(detail);
      this.call.setDirectory(this.directory);
    } catch {
      // Names still come from the tokens; roles are then left out.
    }
  }

  /** Someone joined whom the directory does not know (an invited specialist): ask the API again, once. */
  private describeNewcomers(state: CallState): void {
    const unknown = state.parties.filter((p) => p.role === null && !this.askedDirectoryFor.has(p.identity));
    if (!unknown.length) return;
    for (const party of unknown) this.askedDirectoryFor.add(party.identity);
    void this.loadDirectory();
  }

  private retry(): void {
    void this.start();
  }

  private goHome(): void {
    this.dispatchEvent(new NavigateEvent(homePath(this.surface)));
  }

  private askHangUp(): void {
    if (this.surface === 'console') this.hangUp();
    else void this.confirmHangUp();
  }

  /** 要挂断吗？ in the app's dialog; staying is the first (focused) answer, Back means stay too. */
  private async confirmHangUp(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    const tv = this.surface !== 'console';
    const answer = await askDialog(
      this,
      msg('要挂断吗？'),
      tv ? msg('挂断以后，医生就看不到、也听不到您了。') : msg('挂断以后，这次通话就结束了。'),
      [
        { label: msg('继续通话'), value: 'stay', tone: 'primary' },
        { label: msg('挂断'), value: 'hang-up', tone: 'danger' },
      ],
    );
    this.asking = false;
    if (answer === 'hang-up' && this.inCall()) this.hangUp();
  }

  private hangUp(): void {
    const event = new CallHangUpEvent();
    this.dispatchEvent(event);
    void this.call.leave();
    if (!event.defaultPrevented) this.goHome();
  }

  private async control(action: () => Promise<void>, failure: string): Promise<void> {
    this.notice = null;
    try {
      await action();
    } catch {
      this.notice = failure;
    }
  }

  private toggleMic(): void {
    const on = this.call.state.local.mic !== 'on';
    void this.control(() => this.call.setMicrophone(on), msg('麦克风打不开。'));
  }

  private toggleCamera(): void {
    const on = this.call.state.local.camera !== 'on';
    void this.control(() => this.call.setCamera(on), msg('摄像头打不开。'));
  }

  private toggleShare(): void {
    const on = !this.call.state.local.sharing;
    void this.control(() => this.call.setScreenShare(on), msg('没能共享屏幕。'));
  }

  private inCall(): boolean {
    return !this.awaitingAnswer && !this.problem && IN_CALL.includes(this.call.state.phase);
  }

  /**
   * Whether Back is ours. Never while a dialog (ours or any other) or an incoming call holds
   * focus: Back answers those. On the TV it is ours wherever else focus is (the status bar's Help
   * included), so Back means the same anywhere on this screen; on the console only while focus
   * is in the call (or nowhere), not in the clinician's panel beside it.
   */
  private ownsBack(): boolean {
    if (this.asking) return false;
    const active = deepActiveElement();
    if (insideOverlay(active)) return false;
    if (this.surface !== 'console') return true;
    return !active || active === document.body || !!this.shadowRoot?.contains(active);
  }

  /**
   * In the capture phase, before the app's key router: the first key press unblocks audio; Back
   * (Escape on the console) asks before hanging up instead of leaving the call.
   */
  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const press = remotePressOf(event);
    const blocked = this.call.state.audioBlocked && this.inCall();
    if (blocked) void this.call.startAudio();
    if (!press) return;
    if (blocked && press.key === 'ok' && this.surface !== 'console' && !insideOverlay(deepActiveElement())) {
      // The press that turns the sound on does nothing else: focus might be on 挂断.
      event.preventDefault();
      return;
    }
    const back = this.surface === 'console' ? event.key === 'Escape' : press.key === 'back';
    if (back && this.inCall() && this.ownsBack()) {
      void this.confirmHangUp();
      event.preventDefault();
    }
  };

  private readonly onClick = () => {
    if (this.call.state.audioBlocked && this.inCall()) void this.call.startAudio();
  };

  /** webOS's Back as a history step (or a browser's Back) asks, as the Back key does: the call stays. */
  private readonly onLeaveScreen = (event: Event) => {
    if (this.surface === 'console' || !this.inCall()) return;
    event.preventDefault();
    void this.confirmHangUp();
  };

  private focusIn(selector: string): boolean {
    const target = this.shadowRoot?.querySelector<HTMLElement>(selector);
    if (!target) return false;
    target.focus({ preventScroll: true });
    return true;
  }

  /**
   * Focus never goes missing: when the focused control went away or can no longer take focus
   * (the call ended, a device vanished), the most sensible one
   * left takes it. On the TV, focus on nothing at all is brought here too; focus elsewhere on the
   * page (an app dialog, the console's own panel) is left alone.
   */
  private keepFocus(): void {
    const root = this.shadowRoot;
    if (!root || this.awaitingAnswer) return;
    const mine = root.activeElement as HTMLElement | null;
    if (mine && mine.tabIndex >= 0) return;
    const active = deepActiveElement();
    const nowhere = !active || active === document.body;
    if (!mine && !nowhere) return;
    if (!mine && this.focusedBefore === null && this.surface === 'console') return;
    this.focusIn(
      '.ended button, [data-focus-key="call-mic"], [data-focus-key="call-camera"], [data-focus-key="call-hang-up"]',
    );
  }

  // --- Rendering --------------------------------------------------------------------------------

  private byIdentity(state: CallState): Map<string, Party> {
    return new Map(state.parties.map((p) => [p.identity, p]));
  }

  private coverText(party: Party): string | null {
    if (party.fallback) return msg('网络较慢，已切换为只听声音');
    if (party.camera === 'muted') return msg('对方关闭了摄像头，仍然可以听到声音');
    if (party.camera === 'none') return msg('没有画面，可以听到声音');
    return null;
  }

  private renderTile(party: Party, tile: Tile, size: 'main' | 'small') {
    const screen = tile.source === 'screen';
    const element = this.call.media(party.identity, screen ? 'screen' : 'camera');
    const cover = screen ? null : this.coverText(party);
    // Small tiles have room for the role but not the organisation.
    const role = roleWords(size === 'small' ? { role: party.role, detail: '' } : party);
    const quality = qualityWords(party.quality);
    return html`<figure
      class="tile ${size}"
      data-identity=${party.identity}
      data-source=${tile.source}
      data-fallback=${party.fallback ?? ''}
    >
      ${element ?? nothing}
      ${
        cover
          ? html`<div class="cover">
              <span class="initial" aria-hidden="true">${party.name.slice(0, 1)}</span>
              <p>${cover}</p>
            </div>`
          : nothing
      }
      <figcaption>
        <span class="name">${screen ? msg(str`${party.name}共享的屏幕`) : party.name}</span>
        ${role && !screen ? html`<span class="role">${role}</span>` : nothing}
        ${quality && !screen ? html`<span class="quality" data-quality=${party.quality}>${quality}</span>` : nothing}
      </figcaption>
    </figure>`;
  }

  /** Notes about our own devices, shown on the self-view. */
  private selfNotes(state: CallState): string[] {
    const tv = this.surface !== 'console';
    const notes: string[] = [];
    if (state.local.camera === 'none')
      notes.push(
        this.surface === 'tv'
          ? msg('这台电视没有摄像头，医生能听到您，看不到您')
          : tv
            ? msg('这台设备没有摄像头，医生能听到您，看不到您')
            : msg('没有找到摄像头，对方能听到您，看不到您'),
      );
    else if (state.local.camera === 'off')
      notes.push(tv ? msg('摄像头已关闭，医生看不到您') : msg('摄像头已关闭，对方看不到您'));
    if (state.local.mic === 'none')
      notes.push(tv ? msg('没有找到麦克风，医生听不到您') : msg('没有找到麦克风，对方听不到您'));
    else if (state.local.mic === 'off')
      notes.push(tv ? msg('麦克风已关闭，医生听不到您') : msg('麦克风已关闭，对方听不到您'));
    if (state.local.sharing) notes.push(msg('您正在共享屏幕'));
    return notes;
  }

  private renderSelf(state: CallState, placement: 'corner' | 'tile') {
    const video = state.local.camera === 'on' ? this.call.selfView() : null;
    const notes = this.selfNotes(state);
    const quality = qualityWords(state.local.quality);
    return html`<figure class="tile self small ${placement}" data-self>
      ${video ?? nothing}
      ${
        video
          ? notes.length
            ? html`<p class="notes">${notes.join('；')}</p>`
            : nothing
          : html`<div class="cover"><p>${notes.join('；') || msg('正在打开摄像头…')}</p></div>`
      }
      <figcaption>
        <span class="name">${msg('我')}</span>
        ${quality ? html`<span class="quality" data-quality=${state.local.quality}>${quality}</span>` : nothing}
      </figcaption>
    </figure>`;
  }

  private renderStage(state: CallState, layout: Layout) {
    const parties = this.byIdentity(state);
    const tile = (t: Tile, size: 'main' | 'small') => {
      const party = parties.get(t.identity);
      return party ? this.renderTile(party, t, size) : nothing;
    };
    const self = this.renderSelf(state, layout.self);
    switch (layout.kind) {
      case 'waiting':
        return html`<p class="status" role="status">${phaseWords(state.phase, this.surface)}</p>
          ${self}`;
      case 'share':
        return html`<div class="main">${layout.main.map((t) => tile(t, 'main'))}</div>
          <div class="side">${layout.small.map((t) => tile(t, 'small'))}${self}</div>`;
      case 'grid': {
        const count = layout.main.length + 1;
        const columns = count <= 1 ? 1 : count <= 4 ? 2 : 3;
        // Classes, not a style attribute: the CSP allows no inline styles.
        return html`<div class="grid columns-${columns}">
          ${layout.main.map((t) => tile(t, 'main'))}${self}
        </div>`;
      }
      case 'single':
      case 'side-by-side':
        return html`<div class="main">${layout.main.map((t) => tile(t, 'main'))}</div>
          ${self}`;
    }
  }

  private renderEnded(state: CallState) {
    const retry = this.problem !== null || canRetry(state);
    const words = this.problem
      ? { heading: msg('没能接通。'), advice: this.problem }
      : state.phase === 'failed'
        ? {
            heading: msg('没能接通。'),
            advice: msg('请检查网络后选“再试一次”；如果还不行，请打电话给医生。'),
          }
        : endWords(state.endReason, this.surface);
    return html`<section class="overlay ended" role="alert">
      <h2>${words.heading}</h2>
      <p>${words.advice}</p>
      <div class="actions">
        ${
          retry
            ? html`<button class="primary" data-focus-key="call-retry" @click=${this.retry}>
                ${msg('再试一次')}
              </button>`
            : nothing
        }
        <button data-focus-key="call-home" @click=${this.goHome}>
          ${this.surface === 'console' ? msg('回到工作台') : msg('回到首页')}
        </button>
      </div>
    </section>`;
  }

  private renderControls(state: CallState) {
    const { mic, camera, sharing } = state.local;
    return html`<div class="controls" role="toolbar" aria-label=${msg('通话控制')}>
      ${
        mic === 'none'
          ? nothing
          : html`<button
              data-focus-key="call-mic"
              aria-pressed=${mic === 'off' ? 'true' : 'false'}
              @click=${this.toggleMic}
            >
              ${mic === 'on' ? callIcon('mic') : callIcon('micOff')}${mic === 'on' ? msg('关闭麦克风') : msg('打开麦克风')}
            </button>`
      }
      ${
        camera === 'none'
          ? nothing
          : html`<button
              data-focus-key="call-camera"
              aria-pressed=${camera === 'off' ? 'true' : 'false'}
              @click=${this.toggleCamera}
            >
              ${camera === 'on' ? callIcon('camera') : callIcon('cameraOff')}${
                camera === 'on' ? msg('关闭摄像头') : msg('打开摄像头')
              }
            </button>`
      }
      ${
        this.surface === 'console'
          ? html`<button
              data-focus-key="call-share"
              aria-pressed=${sharing ? 'true' : 'false'}
              @click=${this.toggleShare}
            >
              ${callIcon('screen')}${sharing ? msg('停止共享') : msg('共享屏幕')}
            </button>`
          : nothing
      }
      <button class="danger" data-focus-key="call-hang-up" @click=${this.askHangUp}>
        ${callIcon('hangUp')}${msg('挂断')}
      </button>
      ${
        this.surface === 'console'
          ? html`<span class="hint">${msg('Esc：挂断')}</span>`
          : html`<span class="hint">${msg('返回键：挂断')}</span>`
      }
    </div>`;
  }

  override render() {
    const state = this.call.state;
    const layout = chooseLayout(this.surface, state.parties);
    const inCall = this.inCall();
    const remote = this.surface !== 'console';
    return html`
      <h1 class="visually-hidden">${msg('视频问诊')}</h1>
      <div class="stage" data-layout=${layout.kind}>
        ${this.renderStage(state, layout)}
        ${
          inCall && state.audioBlocked
            ? html`<p class="banner" role="alert">
                ${remote ? msg('按确认键打开声音') : msg('点一下页面打开声音')}
              </p>`
            : nothing
        }
        ${inCall && this.notice ? html`<p class="banner" role="alert">${this.notice}</p>` : nothing}
        ${
          inCall && state.phase === 'reconnecting'
            ? html`<div class="overlay" role="status" data-reconnecting>
                ${icon('offline')}
                <p>${msg('网络不稳定，正在重新连接…')}</p>
              </div>`
            : nothing
        }
        ${inCall ? nothing : this.renderEnded(state)}
      </div>
      ${inCall ? this.renderControls(state) : nothing}
      <div class="audio">
        ${state.parties.map((p) => [this.call.media(p.identity, 'audio'), this.call.media(p.identity, 'screen-audio')])}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-call-screen': CallScreen;
  }
}
