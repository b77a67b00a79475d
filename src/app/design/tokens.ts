import { css } from 'lit';

/**
 * Design tokens, in one place (shared/design/tv-ui.md). Sizes are in design pixels at 1920x1080
 * and scale with the viewport height, so 720p and 4K look the same. The console (desktop) surface
 * overrides the scale to ordinary desktop density.
 * Avoid CSS newer than Chromium 76 here: no min()/max()/clamp() (79), no flex gap (84),
 * no :focus-visible (86), no aspect-ratio (88). Lit's css`` is not lowered by Vite's cssTarget.
 */
export const tokens = css`
  :host {
    --dah-px: calc(100vh / 1080);
    --dah-font-body: calc(36 * var(--dah-px));
    --dah-font-heading: calc(56 * var(--dah-px));
    --dah-font-small: calc(32 * var(--dah-px));
    --dah-line-height: 1.45;
    --dah-safe-x: 5vw;
    --dah-safe-y: 5vh;
    --dah-space: calc(24 * var(--dah-px));
    --dah-radius: calc(16 * var(--dah-px));
    --dah-target: calc(96 * var(--dah-px));

    /* Colours: text on surfaces keeps a contrast of at least 7:1. */
    --dah-bg: #0f1419;
    --dah-surface: #1c2530;
    --dah-text: #f5f7fa;
    --dah-text-muted: #c9d1da;
    --dah-accent: #ffd54a;
    --dah-focus-ring: #ffd54a;
    --dah-focus-ring-width: calc(6 * var(--dah-px));
    --dah-danger: #ff6b6b;
    --dah-ok: #5be49b;

    font-size: var(--dah-font-body);
    line-height: var(--dah-line-height);
    color: var(--dah-text);
  }

  :host([surface='console']) {
    --dah-px: 1px;
    --dah-font-body: 16px;
    --dah-font-heading: 24px;
    --dah-font-small: 14px;
    --dah-safe-x: 24px;
    --dah-safe-y: 16px;
    --dah-space: 12px;
    --dah-target: 40px;
    --dah-focus-ring-width: 3px;
  }
`;

/** The focus indicator nobody can miss: thick ring, scale and colour change, on plain :focus. */
export const focusRing = css`
  :focus {
    outline: var(--dah-focus-ring-width) solid var(--dah-focus-ring);
    outline-offset: calc(4 * var(--dah-px));
  }
`;
