import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * Something is under way, said in words (a spinner alone tells an elderly user nothing).
 * @summary Spinner with a sentence.
 */
@customElement('dah-progress')
export class Progress extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
    }
    .spinner {
      width: 1.2em;
      height: 1.2em;
      margin-right: var(--dah-space);
      border: calc(6 * var(--dah-px)) solid var(--dah-surface);
      border-top-color: var(--dah-accent);
      border-radius: 50%;
      animation: spin 1s linear infinite;
      flex: none;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
      }
    }
  `;

  @property() label = '';

  override render() {
    return html`<span class="spinner" aria-hidden="true"></span><span role="status">${this.label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-progress': Progress;
  }
}
