import { msg } from '@lit/localize';
import { css, html } from 'lit';
import type { ApiErrorCode } from '../../shared/api-errors.js';
import { ApiRequestError } from '../api/api-client.js';
import { errorMessage } from '../api/error-messages.js';
import type { Surface } from '../state/session.js';

/** The offline notice, and the key legend in its own band below the TV's and the kiosk's content. */
export const chromeStyles = css`
  .offline {
    margin: 0 var(--dah-safe-x);
    padding: calc(var(--dah-space) / 2) var(--dah-space);
    border-radius: var(--dah-radius);
    background: var(--dah-danger);
    color: #000;
    font-weight: 700;
  }
  /* The call ringing is drawn under the incoming call; the screen on show waits, hidden. */
  main.ringing > :not(dah-call-screen) {
    display: none;
  }
  /*
   * TV and kiosk: the content area ends above the key legend and scrolls by itself, so at every
   * text size no text ever lies under the legend's (issue 12 §4). The legend keeps its own band at
   * the bottom, in the title-safe area (tv-ui.md), on an opaque background.
   */
  :host(:not([surface='console'])) {
    display: flex;
    flex-direction: column;
    height: 100vh;
    min-height: 0;
    overflow: hidden;
  }
  :host(:not([surface='console'])) .surface {
    flex: 1 1 auto;
    min-height: 0;
    overflow-y: auto;
  }
  footer {
    flex: none;
    padding: calc(var(--dah-space) / 2) var(--dah-safe-x) var(--dah-safe-y);
    font-size: var(--dah-font-small);
    color: var(--dah-text-muted);
    background: var(--dah-bg);
  }
  .legend {
    margin-left: calc(var(--dah-space) * 2);
  }
  .key-red,
  .key-yellow {
    display: inline-block;
    width: 0.8em;
    height: 0.8em;
    border-radius: 50%;
    background: #e53935;
    margin-right: 0.3em;
  }
  .key-yellow {
    background: #fdd835;
  }
`;

/** What the colour keys and Back do here (tv-ui.md: legends where the keys act). */
export function renderKeyLegend(surface: Surface, inCall: boolean) {
  // The red key calls for help on a resident's own TV; at a kiosk the nurse asks for the doctor.
  const emergency = surface === 'tv' && !inCall;
  return html`<footer>
    ${emergency ? html`<span><span class="key-red" aria-hidden="true"></span>${msg('红色键：紧急呼叫')}</span>` : null}
    <span class=${inCall ? '' : 'legend'}
      ><span class="key-yellow" aria-hidden="true"></span>${msg('黄色键：帮助')}</span
    >
    <span class="legend">${inCall ? msg('返回键：挂断') : msg('返回键：上一级')}</span>
  </footer>`;
}

/** Where focused elements must sit whole: the title-safe area, clear of the fixed key legend. */
export function safeArea(root: ParentNode): { top: number; bottom: number } {
  const legend = root.querySelector('footer')?.getBoundingClientRect();
  const bottom = window.innerHeight * 0.95;
  return { top: window.innerHeight * 0.05, bottom: legend ? Math.min(bottom, legend.top) : bottom };
}

/** Said at once when the API cannot be reached, and gone when it answers again. */
export function renderOffline() {
  return html`<p class="offline" role="alert">
    ${msg('没有连上网络。请检查网线或无线网络；连上以后会自动恢复。')}
  </p>`;
}

/**
 * The push stream refused for a reason signing in again cannot fix (too many screens open the
 * app at once): calls and news do not reach this screen until one is closed, which the words say.
 */
export function renderPushRefused(code: ApiErrorCode) {
  return html`<p class="offline" role="alert">
    ${msg('这里暂时收不到来电和通知。')} ${errorMessage(new ApiRequestError(429, code, code))}
  </p>`;
}
