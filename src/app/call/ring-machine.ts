import type { PushEvent } from '../../shared/consultations/schemas.js';

/** A doctor calling this TV, as the push stream brought it. */
export type Ring = Extract<PushEvent, { type: 'ring' }>;

/** What the ring shows while it is on screen: the countdown to auto-answer, the last error. */
interface Shown {
  ring: Ring;
  /** Seconds left before the TV answers by itself; null: no auto-answer (or stopped by an answer). */
  countdown: number | null;
  /** Why the last answer did not go through (network), in words; '' when none. */
  error: string;
  /** The call's screen is drawn under the ringing, waiting for the answer (not over another call). */
  prepared: boolean;
}

/**
 * A ring's life on a resident's TV, one state at a time (issue 13 item 7):
 *
 *   idle ─ring→ ringing ─standby-joined→ standingBy ─answer/countdown→ answering ─call-shown→ inCall
 *                 │                           │                           │
 *                 └──── decline → declined, ring-cancelled → missed, ended / hung up → cancelled
 *
 * `ringing`: the incoming call is on screen, the ringtone plays. `standingBy`: the same, and the TV
 * waits in the call's room hidden and silent (early media, POST …/standby), so answering only
 * admits it. `answering`: the answer is on its way (`started`: the API said yes and the call
 * started; the ringing goes once the call's screen is on show). The last four end the ring's
 * life; another ring starts a new one from any of them.
 */
export type RingState =
  | { phase: 'idle' }
  | ({ phase: 'ringing' } & Shown)
  | ({ phase: 'standingBy' } & Shown)
  | { phase: 'answering'; ring: Ring; prepared: boolean; standingBy: boolean; started: boolean }
  | { phase: 'inCall'; ring: Ring }
  | { phase: 'declined'; ring: Ring }
  | { phase: 'missed'; ring: Ring; answeredElsewhere: boolean }
  | { phase: 'cancelled'; ring: Ring; why: 'ended' | 'hung-up' | 'signed-out' };

export type RingEvent =
  /** `where`: the TV is in this very call already, in another call, or elsewhere. */
  | { type: 'ring'; ring: Ring; where: 'its-call' | 'another-call' | 'elsewhere' }
  | { type: 'standby-joined'; ring: Ring }
  | { type: 'tick' }
  | { type: 'answer' }
  | { type: 'answered'; ring: Ring }
  /** `gone`: the call is over (403/404/409); otherwise `error` says why, and another press tries again. */
  | { type: 'answer-failed'; ring: Ring; gone: boolean; error: string }
  | { type: 'call-shown'; ring: Ring }
  | { type: 'decline' }
  | { type: 'ring-cancelled'; consultationId: string; answeredElsewhere: boolean }
  | { type: 'ended'; consultationId: string }
  | { type: 'signed-out' };

export const idle: RingState = { phase: 'idle' };

/** The ring on screen (ringing, standing by or answering), or null. */
export function shownRing(state: RingState): Ring | null {
  return state.phase === 'ringing' || state.phase === 'standingBy' || state.phase === 'answering'
    ? state.ring
    : null;
}

/** The consultation whose call screen is drawn under the ringing, or null. */
export function preparedCall(state: RingState): string | null {
  const ring = shownRing(state);
  return ring && 'prepared' in state && state.prepared ? ring.consultationId : null;
}

/**
 * The one place a ring changes state: pure, so every path (a second ring, an answer racing a
 * cancel, Back in the moment after the answer) is tested without a browser
 * (test/unit/ring-machine.test.ts). The controller (resident-calls.ts) does what each change means.
 */
export function ringReducer(state: RingState, event: RingEvent): RingState {
  const ring = shownRing(state);
  switch (event.type) {
    case 'ring':
      // The same call ringing again, or the call it is already in: nothing new.
      if (ring?.consultationId === event.ring.consultationId || event.where === 'its-call') return state;
      return {
        phase: 'ringing',
        ring: event.ring,
        countdown: event.ring.autoAnswerSeconds,
        error: '',
        prepared: event.where === 'elsewhere',
      };
    case 'standby-joined':
      return state.phase === 'ringing' && state.ring === event.ring
        ? { ...state, phase: 'standingBy' }
        : state;
    case 'tick':
      if ((state.phase !== 'ringing' && state.phase !== 'standingBy') || state.countdown === null)
        return state;
      if (state.countdown - 1 <= 0) return answering(state);
      return { ...state, countdown: state.countdown - 1 };
    case 'answer':
      return state.phase === 'ringing' || state.phase === 'standingBy' ? answering(state) : state;
    case 'answered':
      return state.phase === 'answering' && state.ring === event.ring ? { ...state, started: true } : state;
    case 'answer-failed':
      if (state.phase !== 'answering' || state.ring !== event.ring || state.started) return state;
      if (event.gone) return { phase: 'cancelled', ring: state.ring, why: 'hung-up' };
      return {
        phase: state.standingBy ? 'standingBy' : 'ringing',
        ring: state.ring,
        countdown: null,
        error: event.error,
        prepared: state.prepared,
      };
    case 'call-shown':
      return state.phase === 'answering' && state.ring === event.ring && state.started
        ? { phase: 'inCall', ring: state.ring }
        : state;
    case 'decline':
      return ring ? { phase: 'declined', ring } : state;
    case 'ring-cancelled':
      // Once answered, the answer's outcome decides.
      if (ring?.consultationId !== event.consultationId || state.phase === 'answering') return state;
      return { phase: 'missed', ring, answeredElsewhere: event.answeredElsewhere };
    case 'ended':
      return ring?.consultationId === event.consultationId
        ? { phase: 'cancelled', ring, why: 'ended' }
        : state;
    case 'signed-out':
      return ring ? { phase: 'cancelled', ring, why: 'signed-out' } : idle;
  }
}

function answering(state: Extract<RingState, { phase: 'ringing' | 'standingBy' }>): RingState {
  return {
    phase: 'answering',
    ring: state.ring,
    prepared: state.prepared,
    standingBy: state.phase === 'standingBy',
    started: false,
  };
}
