import { css } from 'lit';
import { controls } from '../../design/controls.js';
import { tvScreen } from '../../design/screen-styles.js';
import { colourWordStyles } from '../colour-styles.js';

/** 健康测量's styles: the measure and context choices, the pad beside its prompt, the result's colour. */
export const readingsScreenStyles = [
  controls,
  tvScreen,
  colourWordStyles,
  css`
    .measures button,
    .actions button {
      margin: 0 var(--dah-space) var(--dah-space) 0;
    }
    button[aria-pressed='true'] {
      box-shadow: inset 0 0 0 calc(4 * var(--dah-px)) var(--dah-ok);
    }
    button[aria-pressed='true']::before {
      content: '✓ ';
    }
    .entry {
      display: flex;
      align-items: flex-start;
    }
    .entry dah-number-pad {
      margin-right: calc(var(--dah-space) * 2);
    }
    .lead {
      font-size: var(--dah-font-heading);
      font-weight: 700;
      margin: 0 0 var(--dah-space);
    }
    meter {
      width: calc(640 * var(--dah-px));
      height: calc(48 * var(--dah-px));
    }
    [role='alert'] {
      color: var(--dah-danger);
    }
  `,
];
