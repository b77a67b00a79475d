import { msg } from '@lit/localize';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { SessionActor, SessionInfo } from '../../shared/identity/schemas.js';
import { ApiRequestError, type ApiClient } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import type { PushChannel } from '../api/push-channel.js';
import { SESSION_KIND_OF, type Surface } from '../state/session.js';
import * as identityApi from '../identity/api.js';
import { whenFirstFrameShown } from './first-frame.js';

/** How long a TV with a kept session waits for the API's answer before it shows Home from the kept one. */
export const KEPT_SESSION_GRACE_MS = 1500;

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
    if (!this.startFromKeptSession()) void this.establish();
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
  }

  /**
   * Started with no network and nothing kept to go on, or signed in from the kept session: ask the
   * API once the network is back (for the session's CSRF token, and in case it ended meanwhile).
   */
  private readonly onOnline = () => {
    if (this.auth.status === 'error' || this.fromKeptSession) void this.establish();
  };

  /** Signed in from the TV's kept session answer, not yet confirmed by the API. */
  private fromKeptSession = false;

  /**
   * A TV started with no network (navigator.onLine false) and its own session kept: signed in from
   * it at once, so the first frame is Home (issue 18: cold start from the cache under 1 s), instead
   * of a request that must fail, then IndexedDB, then a second render. The kept copy is read
   * synchronously (localStorage); only a resident's own TV keeps one (offline/read-cache.ts).
   */
  private startFromKeptSession(evenOnline = false): boolean {
    if (navigator.onLine !== false && !evenOnline) return false;
    const kept = this.options.api().keptSession<SessionInfo>();
    const actor = kept?.value.actor;
    if (!actor || actor.kind !== SESSION_KIND_OF[this.options.surface()]) return false;
    this.fromKeptSession = true;
    // At start, Home first: nothing of the features is needed for its first frame.
    this.set(actor, !evenOnline);
    return true;
  }

  /** A kiosk without a nurse signed in shows only the staff sign-in (or the self-service visit). */
  get awaitsStaff(): boolean {
    return this.actor?.kind === 'kiosk' && !this.actor.staff && !this.options.openWithoutStaff();
  }

  /** Whether the screens may show: signed in, and not a kiosk waiting for its nurse. */
  get ready(): boolean {
    return this.auth.status === 'signed-in' && !this.awaitsStaff;
  }

  /**
   * What shows instead of the screens until they may (loading, an error, pairing, sign-in). The
   * sign-in screens load when first wanted: a paired TV's start never needs them (issue 18, cold
   * start: fewer elements defined before Home); the element upgrades when its chunk arrives.
   */
  renderGate() {
    const surface = this.options.surface();
    switch (this.auth.status) {
      case 'checking':
        return html`<p role="status">${msg('正在加载，请稍候…')}</p>`;
      case 'error':
        return html`<p role="alert">${this.auth.message}</p>`;
      case 'signed-out':
        if (surface === 'console') {
          void import('../identity/login-screen.js');
          return html`<dah-login-screen></dah-login-screen>`;
        }
        void import('../identity/pairing-screen.js');
        return html`<dah-pairing-screen .kind=${surface === 'kiosk' ? 'kiosk' : 'tv'}></dah-pairing-screen>`;
      case 'signed-in':
        if (!this.awaitsStaff) return null;
        void import('../identity/staff-sign-in.js');
        return html`<dah-staff-sign-in></dah-staff-sign-in>`;
    }
  }

  /**
   * `afterFirstFrame`: the screens follow now, the push channel and the session features (the
   * outbox's and the reminders' databases, the waiting room's read) once the first screen is up.
   */
  set(actor: SessionActor | null, afterFirstFrame = false): void {
    const fits = actor !== null && actor.kind === SESSION_KIND_OF[this.options.surface()];
    this.actor = fits ? actor : null;
    this.auth = { status: fits ? 'signed-in' : 'signed-out' };
    this.options.changed(this.actor);
    if (afterFirstFrame) whenFirstFrameShown(() => this.tellFeatures());
    else this.tellFeatures();
    this.host.requestUpdate();
  }

  /** The push channel and every session feature follow the session of the moment (each is idempotent). */
  private tellFeatures(): void {
    if (this.actor && (this.actor.kind !== 'kiosk' || this.actor.staff !== null)) this.options.push.open();
    else this.options.push.close();
    for (const feature of this.options.features) feature.sessionChanged(this.actor);
  }

  private fail(error: unknown): void {
    this.auth = { status: 'error', message: errorMessage(error) };
    this.host.requestUpdate();
  }

  private async establish(): Promise<void> {
    const api = this.options.api();
    const console = this.options.surface() === 'console';
    // A network that says it is there but does not answer (a village link down behind the router)
    // must not hold the TV on '正在加载' until the browser gives up: after a grace, Home from the
    // kept session, and the answer, whenever it comes, decides.
    const grace = window.setTimeout(() => {
      if (this.auth.status === 'checking' || this.auth.status === 'error') this.startFromKeptSession(true);
    }, KEPT_SESSION_GRACE_MS);
    try {
      const { value, storedAt } = await identityApi.sessionWithAge(api);
      this.fromKeptSession = storedAt !== null;
      this.set(value.actor);
      if (this.actor || console) return;
    } catch (error) {
      if (!(error instanceof ApiRequestError && error.status === 401)) return this.failUnlessKept(error);
      if (console) return this.set(null);
    } finally {
      window.clearTimeout(grace);
    }
    try {
      this.fromKeptSession = false;
      this.set((await identityApi.deviceSession(api)).actor);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) this.set(null);
      else this.failUnlessKept(error);
    }
  }

  /** Signed in from the kept session, an answer that is no answer (the API out of reach, a 5xx) keeps Home. */
  private failUnlessKept(error: unknown): void {
    if (!this.fromKeptSession) this.fail(error);
  }
}
