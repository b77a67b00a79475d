import { provide } from '@lit/context';
import { localized } from '@lit/localize';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiErrorCode } from '../shared/api-errors.js';
import type { SessionActor } from '../shared/identity/schemas.js';
import { ApiClient } from './api/api-client.js';
import { PushChannel } from './api/push-channel.js';
import { renderCallLayer } from './call/call-layer.js';
import { CallPrefetch } from './call/call-prefetch.js';
import { kioskHome } from './home/paths.js';
import { tokens } from './design/tokens.js';
import { FocusManager } from './input/focus-manager.js';
import { KeyRouter } from './input/key-router.js';
import { UserActivity } from './input/user-activity.js';
import { NavigateEvent } from './router/events.js';
import { RouterController } from './router/router-controller.js';
import { homeTiles } from './router/routes.js';
import { ScreenOutlet } from './router/screen-outlet.js';
import { renderStorageFull } from './offline/storage-notice.js';
import { chromeStyles, safeArea, renderKeyLegend, renderOffline, renderPushRefused } from './shell/chrome.js';
import { shellRemoteActions } from './shell/remote-actions.js';
import { SessionController } from './shell/session-controller.js';
import { HelpRequestEvent } from './shell/status-bar.js';
import './shell/status-bar.js';
import { ConnectionController, type ConnectionStatus } from './state/connection.js';
import * as contexts from './state/contexts.js';
import { SessionChangedEvent, surfaceOfLocation, type Surface } from './state/session.js';
import { SettingsChangeEvent, loadSettings, saveSettings, type Settings } from './state/settings.js';
import { applyLocale } from './localization.js';
import { DialogController } from './ui/dialog-controller.js';
import { topOverlay } from './ui/overlays.js';
import { createFeatures } from './features.js';
import { tvReadCache } from './offline/read-cache.js';
import { AppUpdates } from './shell/app-updates.js';
import { VoiceGuidanceController } from './voice/voice-guide.js';

/**
 * The app root: provides shared state (state/contexts.ts), holds the shell's controllers (session,
 * router, focus, remote keys, dialogs, voice) and the features' session controllers, and renders
 * what the route registry resolves.
 */
@customElement('dah-app')
@localized()
export class AppRoot extends LitElement {
  static override styles = [tokens, chromeStyles];
  /** Only a resident's own TV keeps reads for offline use (offline/read-cache.ts). */
  @provide({ context: contexts.apiContext }) api = new ApiClient('', tvReadCache());
  @provide({ context: contexts.pushContext }) push = new PushChannel();
  @provide({ context: contexts.sessionContext }) @state() actor: SessionActor | null = null;
  @provide({ context: contexts.settingsContext }) @state() settings: Settings =
    loadSettings(surfaceOfLocation());
  @provide({ context: contexts.connectionContext }) @state() connection: ConnectionStatus = 'online';
  /** Why the push stream is refused, when signing in again cannot help (PushChannel.refusal). */
  @state() private pushRefusal: ApiErrorCode | null = null;
  /** Reflected so the design tokens can switch to desktop density on the console. */
  @property({ reflect: true }) surface: Surface = surfaceOfLocation();
  @property({ reflect: true, attribute: 'text-size' }) textSize = this.settings.textSize;
  @provide({ context: contexts.callPrefetchContext }) calls = new CallPrefetch();
  @provide({ context: contexts.userActivityContext }) activity = new UserActivity();
  private readonly router = new RouterController(this);
  private readonly dialogs = new DialogController(this);
  private readonly features = createFeatures(
    this,
    {
      api: () => this.api,
      push: this.push,
      calls: this.calls,
      navigate: (path) => this.navigate(path),
      interrupt: () => this.dialogs.closeAll(),
      inCall: () => this.router.route?.screen === 'call',
      activity: this.activity,
      actor: () => this.actor,
      setActor: (actor) => this.session.set(actor),
    },
    () => this.surface,
  );
  private readonly residentCalls = this.features.residentCalls;
  private readonly session = new SessionController(this, {
    api: () => this.api,
    surface: () => this.surface,
    changed: (actor) => this.sessionChanged(actor),
    push: this.push,
    features: this.features.list,
    openWithoutStaff: () => this.features.opensWithoutStaff(this.router.route),
  });
  @provide({ context: contexts.homeTilesContext }) homeTiles = homeTiles();

  private readonly focusManager = new FocusManager(
    () => topOverlay(this.renderRoot) ?? this.renderRoot.querySelector('.surface'),
    () => topOverlay(this.renderRoot) ?? this.renderRoot.querySelector('main'),
    () => safeArea(this.renderRoot),
  );
  private readonly remote = shellRemoteActions({
    focus: this.focusManager,
    activity: this.activity,
    dialogs: this.dialogs,
    surface: () => this.surface,
    signedIn: () => this.session.auth.status === 'signed-in',
    screen: () => this.router.route?.screen,
    up: () => this.router.up(),
    navigate: (path) => this.navigate(path),
    calls: this.residentCalls,
    laterReminder: () => this.features.pharmacy.reminders.later(),
  });
  private readonly keys = new KeyRouter(this, this.remote);
  private readonly voice = new VoiceGuidanceController(this, {
    enabled: () => this.settings.voiceGuidance && this.surface !== 'console',
    locale: () => this.settings.locale,
    context: () => topOverlay(this.renderRoot) ?? this.renderRoot.querySelector('main > *'),
  });
  private readonly connectionWatch = new ConnectionController(
    this,
    () => this.api,
    (status) => (this.connection = status),
  );
  private readonly updates = new AppUpdates(this, () => ({
    overlay: topOverlay(this.renderRoot) !== null,
    screen: this.router.route?.screen,
  }));
  private lastPath = '';
  private readonly outlet = new ScreenOutlet();

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.type, (e) => this.navigate((e as NavigateEvent).path));
    this.addEventListener(SessionChangedEvent.type, (e) =>
      this.session.set((e as SessionChangedEvent).actor),
    );
    this.addEventListener(SettingsChangeEvent.type, (e) => this.changeSettings(e as SettingsChangeEvent));
    this.addEventListener(HelpRequestEvent.type, () => this.remote.help());
    this.push.onRefusal = (code) => (this.pushRefusal = code);
    if (this.settings.locale !== 'zh-CN') void applyLocale(this.settings.locale);
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
    // Back (or anything) away from a self-service visit's screens ends the visit.
    this.features.kioskVisit.routeChanged(this.router.route?.screen);
    // A new screen: put focus where it was when we left it, or on its first element.
    if (this.session.auth.status === 'signed-in' && window.location.pathname !== this.lastPath) {
      this.lastPath = window.location.pathname;
      this.focusManager.settle(this.lastPath);
    }
  }

  private navigate(to: string): void {
    this.focusManager.remember(window.location.pathname);
    this.router.navigate(this.features.kioskVisit.destination(to));
  }

  /**
   * A kiosk's nurse signed out (idle, or by hand): the list replaces whatever resident screen was
   * on show, and no entry behind Back leads to one (router.reset), nor is a screen kept.
   */
  private sessionChanged(actor: SessionActor | null): void {
    const before = this.actor;
    this.actor = actor;
    if (before?.kind === 'kiosk' && before.staff && !(actor?.kind === 'kiosk' && actor.staff)) {
      this.outlet.clear();
      this.router.reset(kioskHome.build());
    }
  }

  private changeSettings({ change }: SettingsChangeEvent): void {
    this.settings = { ...this.settings, ...change };
    saveSettings(this.settings);
    if (change.locale) void applyLocale(change.locale);
  }

  override render() {
    const remote = this.surface !== 'console';
    const offline = remote && this.connection === 'offline';
    return html`<div class="surface">
        ${remote ? html`<dah-status-bar></dah-status-bar>` : null} ${offline ? renderOffline() : null}
        ${this.pushRefusal ? renderPushRefused(this.pushRefusal) : null}
        ${renderStorageFull(this.features.outbox.counts.held)}
        <main class=${this.residentCalls.preparedCall ? 'ringing' : ''}>
          ${this.renderContent()}${this.session.ready ? renderCallLayer(this.router.route, this.residentCalls.preparedCall) : nothing}
        </main>
      </div>
      ${
        remote && this.session.auth.status === 'signed-in'
          ? renderKeyLegend(this.surface, this.router.route?.screen === 'call')
          : null
      }
      ${this.dialogs.render()} ${this.features.pharmacy.render()} ${this.residentCalls.render()}
      ${this.features.reminders.render()} ${this.updates.render()}`;
  }

  private renderContent() {
    return this.session.renderGate() ?? this.outlet.render(this.router.route, window.location.pathname);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-app': AppRoot;
  }
}
