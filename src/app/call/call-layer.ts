import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Route } from '../router/route.js';

/**
 * The TV's and the kiosk's call screen, beside the routed screen: the call on show, or the one
 * ringing (drawn under the incoming call, the routed screen hidden, so that answering only
 * reveals it). One element per call: another consultation gets a new one (the old one hangs up
 * as it goes); the same one keeps its element, so the screen drawn under the ringing becomes
 * the call's.
 */
export function renderCallLayer(route: Route | null, ringing: string | null) {
  const routed = route?.screen === 'call' && route.surface !== 'console' ? route : null;
  const consultationId = routed?.consultationId ?? ringing;
  if (!consultationId) return nothing;
  // The call screen (and livekit-client behind it) loads only when a call starts.
  void import('./call-screen.js');
  return keyed(
    consultationId,
    html`<dah-call-screen
      .surface=${routed?.surface ?? 'tv'}
      consultation-id=${consultationId}
    ></dah-call-screen>`,
  );
}

/** Loads the call screen's code ahead of a call (while it rings or the resident waits). */
export function preloadCallScreen(): void {
  void import('./call-screen.js');
}
