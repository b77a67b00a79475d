import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A clinician's picture: their initial in a round badge (photos come with the directory work).
 * Decorative: the name is always written next to it.
 * @summary Round initial badge; `size` in design pixels.
 */
@customElement('dah-avatar')
export class Avatar extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      flex: none;
      align-items: center;
      justify-content: center;
      width: calc(var(--size) * var(--dah-px));
      height: calc(var(--size) * var(--dah-px));
      border-radius: 50%;
      background: var(--dah-ok);
      color: #000;
      font-size: calc(var(--size) * 0.48 * var(--dah-px) * var(--dah-text-scale));
      font-weight: 700;
    }
  `;

  @property() name = '';
  @property({ type: Number }) size = 120;

  override render() {
    this.style.setProperty('--size', String(this.size));
    return html`${this.name.slice(0, 1)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-avatar': Avatar;
  }
}
