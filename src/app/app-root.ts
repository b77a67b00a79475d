import { provide } from '@lit/context';
import { localized, msg } from '@lit/localize';
import { LitElement, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CurrentUser } from '../shared/api-schemas.js';
import { ApiClient } from './api/api-client.js';
import { devUserId } from './api/dev-identity.js';
import { errorMessage } from './api/error-messages.js';
import { tokens } from './design/tokens.js';
import { NavigateEvent, RouterController } from './router/router-controller.js';
import { apiContext, sessionContext, type Surface } from './state/contexts.js';
import './screens/surface-home.js';

/** The app root: provides shared state, owns the router, renders the current screen. */
@localized()
@customElement('dah-app')
export class AppRoot extends LitElement {
  static override styles = [tokens];

  @provide({ context: apiContext }) api = new ApiClient(devUserId());
  @provide({ context: sessionContext }) @state() user: CurrentUser | null = null;
  @state() private sessionError: string | null = null;
  private readonly router = new RouterController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.type, this.onNavigate);
    this.api.me().then(
      (user) => (this.user = user),
      (error: unknown) => (this.sessionError = errorMessage(error)),
    );
  }

  private readonly onNavigate = (event: Event) => this.router.navigate((event as NavigateEvent).path);

  /** Reflected so the design tokens can switch to desktop density on the console. */
  @property({ reflect: true }) surface: Surface = 'tv';

  protected override willUpdate(): void {
    this.surface = this.router.route?.surface ?? 'tv';
  }

  override render() {
    const route = this.router.route;
    if (this.sessionError) return html`<p role="alert">${this.sessionError}</p>`;
    if (!route) return html`<p role="alert">${msg('没有这个页面。')}</p>`;
    switch (route.screen) {
      case 'home':
        return html`<dah-surface-home .surface=${route.surface}></dah-surface-home>`;
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
