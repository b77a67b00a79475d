import { css } from 'lit';

/** A reading's colour in words with its icon (words.ts COLOUR_ICON): colour and shape, never colour alone. */
export const colourWordStyles = css`
  .colour {
    display: inline-flex;
    align-items: center;
  }
  .colour svg {
    margin-right: calc(var(--dah-space) / 2);
  }
  .red {
    color: var(--dah-danger);
  }
  .yellow {
    color: var(--dah-warning);
  }
  .green {
    color: var(--dah-ok);
  }
`;
