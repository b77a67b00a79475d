import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { tokens } from '../design/tokens.js';

/**
 * Gives its subtree the design tokens. The app root carries them itself; this wraps components
 * rendered on their own (tests, future embedded widgets).
 * @slot - what gets the tokens
 */
@customElement('dah-theme')
export class Theme extends LitElement {
  static override styles = [tokens];
  override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-theme': Theme;
  }
}
