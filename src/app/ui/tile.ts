import { LitElement, css, html, unsafeCSS } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { FOCUS_SHOWN_OPACITY } from './focus-indicator.js';
import { icon, type IconName } from './icons.js';

/**
 * A big Home-screen tile: icon and label, one press to open. The emergency tile is red with
 * white text and still says what it is in words.
 *
 * The tile is drawn twice, as it looks unfocused and as it looks focused (ring, accent colours,
 * 5% larger), stacked; focus only shows the focused face. That face sits on a compositor layer of
 * its own, so a focus change is one opacity change per tile and repaints nothing: on a slow TV the
 * repaint of the tile's text and icon was most of the frame (bench/focus-latency.ts). The ring is
 * a box-shadow of the focused face: an outline there still repainted on every change.
 * @summary Large focusable tile for the TV Home screen.
 * @event click - when activated (OK on the remote, a tap on the kiosk)
 */
@customElement('dah-tile')
export class Tile extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    button {
      position: relative;
      display: flex;
      width: 100%;
      height: 100%;
      min-height: calc(240 * var(--dah-px));
      padding: 0;
      border: 0;
      outline: none;
      background: none;
      font: inherit;
      font-size: var(--dah-font-body);
      font-weight: 700;
      scroll-margin: var(--dah-safe-y) var(--dah-safe-x);
    }
    /* The unfocused face gives the tile its size; the focused one lies over it. */
    .face {
      flex: 1;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      padding: var(--dah-space);
      box-sizing: border-box;
      border: calc(3 * var(--dah-px)) solid transparent;
      border-radius: calc(var(--dah-radius) * 1.5);
      background: var(--dah-surface);
      color: var(--dah-text);
    }
    :host([tone='emergency']) .face {
      background: var(--dah-emergency-bg);
      color: var(--dah-on-emergency);
    }
    .face.focused {
      position: absolute;
      top: 0;
      right: 0;
      bottom: 0;
      left: 0;
      box-shadow:
        0 0 0 calc(4 * var(--dah-px)) var(--dah-bg),
        0 0 0 calc(4 * var(--dah-px) + var(--dah-focus-ring-width)) var(--dah-focus-ring);
      border-color: var(--dah-on-accent);
      background: var(--dah-accent);
      color: var(--dah-on-accent);
      transform: scale(1.05);
      opacity: 0;
      will-change: opacity;
    }
    svg {
      font-size: calc(96 * var(--dah-px));
      margin-bottom: calc(var(--dah-space) / 2);
    }
    /* Not 1: a change to or from 1 re-layerizes the page (focus-indicator.ts). */
    button:focus .focused {
      opacity: ${unsafeCSS(String(FOCUS_SHOWN_OPACITY))};
    }
  `;

  @property() label = '';
  @property() icon: IconName = 'record';
  /** 'emergency' for the red tile. */
  @property({ reflect: true }) tone: 'normal' | 'emergency' = 'normal';
  /** Lets the focus manager give this tile back its focus when you return. */
  @property({ attribute: 'focus-key' }) focusKey = '';
  /** The element a screen focuses first. */
  @property({ type: Boolean }) primary = false;

  override render() {
    const face = html`${icon(this.icon)}<span>${this.label}</span>`;
    // The label is said once: the second face is hidden from assistive technology and voice guidance.
    return html`<button data-focus-key=${this.focusKey} ?data-autofocus=${this.primary}>
      <span class="face">${face}</span><span class="face focused" aria-hidden="true">${face}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-tile': Tile;
  }
}
