import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { SessionActor } from '../shared/identity/schemas.js';
import { ApiClient, ApiRequestError } from './api/api-client.js';
import { errorMessage } from './api/error-messages.js';
import { PushChannel, pushContext } from './api/push-channel.js';
import { tokens } from './design/tokens.js';
import './identity/login-screen.js';
import './identity/pairing-screen.js';
import './identity/staff-sign-in.js';
import { FocusManager } from './input/focus-manager.js';
import { KeyRouter } from './input/key-router.js';
import { kioskWaitingRoomContext } from './kiosk/kiosk-calls.js';
import { KioskIdleController } from './kiosk/kiosk-idle.js';
import { applyLocale } from './localization.js';
import { NavigateEvent, RouterController } from './router/router-controller.js';
import './screens/surface-home.js';
import { ConnectionController, connectionContext, type ConnectionStatus } from './state/connection.js';
import {
  SESSION_KIND_OF,
  SessionChangedEvent,
  apiContext,
  sessionContext,
  type Surface,
} from './state/contexts.js';
import {
  SettingsChangeEvent,
  loadSettings,
  saveSettings,
  settingsContext,
  type Settings,
} from './state/settings.js';
import { ResidentCallController } from './tv/resident-calls.js';
import { HelpRequestEvent } from './tv/status-bar.js';
import './tv/status-bar.js';
import './tv/tv-home.js';
import { waitingRoomContext } from './tv/waiting-room.js';
import { ConsultationPlace } from './tv/consultation-place.js';
import { DialogController } from './ui/dialog-controller.js';
import { DialogRequestEvent } from './ui/dialog-request.js';
import { VoiceGuidanceController } from './voice/voice-guide.js';

type Auth =
  | { status: 'checking' }
  | { status: 'signed-in' }
  | { status: 'signed-out' }
  | { status: 'error'; message: string };

function surfaceOfLocation(): Surface {
  const first = window.location.pathname.split('/')[1];
  return first === 'kiosk' || first === 'console' ? first : 'tv';
}

/**
 * The app root: provides shared state (api, session, settings, connection), establishes who is
 * signed in, owns the router, focus, remote keys and dialogs, and renders the current screen.
 * An unpaired TV or kiosk can only show the pairing screen; the console without a session only
 * its sign-in.
 */
@customElement('dah-app')
@localized()
export class AppRoot extends LitElement {
  static override styles = [
    tokens,
    css`
      .offline {
        margin: 0 var(--dah-safe-x);
        padding: calc(var(--dah-space) / 2) var(--dah-space);
        border-radius: var(--dah-radius);
        background: var(--dah-danger);
        color: #000;
        font-weight: 700;
      }
      /* Room for the fixed key legend, so the last item can scroll clear of it. */
      :host(:not([surface='console'])) main {
        padding-bottom: calc(var(--dah-font-small) * var(--dah-line-height) + var(--dah-space));
      }
      /* The call ringing is drawn under the incoming call; the screen on show waits, hidden. */
      main.ringing > :not(dah-call-screen) {
        display: none;
      }
      footer {
        position: fixed;
        left: var(--dah-safe-x);
        bottom: var(--dah-safe-y);
        font-size: var(--dah-font-small);
        color: var(--dah-text-muted);
      }
      .legend {
        margin-left: calc(var(--dah-space) * 2);
      }
      .key-red,
      .key-yellow {
        display: inline-block;
        width: 0.8em;
        height: 0.8em;
        border-radius: 50%;
        background: #e53935;
        margin-right: 0.3em;
      }
      .key-yellow {
        background: #fdd835;
      }
    `,
  ];

  @provide({ context: apiContext }) api = new ApiClient();
  @provide({ context: pushContext }) push = new PushChannel();
  @provide({ context: sessionContext }) @state() actor: SessionActor | null = null;
  @provide({ context: settingsContext }) @state() settings: Settings = loadSettings(surfaceOfLocation());
  @provide({ context: connectionContext }) @state() connection: ConnectionStatus = 'online';
  /** Reflected so the design tokens can switch to desktop density on the console. */
  @property({ reflect: true }) surface: Surface = surfaceOfLocation();
  @property({ reflect: true, attribute: 'text-size' }) textSize = this.settings.textSize;
  @state() private auth: Auth = { status: 'checking' };
  /** A resident's TV: ringing, the waiting room, admission and the end of a call, on any screen. */
  private readonly residentCalls = new ResidentCallController(this, {
    api: () => this.api,
    push: this.push,
    navigate: (path) => this.navigate(path),
    interrupt: () => {
      while (this.dialogs.closeTop());
    },
  });
  @provide({ context: waitingRoomContext }) waitingRoom = this.residentCalls.place.waitingRoom;
  /** A care-home kiosk with a nurse signed in: the place it asked for, admission, the end of the call. */
  private readonly kioskCalls = new ConsultationPlace(this, {
    surface: 'kiosk',
    api: () => this.api,
    push: this.push,
    navigate: (path) => this.navigate(path),
    interrupt: () => {
      while (this.dialogs.closeTop());
    },
  });
  @provide({ context: kioskWaitingRoomContext }) kioskWaitingRoom = this.kioskCalls.waitingRoom;
  /** A kiosk left alone signs its nurse out, unless a resident is waiting or in a call. */
  private readonly kioskIdle = new KioskIdleController(this, {
    api: () => this.api,
    busy: () => this.kioskCalls.waitingRoom.waiting || this.router.route?.screen === 'call',
    signedOut: (actor) =>
      this.setActor(
        actor === undefined && this.actor?.kind === 'kiosk'
          ? { ...this.actor, staff: null }
          : (actor ?? null),
      ),
  });

  private readonly router = new RouterController(this);
  private readonly dialogs = new DialogController(this);
  private readonly focusManager = new FocusManager(
    () => this.overlay() ?? this.renderRoot.querySelector('.surface'),
    () => this.overlay() ?? this.renderRoot.querySelector('main'),
    () => {
      // The key legend is fixed above the bottom safe margin: focus stays clear of it too.
      const legend = this.renderRoot.querySelector('footer')?.getBoundingClientRect();
      const bottom = window.innerHeight * 0.95;
      return { top: window.innerHeight * 0.05, bottom: legend ? Math.min(bottom, legend.top) : bottom };
    },
  );
  private readonly keys = new KeyRouter(this, {
    focus: this.focusManager,
    remoteDriven: () => this.surface !== 'console' && this.auth.status === 'signed-in',
    screenKey: () => window.location.pathname,
    back: () => this.back(),
    // In a call the doctor is already there: the red key must not drop the call.
    emergency: () => {
      if (this.surface === 'tv' && this.router.route?.screen !== 'call') this.navigate('/tv/emergency');
    },
    answerCall: () => this.residentCalls.answer(),
    help: () => this.showHelp(),
  });
  private readonly voice = new VoiceGuidanceController(this, {
    enabled: () => this.settings.voiceGuidance && this.surface !== 'console',
    locale: () => this.settings.locale,
    context: () => this.overlay() ?? this.renderRoot.querySelector('main > *'),
  });
  private readonly connectionWatch = new ConnectionController(
    this,
    () => this.api,
    (status) => (this.connection = status),
  );
  private lastPath = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.type, this.onNavigate);
    this.addEventListener(SessionChangedEvent.type, this.onSessionChanged);
    this.addEventListener(SettingsChangeEvent.type, this.onSettingsChange);
    this.addEventListener(HelpRequestEvent.type, this.onHelp);
    this.addEventListener(DialogRequestEvent.type, this.onDialogRequest);
    if (this.settings.locale !== 'zh-CN') void applyLocale(this.settings.locale);
    // The stream ended with its session: a device renews it (or shows that it was unpaired).
    this.push.onRefused = () => void this.establishSession();
    void this.establishSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.push.close();
  }

  protected override willUpdate(): void {
    this.surface = this.router.route?.surface ?? surfaceOfLocation();
    this.textSize = this.settings.textSize;
  }

  protected override updated(): void {
    // A new screen: put focus where it was when we left it, or on its first element.
    if (this.auth.status === 'signed-in' && window.location.pathname !== this.lastPath) {
      this.lastPath = window.location.pathname;
      this.focusManager.settle(this.lastPath);
    }
  }

  private navigate(path: string): void {
    this.focusManager.remember(window.location.pathname);
    this.router.navigate(path);
  }

  private readonly onNavigate = (event: Event) => this.navigate((event as NavigateEvent).path);

  private readonly onSessionChanged = (event: Event) => this.setActor((event as SessionChangedEvent).actor);

  private readonly onSettingsChange = (event: Event) => {
    const change = (event as SettingsChangeEvent).change;
    this.settings = { ...this.settings, ...change };
    saveSettings(this.settings);
    if (change.locale) void applyLocale(change.locale);
  };

  private readonly onHelp = () => this.showHelp();

  private readonly onDialogRequest = (event: Event) => {
    const request = event as DialogRequestEvent;
    request.respond(this.dialogs.open(request.heading, request.body, request.actions));
  };

  /** What holds focus over the screen: an incoming call, else the top dialog. */
  private overlay(): Element | null {
    return this.renderRoot.querySelector('dah-incoming-call') ?? this.renderRoot.querySelector('dah-dialog');
  }

  private showHelp(): void {
    if (this.dialogs.isOpen || this.residentCalls.ringing) return;
    void this.dialogs.open(
      msg('怎么用遥控器'),
      msg(
        '方向键选择，确认键打开，返回键回到上一级。红色键：紧急呼叫。绿色键：接听医生打来的视频电话。黄色键：随时打开这个帮助。',
      ),
      [{ label: msg('知道了'), value: 'ok', tone: 'primary' }],
    );
  }

  /** Back: close a dialog, else up one level; on Home ask before leaving (Samsung requires it). */
  private back(): void {
    // While a doctor calls, Back declines the call.
    if (this.residentCalls.decline()) return;
    if (this.dialogs.closeTop()) return;
    this.focusManager.remember(window.location.pathname);
    if (this.router.up()) return;
    if (this.surface !== 'console') void this.confirmExit();
  }

  private async confirmExit(): Promise<void> {
    const answer = await this.dialogs.open(
      msg('要退出临医在家吗？'),
      msg('退出以后，医生打来的视频电话就接不到了。'),
      [
        { label: msg('不退出'), value: 'stay', tone: 'primary' },
        { label: msg('退出'), value: 'exit' },
      ],
    );
    if (answer !== 'exit') return;
    const platform = window as unknown as {
      tizen?: { application?: { getCurrentApplication(): { exit(): void } } };
      webOS?: { platformBack?: () => void };
    };
    if (platform.tizen?.application) platform.tizen.application.getCurrentApplication().exit();
    else if (platform.webOS?.platformBack) platform.webOS.platformBack();
    else window.close();
  }

  private setActor(actor: SessionActor | null): void {
    // A session of another kind (a clinician's on the TV page) does not sign this surface in.
    const fits = actor !== null && actor.kind === SESSION_KIND_OF[this.surface];
    this.actor = fits ? actor : null;
    this.auth = { status: fits ? 'signed-in' : 'signed-out' };
    // Events (ringing, queue, invitations) flow only while someone is signed in (on a kiosk, a nurse).
    if (fits && (actor.kind !== 'kiosk' || actor.staff !== null)) this.push.open();
    else this.push.close();
    this.residentCalls.signedIn(fits && actor.kind === 'tv');
    this.kioskCalls.signedIn(fits && actor.kind === 'kiosk' && actor.staff !== null);
    this.kioskIdle.staffSignedIn(fits && actor.kind === 'kiosk' && actor.staff !== null);
  }

  /** The session cookie if there is one; a paired device renews its session from its device credential. */
  private async establishSession(): Promise<void> {
    try {
      this.setActor((await this.api.session()).actor);
      if (this.actor || this.surface === 'console') return;
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) {
        this.auth = { status: 'error', message: errorMessage(error) };
        return;
      }
      if (this.surface === 'console') return this.setActor(null);
    }
    try {
      this.setActor((await this.api.deviceSession()).actor);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) this.setActor(null);
      else this.auth = { status: 'error', message: errorMessage(error) };
    }
  }

  override render() {
    const remote = this.surface !== 'console';
    return html`<div class="surface">
        ${remote ? html`<dah-status-bar></dah-status-bar>` : null}
        ${
          remote && this.connection === 'offline'
            ? html`<p class="offline" role="alert">
                ${msg('没有连上网络。请检查网线或无线网络；连上以后会自动恢复。')}
              </p>`
            : null
        }
        <main class=${this.residentCalls.preparedCall ? 'ringing' : ''}>
          ${this.renderContent()}${this.renderCallScreen()}
        </main>
      </div>
      ${remote && this.auth.status === 'signed-in' ? this.renderKeyLegend() : null} ${this.dialogs.render()}
      ${this.residentCalls.render()}`;
  }

  /** What the colour keys and Back do here (tv-ui.md: legends where the keys act). */
  private renderKeyLegend() {
    const inCall = this.router.route?.screen === 'call';
    // The red key calls for help on a resident's own TV; at a kiosk the nurse asks for the doctor.
    const emergency = this.surface === 'tv' && !inCall;
    return html`<footer>
      ${emergency ? html`<span><span class="key-red" aria-hidden="true"></span>${msg('红色键：紧急呼叫')}</span>` : null}
      <span class=${inCall ? '' : 'legend'}
        ><span class="key-yellow" aria-hidden="true"></span>${msg('黄色键：帮助')}</span
      >
      <span class="legend">${inCall ? msg('返回键：挂断') : msg('返回键：上一级')}</span>
    </footer>`;
  }

  private renderContent() {
    switch (this.auth.status) {
      case 'checking':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.auth.message}</p>`;
      case 'signed-out':
        return this.surface === 'console'
          ? html`<dah-login-screen></dah-login-screen>`
          : html`<dah-pairing-screen
              .kind=${this.surface === 'kiosk' ? 'kiosk' : 'tv'}
            ></dah-pairing-screen>`;
      case 'signed-in':
        return this.awaitsStaff() ? html`<dah-staff-sign-in></dah-staff-sign-in>` : this.renderRoute();
    }
  }

  /** A kiosk without a nurse signed in shows only the staff sign-in. */
  private awaitsStaff(): boolean {
    return this.actor?.kind === 'kiosk' && !this.actor.staff;
  }

  private renderRoute() {
    const route = this.router.route;
    if (!route) return html`<p role="alert">${msg('没有这个页面。')}</p>`;
    switch (route.screen) {
      case 'home':
        if (route.surface === 'console') {
          // The clinician's work screen: the queue (doctors), invitations (specialists).
          void import('./console/console-home.js');
          return html`<dah-console-home></dah-console-home>`;
        }
        return route.surface === 'tv'
          ? html`<dah-tv-home></dah-tv-home>`
          : html`<dah-surface-home .surface=${route.surface}></dah-surface-home>`;
      case 'consult':
        if (route.surface === 'kiosk') {
          void import('./kiosk/kiosk-consult-screen.js');
          return html`<dah-kiosk-consult patient-id=${route.patientId}></dah-kiosk-consult>`;
        }
        void import('./tv/consult-screen.js');
        return html`<dah-consult-screen></dah-consult-screen>`;
      case 'record':
        void import('./tv/record-screen.js');
        return html`<dah-record-screen></dah-record-screen>`;
      case 'medicines':
      case 'readings':
      case 'appointments':
        void import('./tv/empty-domain-screen.js');
        return html`<dah-empty-domain-screen .domain=${route.screen}></dah-empty-domain-screen>`;
      case 'emergency':
        void import('./tv/emergency-screen.js');
        return html`<dah-emergency-screen></dah-emergency-screen>`;
      case 'waiting':
        if (route.surface === 'kiosk') {
          void import('./kiosk/kiosk-waiting-screen.js');
          return html`<dah-kiosk-waiting></dah-kiosk-waiting>`;
        }
        void import('./tv/waiting-screen.js');
        return html`<dah-waiting-screen></dah-waiting-screen>`;
      case 'summary':
        void import('./tv/summary-screen.js');
        return html`<dah-summary-screen
          consultation-id=${route.consultationId}
          .surface=${route.surface}
          .pushed=${(route.surface === 'kiosk'
            ? this.kioskCalls
            : this.residentCalls.place
          ).pushedSummaries.get(route.consultationId)}
        ></dah-summary-screen>`;
      case 'settings':
        void import('./tv/settings-screen.js');
        return html`<dah-settings-screen></dah-settings-screen>`;
      case 'devices':
        // Loaded on demand: only clinicians ever open it.
        void import('./screens/console-devices.js');
        return html`<dah-console-devices></dah-console-devices>`;
      case 'call':
        if (route.surface === 'console') {
          // The call with the clinician's panel beside it (invite, summary, end).
          void import('./console/console-call.js');
          return html`<dah-console-call consultation-id=${route.consultationId}></dah-console-call>`;
        }
        // The TV's and the kiosk's: renderCallScreen().
        return nothing;
    }
  }

  /**
   * The TV's and the kiosk's call screen, beside the routed screen: the call on show, or the one
   * ringing (drawn under the incoming call, the routed screen hidden, so that answering only
   * reveals it). One element per call: another consultation gets a new one (the old one hangs up
   * as it goes); the same one keeps its element, so the screen drawn under the ringing becomes
   * the call's.
   */
  private renderCallScreen() {
    const route = this.router.route;
    const routed = route?.screen === 'call' && route.surface !== 'console' ? route : null;
    const consultationId = routed?.consultationId ?? this.residentCalls.preparedCall;
    if (this.auth.status !== 'signed-in' || this.awaitsStaff() || !consultationId) return nothing;
    // The call screen (and livekit-client behind it) loads only when a call starts.
    void import('./call/call-screen.js');
    return keyed(
      consultationId,
      html`<dah-call-screen
        .surface=${routed?.surface ?? 'tv'}
        consultation-id=${consultationId}
      ></dah-call-screen>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-app': AppRoot;
  }
}
