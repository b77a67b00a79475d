import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionActor } from '../../shared/identity/schemas.js';
import { STAFF_IDLE_MS } from '../../shared/roles.js';
import type { ApiClient } from '../api/api-client.js';
import type { UserActivity } from '../input/user-activity.js';
import * as identityApi from './api.js';

export interface KioskIdleOptions {
  api(): ApiClient;
  /** Every key and touch, from the key router. */
  activity: UserActivity;
  /** A resident is being served (waiting for a doctor, in a call): the nurse stays signed in. */
  busy(): boolean;
  /** The staff member was signed out: the kiosk as the API now sees it (undefined: the API was not reached). */
  signedOut(actor: SessionActor | null | undefined): void;
}

/**
 * A shared kiosk left alone signs its staff member out, as the API does after STAFF_IDLE_MS
 * without a request: otherwise the residents' names and summaries stayed on a screen nobody
 * watched until the next touch found the session gone. Any key or touch counts as activity (the
 * key router announces each: input/user-activity.ts).
 */
export class KioskIdleController implements ReactiveController {
  static idleMs = STAFF_IDLE_MS;
  private timer: number | undefined;
  private stopListening: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: KioskIdleOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.staffSignedIn(false);
  }

  /** A session feature (shell/session-controller.ts): watches while a nurse is signed in. */
  sessionChanged(actor: SessionActor | null): void {
    this.staffSignedIn(actor?.kind === 'kiosk' && actor.staff !== null);
  }

  /** Whether a staff member is signed in on this kiosk. */
  staffSignedIn(signedIn: boolean): void {
    if (signedIn === (this.stopListening !== null)) return;
    if (signedIn) {
      this.stopListening = this.options.activity.subscribe(this.restart);
      this.restart();
    } else {
      this.stopListening?.();
      this.stopListening = null;
      window.clearTimeout(this.timer);
    }
  }

  private readonly restart = () => {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(this.expire, KioskIdleController.idleMs);
  };

  private readonly expire = async () => {
    if (this.options.busy()) return this.restart();
    try {
      this.options.signedOut((await identityApi.staffSignOut(this.options.api())).actor);
    } catch {
      // The API cannot be reached: the screen still must not keep the residents' data.
      this.options.signedOut(undefined);
    }
  };
}
