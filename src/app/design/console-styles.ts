import { css } from 'lit';

/**
 * What the console's screens share, at desktop density (the console surface's tokens): panels,
 * tables, the urgent badge (icon and word, never colour alone), muted notes, messages.
 */
export const consoleStyles = css`
  :host {
    display: block;
  }
  h2 {
    font-size: calc(var(--dah-font-heading) * 0.85);
    margin: 0 0 var(--dah-space);
  }
  h3 {
    font-size: var(--dah-font-body);
    margin: var(--dah-space) 0 calc(var(--dah-space) / 2);
  }
  .panel {
    background: var(--dah-surface);
    border-radius: var(--dah-radius);
    padding: var(--dah-space) calc(var(--dah-space) * 1.5);
    margin-bottom: var(--dah-space);
  }
  .panel button:not(.primary):not(.danger) {
    background: var(--dah-bg);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button.danger {
    background: var(--dah-danger);
    color: #000;
  }
  .muted {
    color: var(--dah-text-muted);
  }
  .small {
    font-size: var(--dah-font-small);
  }
  .ok {
    color: var(--dah-ok);
  }
  /* A resident's colour (分色管理): bold, with its icon and word. */
  .reading-colour {
    font-weight: 700;
  }
  .reading-colour.red {
    color: var(--dah-danger);
  }
  .reading-colour.yellow {
    color: var(--dah-warning);
  }
  .reading-colour.green {
    color: var(--dah-ok);
  }
  [role='alert'] {
    color: var(--dah-danger);
    font-weight: 700;
  }
  .urgent-badge {
    display: inline-flex;
    align-items: center;
    padding: 0 calc(var(--dah-space) / 2);
    border-radius: var(--dah-radius);
    background: var(--dah-emergency-bg);
    color: var(--dah-on-emergency);
    font-weight: 700;
    white-space: nowrap;
  }
  .urgent-badge svg {
    margin-right: 4px;
  }
  input,
  select,
  textarea {
    width: 100%;
    box-sizing: border-box;
  }
  textarea {
    font: inherit;
    padding: calc(var(--dah-space) / 2) var(--dah-space);
    border: calc(2 * var(--dah-px)) solid var(--dah-text-muted);
    border-radius: var(--dah-radius);
    background: #000;
    color: var(--dah-text);
    resize: vertical;
  }
  textarea:focus {
    outline: var(--dah-focus-ring-width) solid var(--dah-focus-ring);
  }
  ul.plain {
    list-style: none;
    padding: 0;
    margin: 0;
  }
`;
