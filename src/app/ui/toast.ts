import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A short message at the bottom of the screen that never takes focus (tv-ui.md: no pop-ups that
 * steal focus) and is read out by screen readers (aria-live).
 * @summary Non-modal status message.
 */
@customElement('dah-toast')
export class Toast extends LitElement {
  static override styles = css`
    :host {
      position: fixed;
      left: var(--dah-safe-x);
      right: var(--dah-safe-x);
      bottom: var(--dah-safe-y);
      display: flex;
      justify-content: center;
      pointer-events: none;
      z-index: 5;
    }
    div {
      padding: var(--dah-space) calc(var(--dah-space) * 2);
      border-radius: var(--dah-radius);
      background: var(--dah-text);
      color: var(--dah-bg);
    }
    div:empty {
      display: none;
    }
  `;

  @property() message = '';

  override render() {
    return html`<div role="status" aria-live="polite">${this.message}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-toast': Toast;
  }
}
