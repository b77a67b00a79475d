import { waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { AppRoot } from '../../../src/app/app-root.js';
import { CARD_PREFIX } from '../../../src/shared/identity/card-format.js';

/**
 * The self-service kiosk's QR-card states for the screen suites (kiosk-visit-screens, text-overlap): a
 * scanned card is answered as each state needs; 'reading' is held until `releaseCard()`, so it is
 * the last to show.
 */
/**
 * What a wedge scanner sends: the text's keys and Enter, back to back, to the focused element
 * (through the window's capture phase, where the key router listens). Dispatched in one go rather
 * than typed through the test runner, whose key presses on a loaded machine can come further apart
 * than a scanner's ever do (a trusted event's timeStamp is when the input arrived, not when the page
 * got round to it).
 */
export function wedgeBurst(text: string): void {
  let target: Element = document.activeElement ?? document.body;
  while (target.shadowRoot?.activeElement) target = target.shadowRoot.activeElement;
  for (const key of [...text.split(''), 'Enter']) {
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }),
    );
  }
}

export const CARD_STATES = ['ready', 'unknown', 'revoked', 'too-many', 'reading'] as const;
export type CardStateName = (typeof CARD_STATES)[number];

let answer: CardStateName = 'unknown';
let release: (() => void) | null = null;

export const cardVisitHandler = http.post('/api/kiosk/visits/card', async () => {
  if (answer === 'reading') await new Promise<void>((resolve) => (release = resolve));
  const code = { unknown: 'card_unknown', revoked: 'card_revoked', 'too-many': 'too_many_attempts' }[
    answer === 'reading' || answer === 'ready' ? 'unknown' : answer
  ];
  return HttpResponse.json(
    { error: { code, message: '' } },
    { status: code === 'too_many_attempts' ? 429 : 401 },
  );
});

/** Lets a held card answer (the 'reading' state ends, as not recognised). */
export function releaseCard(): void {
  release?.();
  release = null;
}

function cardElement(app: AppRoot): Element | null {
  return (
    app.shadowRoot!.querySelector('dah-self-service')?.shadowRoot?.querySelector('dah-kiosk-card-identify') ??
    null
  );
}

/** Brings the self-service screen's card element to a state, as a wedge scanner would. */
export async function showCardState(app: AppRoot, state: CardStateName): Promise<void> {
  const shown = () => cardElement(app)?.shadowRoot?.querySelector(`[data-card-state="${state}"]`);
  if (state !== 'ready') {
    answer = state;
    wedgeBurst(`${CARD_PREFIX}${state[0]!.repeat(43)}`);
  }
  await waitUntil(shown, `the card's ${state} state`);
}
