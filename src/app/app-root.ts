import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { SessionActor } from '../shared/api-schemas.js';
import { ApiClient, ApiRequestError } from './api/api-client.js';
import { errorMessage } from './api/error-messages.js';
import { tokens } from './design/tokens.js';
import './identity/login-screen.js';
import './identity/pairing-screen.js';
import './identity/staff-sign-in.js';
import { NavigateEvent, RouterController } from './router/router-controller.js';
import './screens/surface-home.js';
import {
  SESSION_KIND_OF,
  SessionChangedEvent,
  apiContext,
  sessionContext,
  type Surface,
} from './state/contexts.js';

type Auth =
  | { status: 'checking' }
  | { status: 'signed-in' }
  | { status: 'signed-out' }
  | { status: 'error'; message: string };

/**
 * The app root: provides shared state, establishes who is signed in, owns the router and
 * renders the current screen. An unpaired TV or kiosk can only show the pairing screen; the
 * console without a session only its sign-in.
 */
@localized()
@customElement('dah-app')
export class AppRoot extends LitElement {
  static override styles = [tokens];

  @provide({ context: apiContext }) api = new ApiClient();
  @provide({ context: sessionContext }) @state() actor: SessionActor | null = null;
  /** Reflected so the design tokens can switch to desktop density on the console. */
  @property({ reflect: true }) surface: Surface = 'tv';
  @state() private auth: Auth = { status: 'checking' };
  private readonly router = new RouterController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.type, this.onNavigate);
    this.addEventListener(SessionChangedEvent.type, this.onSessionChanged);
    void this.establishSession();
  }

  protected override willUpdate(): void {
    this.surface = this.router.route?.surface ?? 'tv';
  }

  private readonly onNavigate = (event: Event) => this.router.navigate((event as NavigateEvent).path);

  private readonly onSessionChanged = (event: Event) => this.setActor((event as SessionChangedEvent).actor);

  private setActor(actor: SessionActor | null): void {
    // A session of another kind (a clinician's on the TV page) does not sign this surface in.
    const fits = actor !== null && actor.kind === SESSION_KIND_OF[this.surface];
    this.actor = fits ? actor : null;
    this.auth = { status: fits ? 'signed-in' : 'signed-out' };
  }

  /** The session cookie if there is one; a paired device renews its session from its device credential. */
  private async establishSession(): Promise<void> {
    this.surface = this.router.route?.surface ?? 'tv';
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
        if (this.actor?.kind === 'kiosk' && !this.actor.staff)
          return html`<dah-staff-sign-in></dah-staff-sign-in>`;
        return this.renderRoute();
    }
  }

  private renderRoute() {
    const route = this.router.route;
    if (!route) return html`<p role="alert">${msg('没有这个页面。')}</p>`;
    switch (route.screen) {
      case 'home':
        return html`<dah-surface-home .surface=${route.surface}></dah-surface-home>`;
      case 'devices':
        // Loaded on demand: only clinicians ever open it.
        void import('./screens/console-devices.js');
        return html`<dah-console-devices></dah-console-devices>`;
      case 'call':
        // The call screen (and livekit-client behind it) loads only when a call starts.
        void import('./call/call-screen.js');
        return html`<dah-call-screen
          .surface=${route.surface}
          consultation-id=${route.consultationId}
        ></dah-call-screen>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-app': AppRoot;
  }
}
