import { localized, msg } from '@lit/localize';
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { icon } from './icons.js';

export type StatusLevel = 'red' | 'yellow' | 'green';

/**
 * Red, yellow or green, never by colour alone: each level has its own shape and a word
 * (shared/design/clinical.md colours; tv-ui.md: colour is never the only cue).
 * @summary Status with colour, icon and word.
 * @slot - a more specific word than the default (e.g. 血压偏高)
 */
@customElement('dah-status-badge')
@localized()
export class StatusBadge extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      padding: 0 var(--dah-space);
      border-radius: var(--dah-radius);
      color: #000;
      font-weight: 700;
    }
    :host([level='red']) {
      background: var(--dah-danger);
    }
    :host([level='yellow']) {
      background: var(--dah-warning);
    }
    :host([level='green']) {
      background: var(--dah-ok);
    }
    svg {
      margin-right: calc(var(--dah-space) / 3);
    }
  `;

  @property({ reflect: true }) level: StatusLevel = 'green';

  override render() {
    const [shape, word] =
      this.level === 'red'
        ? (['stop', msg('危急')] as const)
        : this.level === 'yellow'
          ? (['attention', msg('注意')] as const)
          : (['check', msg('正常')] as const);
    return html`${icon(shape)}<slot>${word}</slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-status-badge': StatusBadge;
  }
}
