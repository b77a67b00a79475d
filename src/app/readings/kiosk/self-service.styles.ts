import { css } from 'lit';
import { controls } from '../../design/controls.js';
import { statusText, tvScreen } from '../../design/screen-styles.js';
import { colourWordStyles } from '../colour-styles.js';

/** The self-service kiosk's screen: identify, measure, the result and the visit's next steps. */
export const selfServiceStyles = [
  controls,
  tvScreen,
  statusText,
  colourWordStyles,
  css`
    h1 {
      font-size: var(--dah-font-heading);
      margin: 0 0 var(--dah-space);
    }
    .entry {
      display: flex;
      align-items: flex-start;
    }
    dah-number-pad {
      margin-right: calc(var(--dah-space) * 2);
    }
    .actions button {
      margin: 0 var(--dah-space) var(--dah-space) 0;
    }
    [role='alert'] {
      color: var(--dah-danger);
    }
    .next {
      display: flex;
      flex-wrap: wrap;
    }
    button.big {
      display: inline-flex;
      align-items: center;
      min-height: calc(var(--dah-target) * 1.5);
      min-width: calc(480 * var(--dah-px));
      margin: 0 calc(var(--dah-space) * 1.5) var(--dah-space) 0;
      font-size: var(--dah-font-heading);
    }
    button.big svg {
      margin-right: calc(var(--dah-space) / 2);
    }
  `,
];
