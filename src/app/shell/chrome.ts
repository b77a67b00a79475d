import { msg } from '@lit/localize';
import { css, html } from 'lit';
import type { Surface } from '../state/session.js';

/** The offline notice, the fixed key legend at the bottom of the TV and the kiosk, and the room kept for it. */
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
  /* Room for the fixed key legend, so the last item can scroll clear of it. */
  :host(:not([surface='console'])) main {
    padding-bottom: calc(var(--dah-font-small) * var(--dah-line-height) + var(--dah-space));
  }
  footer {
    position: fixed;
    left: var(--dah-safe-x);
    bottom: var(--dah-safe-y);
    font-size: var(--dah-font-small);
    color: var(--dah-text-muted);
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
