import { consume } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import { callScreenStyles } from './call-screen.styles.js';
import { renderStage } from './call-layout.js';
import { renderControls, renderEnded } from './call-controls.js';
import { CallKeys } from './call-keys.js';
import { deepActiveElement, focusableElements } from '../input/spatial-navigation.js';
import { NavigateEvent } from '../router/events.js';
import { apiContext, callPrefetchContext, sessionContext } from '../state/contexts.js';
import type { SessionActor } from '../../shared/identity/schemas.js';
import { askDialog } from '../ui/dialog-request.js';
import { icon } from '../ui/icons.js';
import { chooseLayout, directoryOf, type CallState, type DirectoryEntry } from './call-model.js';
import { CallSession, type CallController } from './call-session.js';
import type { Sender } from './call-livekit.js';
import type { CallPrefetch, StartedCall } from './call-prefetch.js';
import { homePath } from '../home/paths.js';
import type { Surface } from '../state/session.js';
import { insideOverlay } from '../ui/overlays.js';
import { sessionFactory } from './session-factory.js';
import * as consultationsApi from '../consultations/api.js';

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
  static override styles = callScreenStyles;

  @property({ attribute: 'consultation-id' }) consultationId = '';
  @property({ reflect: true }) surface: Surface = 'tv';
  @consume({ context: apiContext }) api!: ApiClient;
  /** Who this device is (a kiosk with care-home staff signed in measures 'office' readings). */
  @consume({ context: sessionContext, subscribe: true }) actor: SessionActor | null = null;
  /** Calls begun before this screen opened (the app's; none when the screen stands alone). */
  @consume({ context: callPrefetchContext }) calls?: CallPrefetch;
  /** Makes each screen's call: LiveKit's; unit tests put a fake here that needs no LiveKit. */
  static get createSession(): (sender: Sender) => CallController {
    return sessionFactory.create ?? ((sender) => new CallSession({ sender }));
  }
  static set createSession(create: (sender: Sender) => CallController) {
    sessionFactory.create = create;
  }
  /** The hang-up question is open (the app root's dialog: Back closes it, focus comes back). */
  private asking = false;
  /** Words for a call that could not start (no token), or a control that failed. */
  @state() private problem: string | null = null;
  @state() private notice: string | null = null;
  /** TV and kiosk: the measuring panel is open (a reading taken now is attached to this consultation). */
  @state() private measuring = false;
  /** The consultation's patient (its detail), whose reading the measuring panel takes. */
  @state() private patientId = '';

  private session: CallController | null = null;
  /** Who is who in this consultation (its detail), kept for a session adopted later. */
  private directory: ReadonlyMap<string, DirectoryEntry> = new Map();
  /** Drawn under the ringing, before the answer: the screen is hidden and its keys are not its own. */
  private awaitingAnswer = false;
  private focusedBefore: Element | null = null;
  private readonly askedDirectoryFor = new Set<string>();
  /** Something inserted above this screen (the app's offline notice) moves it down: fit again. */
  private readonly layoutWatch = new MutationObserver(() => this.fitToViewport());
  private readonly keys = new CallKeys(this, {
    surface: () => this.surface,
    inCall: () => this.inCall(),
    audioBlocked: () => this.call.state.audioBlocked,
    startAudio: () => void this.call.startAudio(),
    ownsBack: () => this.ownsBack(),
    askHangUp: () => void this.confirmHangUp(),
    closeMeasuring: () => {
      if (!this.measuring) return false;
      this.toggleMeasuring();
      return true;
    },
  });

  private get call(): CallController {
    if (!this.session) {
      this.session = CallScreen.createSession(this.surface === 'console' ? 'clinician' : 'resident');
      this.session.addEventListener('change', this.onSessionChange);
      this.session.rejoinWith(this.renewToken);
    }
    return this.session;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.fitToViewport);
    this.layoutWatch.observe(this.getRootNode(), { childList: true, subtree: true });
    // Moved in the page (disconnected and connected again): the call ended on leaving, so join again.
    if (this.hasUpdated) void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    // The measuring panel covers the self-view's corner: it goes while the panel is open.
    this.toggleAttribute('measuring', this.measuring);
    this.keepFocus();
    this.describeNewcomers(state);
  }

  private readonly onSessionChange = () => this.requestUpdate();
  /** A fresh token for this consultation's call, for a session joining again after LiveKit restarted. */
  private readonly renewToken = () => consultationsApi.callToken(this.api, this.consultationId);

  private async start(): Promise<void> {
    this.problem = null;
    this.askedDirectoryFor.clear();
    void this.loadDirectory();
    const started = this.calls?.takeStartedCall(this.consultationId);
    if (started) {
      // Drawn under the ringing, this screen waits for the answer (call-prefetch.ts prepareCall).
      this.awaitingAnswer = true;
      const call = await started;
      this.awaitingAnswer = false;
      return call ? this.adopt(call) : undefined;
    }
    let token;
    try {
      token = await (this.calls?.takeCallToken(this.consultationId) ??
        consultationsApi.callToken(this.api, this.consultationId));
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
    session.rejoinWith(this.renewToken);
    session.setDirectory(this.directory);
    this.requestUpdate();
    // A failed join: the state says 'failed'; the screen says what to do.
    await joined.catch(() => undefined);
  }

  /** Names and roles of the consultation's people, for participants whose token carries no role. */
  private async loadDirectory(): Promise<void> {
    try {
      const detail = await consultationsApi.consultation(this.api, this.consultationId);
      this.patientId = detail.patient.id;
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

  /**
   * 测量给医生看 (issue 14 item 7): 健康测量 beside the call, the reading carrying this consultation's
   * id so that it shows on the doctor's call screen at once. Its code loads on first use.
   */
  private toggleMeasuring(): void {
    this.measuring = !this.measuring;
    if (this.measuring) void import('../readings/tv/readings-screen.js').then(() => this.focusPanel(20));
    // Focus goes back to the button that opened it once the panel closes (keepFocus otherwise).
    else void this.updateComplete.then(() => this.focusIn('[data-focus-key="call-measure"]'));
  }

  /** Into the panel once its screen has drawn (its pad's first key, as on arrival at the screen). */
  private focusPanel(tries: number): void {
    const panel = this.shadowRoot?.querySelector('[data-measure-panel]');
    if (!panel || !this.measuring) return;
    const candidates = focusableElements(panel);
    const target = candidates.find((c) => c.hasAttribute('data-autofocus')) ?? candidates[0];
    if (target) target.focus();
    else if (tries > 0) window.setTimeout(() => this.focusPanel(tries - 1), 30);
  }

  /**
   * Care-home staff measuring a resident take an office reading; a resident at home or at a
   * self-service kiosk a home one (judged against 135/85: the Chinese hypertension guideline).
   */
  private get measuredByStaff(): boolean {
    const actor = this.actor;
    return actor?.kind === 'kiosk' && !!actor.staff;
  }

  private renderMeasuring() {
    if (!this.measuring || this.surface === 'console' || !this.patientId) return nothing;
    return html`<div class="measure-panel" data-measure-panel>
      <dah-readings-screen
        consultation-id=${this.consultationId}
        patient-id=${this.patientId}
        setting=${this.measuredByStaff ? 'office' : 'home'}
      ></dah-readings-screen>
    </div>`;
  }

  private readonly endActions = { retry: () => this.retry(), home: () => this.goHome() };
  private readonly controlActions = {
    mic: () => this.toggleMic(),
    camera: () => this.toggleCamera(),
    share: () => this.toggleShare(),
    hangUp: () => this.askHangUp(),
    measure: () => this.toggleMeasuring(),
  };

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
    // Focus in the measuring panel is the panel's own (its screen keeps it).
    if (mine && (mine.tabIndex >= 0 || mine.closest('[data-measure-panel]'))) return;
    const active = deepActiveElement();
    const nowhere = !active || active === document.body;
    if (!mine && !nowhere) return;
    if (!mine && this.focusedBefore === null && this.surface === 'console') return;
    this.focusIn(
      '.ended button, [data-focus-key="call-mic"], [data-focus-key="call-camera"], [data-focus-key="call-hang-up"]',
    );
  }

  override render() {
    const state = this.call.state;
    const layout = chooseLayout(this.surface, state.parties);
    const inCall = this.inCall();
    const remote = this.surface !== 'console';
    return html`
      <h1 class="visually-hidden">${msg('视频问诊')}</h1>
      <div class="stage" data-layout=${layout.kind}>
        ${
          // Once the call is over (or never began) the ended panel covers the stage: what the stage
          // said ('正在接通…') must not stay under it, nor be read out (issue 12 §4).
          inCall ? renderStage(this.call, this.surface, state, layout) : nothing
        }
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
        ${inCall ? this.renderMeasuring() : nothing}
        ${inCall ? nothing : renderEnded(state, this.surface, this.problem, this.endActions)}
      </div>
      ${inCall ? renderControls(state, this.surface, this.controlActions, this.measuring) : nothing}
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
