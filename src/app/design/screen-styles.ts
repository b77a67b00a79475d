import { css } from 'lit';

/** The frame of a TV screen below Home: title, then one idea. */
export const tvScreen = css`
  :host {
    display: block;
    padding: 0 var(--dah-safe-x) var(--dah-safe-y);
  }
  h2 {
    font-size: var(--dah-font-body);
    color: var(--dah-text-muted);
    margin: var(--dah-space) 0 calc(var(--dah-space) / 2);
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    margin-bottom: var(--dah-space);
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    grid-gap: calc(var(--dah-space) / 2) calc(var(--dah-space) * 2);
    margin: 0 0 var(--dah-space);
  }
  dt {
    color: var(--dah-text-muted);
  }
  dd {
    margin: 0;
  }
`;

/** Large status text that focus can reach, so TV screen readers and voice guidance read it. */
export const statusText = css`
  .lead {
    font-size: var(--dah-font-heading);
    font-weight: 700;
    margin: 0 0 var(--dah-space);
    border-radius: var(--dah-radius);
  }
  .muted {
    color: var(--dah-text-muted);
  }
`;
