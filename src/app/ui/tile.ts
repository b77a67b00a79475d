import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon, type IconName } from './icons.js';

/**
 * A big Home-screen tile: icon and label, one press to open. The emergency tile is red with
 * white text and still says what it is in words.
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
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      width: 100%;
      height: 100%;
      min-height: calc(240 * var(--dah-px));
      padding: var(--dah-space);
      box-sizing: border-box;
      border: calc(3 * var(--dah-px)) solid transparent;
      border-radius: calc(var(--dah-radius) * 1.5);
      background: var(--dah-surface);
      color: var(--dah-text);
      font: inherit;
      font-size: var(--dah-font-body);
      font-weight: 700;
      scroll-margin: var(--dah-safe-y) var(--dah-safe-x);
      /* A focus change restyles and repaints this tile only, on a layer of its own that the
         focus scale does not have to create (bench/focus-latency.ts). */
      contain: layout paint style;
      will-change: transform;
    }
    svg {
      font-size: calc(96 * var(--dah-px));
      margin-bottom: calc(var(--dah-space) / 2);
    }
    :host([tone='emergency']) button {
      background: var(--dah-emergency-bg);
      color: var(--dah-on-emergency);
    }
    button:focus {
      outline: var(--dah-focus-ring-width) solid var(--dah-focus-ring);
      outline-offset: calc(4 * var(--dah-px));
      border-color: var(--dah-on-accent);
      background: var(--dah-accent);
      color: var(--dah-on-accent);
      transform: scale(1.05);
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
    return html`<button data-focus-key=${this.focusKey} ?data-autofocus=${this.primary}>
      ${icon(this.icon)}<span>${this.label}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-tile': Tile;
  }
}
