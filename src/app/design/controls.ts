import { css } from 'lit';
import { focusIndicator } from '../ui/focus-indicator.js';

/**
 * Big buttons and fields for the remote and the kiosk's touch screen (96 px targets at 1080p).
 * Focus on a button or focusable text repaints nothing: src/app/ui/focus-indicator.ts.
 */
export const controls = [
  focusIndicator,
  css`
    button,
    input,
    select {
      font: inherit;
      min-height: var(--dah-target);
      min-width: var(--dah-target);
      border-radius: var(--dah-radius);
      box-sizing: border-box;
    }
    button {
      border: 0;
      padding: 0 calc(var(--dah-space) * 2);
      background: var(--dah-surface);
      color: var(--dah-text);
      text-align: left;
    }
    button.primary {
      background: var(--dah-ok);
      color: #000;
    }
    input,
    select {
      padding: 0 var(--dah-space);
      border: calc(2 * var(--dah-px)) solid var(--dah-text-muted);
      background: #000;
      color: var(--dah-text);
    }
    input:focus,
    select:focus {
      outline: var(--dah-focus-ring-width) solid var(--dah-focus-ring);
    }
    label {
      display: block;
      margin: var(--dah-space) 0 calc(var(--dah-space) / 2);
    }
    [role='alert'] {
      color: var(--dah-danger);
    }
    h1 {
      font-size: var(--dah-font-heading);
      margin: 0 0 var(--dah-space);
    }
  `,
];

/** The title-safe frame every screen sits in (5% on each edge). */
export const screen = css`
  :host {
    display: block;
    padding: var(--dah-safe-y) var(--dah-safe-x);
  }
`;

/** A host that covers the whole screen and centres what it holds: the dialog, the incoming call. */
export const fullScreenOverlay = css`
  :host {
    position: fixed;
    top: 0;
    right: 0;
    bottom: 0;
    left: 0;
    display: flex;
    align-items: center;
    justify-content: center;
  }
`;
