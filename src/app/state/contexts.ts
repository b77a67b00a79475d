import { createContext } from '@lit/context';
import type { ApiClient } from '../api/api-client.js';
import type { SessionActor } from '../../shared/identity/schemas.js';

/** The API client, provided once by the app root. */
export const apiContext = createContext<ApiClient>(Symbol('api'));

/** Who this page is signed in as (a clinician, a TV's resident, a kiosk), or null. */
export const sessionContext = createContext<SessionActor | null>(Symbol('session'));

/** Which surface this page is: the living-room TV, a care-home kiosk, or the clinician console. */
export type Surface = 'tv' | 'kiosk' | 'console';
export const surfaceContext = createContext<Surface>(Symbol('surface'));

/** Screens report a new session (signed in, paired, staff changed) or its end (null) with this. */
export class SessionChangedEvent extends Event {
  static readonly type = 'dah-session-changed';
  constructor(readonly actor: SessionActor | null) {
    super(SessionChangedEvent.type, { bubbles: true, composed: true });
  }
}

/** Which kind of session each surface runs on. */
export const SESSION_KIND_OF: Record<Surface, SessionActor['kind']> = {
  tv: 'tv',
  kiosk: 'kiosk',
  console: 'clinician',
};
