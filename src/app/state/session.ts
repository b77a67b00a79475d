import type { SessionActor } from '../../shared/identity/schemas.js';

/** Which surface this page is: the living-room TV, a care-home kiosk, or the clinician console. */
export type Surface = 'tv' | 'kiosk' | 'console';

/** The surface this page serves, from its address (/kiosk…, /console…, else the TV). */
export function surfaceOfLocation(): Surface {
  const first = window.location.pathname.split('/')[1];
  return first === 'kiosk' || first === 'console' ? first : 'tv';
}

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
