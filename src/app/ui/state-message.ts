import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls } from '../design/controls.js';
import { icon } from './icons.js';

/** The way out of an empty or error state was chosen. */
export class StateActionEvent extends Event {
  static readonly type = 'dah-state-action';
  constructor() {
    super(StateActionEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * An empty or error state that says what happened and offers a way out (never a dead end).
 * @summary Empty/error message with one action.
 * @event dah-state-action - the action button was pressed
 */
@customElement('dah-state-message')
export class StateMessage extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
      }
      p {
        display: flex;
        align-items: center;
      }
      svg {
        font-size: calc(64 * var(--dah-px));
        margin-right: var(--dah-space);
        flex: none;
      }
      :host([kind='error']) svg {
        color: var(--dah-danger);
      }
    `,
  ];

  @property({ reflect: true }) kind: 'empty' | 'error' = 'empty';
  @property() message = '';
  @property({ attribute: 'action-label' }) actionLabel = '';

  override render() {
    return html`<p role=${this.kind === 'error' ? 'alert' : 'status'}>
        ${icon(this.kind === 'error' ? 'attention' : 'record')}<span>${this.message}</span>
      </p>
      ${
        this.actionLabel
          ? html`<button
              data-focus-key="state-action"
              @click=${() => this.dispatchEvent(new StateActionEvent())}
            >
              ${this.actionLabel}
            </button>`
          : null
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-state-message': StateMessage;
  }
}
