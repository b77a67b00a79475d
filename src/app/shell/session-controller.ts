import { msg } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import '../identity/login-screen.js';
import '../identity/pairing-screen.js';
import '../identity/staff-sign-in.js';
import type { PushChannel } from '../api/push-channel.js';
import { SESSION_KIND_OF, type Surface } from '../state/session.js';
import * as identityApi from '../identity/api.js';

export type Auth =
  | { status: 'checking' }
  | { status: 'signed-in' }
  | { status: 'signed-out' }
  | { status: 'error'; message: string };

/**
 * A feature controller that works only while someone is signed in (resident calls, the kiosk's
 * place, the kiosk's idle sign-out; next reminders and the outbox). The app root keeps them in one
 * list; each hears every change of session.
 */
export interface SessionFeature {
  /** The surface's signed-in actor, or null when nobody (fitting) is signed in. */
  sessionChanged(actor: SessionActor | null): void;
}

export interface SessionOptions {
  api(): ApiClient;
  surface(): Surface;
  /** The app root's provided state follows (sessionContext). */
  changed(actor: SessionActor | null): void;
  /** Events (ringing, queue, invitations) flow only while someone is signed in (on a kiosk, a nurse). */
  push: PushChannel;
  features: readonly SessionFeature[];
  /** The screen on show opens without staff (the self-service kiosk's visit: RouteDef.withoutStaff). */
  openWithoutStaff(): boolean;
}

/**
 * Who is signed in on this page: the session cookie if there is one, else a paired device renews
 * its session from its device credential. A session of another kind (a clinician's on the TV
 * page) does not sign this surface in. An unpaired TV or kiosk shows only the pairing screen; the
 * console without a session only its sign-in.
 */
export class SessionController implements ReactiveController {
  actor: SessionActor | null = null;
  auth: Auth = { status: 'checking' };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SessionOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The stream ended with its session: a device renews it (or shows that it was unpaired).
    this.options.push.onRefused = () => void this.establish();
    addEventListener('online', this.onOnline);
    void this.establish();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
  }

  /** Started with no network and nothing kept to go on: try again once the network is back. */
  private readonly onOnline = () => {
    if (this.auth.status === 'error') void this.establish();
  };

  /** A kiosk without a nurse signed in shows only the staff sign-in (or the self-service visit). */
  get awaitsStaff(): boolean {
    return this.actor?.kind === 'kiosk' && !this.actor.staff && !this.options.openWithoutStaff();
  }

  /** Whether the screens may show: signed in, and not a kiosk waiting for its nurse. */
  get ready(): boolean {
    return this.auth.status === 'signed-in' && !this.awaitsStaff;
  }

  /** What shows instead of the screens until they may (loading, an error, pairing, sign-in). */
  renderGate() {
    const surface = this.options.surface();
    switch (this.auth.status) {
      case 'checking':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.auth.message}</p>`;
      case 'signed-out':
        return surface === 'console'
          ? html`<dah-login-screen></dah-login-screen>`
          : html`<dah-pairing-screen .kind=${surface === 'kiosk' ? 'kiosk' : 'tv'}></dah-pairing-screen>`;
      case 'signed-in':
        return this.awaitsStaff ? html`<dah-staff-sign-in></dah-staff-sign-in>` : null;
    }
  }

  set(actor: SessionActor | null): void {
    const fits = actor !== null && actor.kind === SESSION_KIND_OF[this.options.surface()];
    this.actor = fits ? actor : null;
    this.auth = { status: fits ? 'signed-in' : 'signed-out' };
    this.options.changed(this.actor);
    if (this.actor && (this.actor.kind !== 'kiosk' || this.actor.staff !== null)) this.options.push.open();
    else this.options.push.close();
    for (const feature of this.options.features) feature.sessionChanged(this.actor);
    this.host.requestUpdate();
  }

  private fail(error: unknown): void {
    this.auth = { status: 'error', message: errorMessage(error) };
    this.host.requestUpdate();
  }

  private async establish(): Promise<void> {
    const api = this.options.api();
    const console = this.options.surface() === 'console';
    try {
      this.set((await identityApi.session(api)).actor);
      if (this.actor || console) return;
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) return this.fail(error);
      if (console) return this.set(null);
    }
    try {
      this.set((await identityApi.deviceSession(api)).actor);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) this.set(null);
      else this.fail(error);
    }
  }
}
