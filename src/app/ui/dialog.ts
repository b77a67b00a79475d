import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls, fullScreenOverlay } from '../design/controls.js';
import { TabTrapController } from '../input/tab-trap.js';

export interface DialogAction {
  label: string;
  value: string;
  tone?: 'primary' | 'danger';
}

/** Fired with the chosen action's value. */
export class DialogChoiceEvent extends Event {
  static readonly type = 'dah-dialog-choice';
  constructor(readonly value: string) {
    super(DialogChoiceEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * A modal dialog: a question in large text and big answer buttons. Focus stays inside (the focus
 * manager scopes arrows to it; Tab cycles); Back closes it (dialog-controller.ts).
 * @summary Modal dialog for the TV, kiosk and console.
 * @event dah-dialog-choice - an answer was chosen
 */
@customElement('dah-dialog')
export class Dialog extends LitElement {
  static override styles = [
    controls,
    fullScreenOverlay,
    css`
      :host {
        background: rgba(0, 0, 0, 0.8);
        z-index: 10;
      }
      section {
        max-width: 70vw;
        padding: calc(var(--dah-space) * 2);
        border-radius: calc(var(--dah-radius) * 1.5);
        background: var(--dah-surface);
        border: calc(3 * var(--dah-px)) solid var(--dah-text-muted);
      }
      .actions button {
        margin: var(--dah-space) var(--dah-space) 0 0;
      }
      button.danger {
        background: var(--dah-emergency-bg);
        color: var(--dah-on-emergency);
      }
    `,
  ];

  @property() heading = '';
  @property() body = '';
  @property({ attribute: false }) actions: DialogAction[] = [];

  private readonly tabTrap = new TabTrapController(this);

  protected override firstUpdated(): void {
    this.shadowRoot?.querySelector<HTMLButtonElement>('.actions button')?.focus();
  }

  override render() {
    return html`<section role="dialog" aria-modal="true" aria-labelledby="heading" aria-describedby="body">
      <h1 id="heading">${this.heading}</h1>
      <p id="body">${this.body}</p>
      <div class="actions">
        ${this.actions.map(
          (action) =>
            html`<button
              class=${action.tone ?? ''}
              @click=${() => this.dispatchEvent(new DialogChoiceEvent(action.value))}
            >
              ${action.label}
            </button>`,
        )}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-dialog': Dialog;
  }
}
