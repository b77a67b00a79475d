import { css } from 'lit';

/**
 * Design tokens, in one place (shared/design/tv-ui.md). Sizes are in design pixels at 1920x1080
 * and scale with the viewport height, so 720p and 4K look the same; the larger-text setting
 * multiplies every font size. The console (desktop) surface switches to desktop density.
 * Avoid CSS newer than Chromium 76 here and in every component: no min()/max()/clamp() (79), no
 * flex gap (84), no :focus-visible (86), no aspect-ratio (88); Lit's css`` is not lowered by Vite.
 * Text contrast is at least 7:1 on every surface colour it sits on (asserted in test/unit).
 */
export const tokens = css`
  :host {
    --dah-px: calc(100vh / 1080);
    --dah-text-scale: 1;
    --dah-font-body: calc(36 * var(--dah-px) * var(--dah-text-scale));
    --dah-font-heading: calc(56 * var(--dah-px) * var(--dah-text-scale));
    --dah-font-small: calc(32 * var(--dah-px) * var(--dah-text-scale));
    --dah-line-height: 1.45;
    --dah-safe-x: 5vw;
    --dah-safe-y: 5vh;
    --dah-space: calc(24 * var(--dah-px));
    --dah-radius: calc(16 * var(--dah-px));
    --dah-target: calc(96 * var(--dah-px));

    --dah-bg: #0f1419;
    --dah-surface: #1c2530;
    --dah-text: #f5f7fa;
    --dah-text-muted: #c9d1da;
    --dah-accent: #ffd54a;
    --dah-on-accent: #000000;
    --dah-focus-ring: #ffd54a;
    /* The focused button's plate under a light label (src/app/ui/focus-indicator.ts): 7:1 with the
       text and the muted text colours, lighter and bluer than the surface. */
    --dah-focus-plate-dark: #1f3a5c;
    --dah-focus-ring-width: calc(6 * var(--dah-px));
    --dah-danger: #ff8a8a;
    --dah-warning: #ffd54a;
    --dah-ok: #5be49b;
    --dah-emergency-bg: #a31515;
    --dah-on-emergency: #ffffff;

    display: block;
    min-height: 100vh;
    background: var(--dah-bg);
    font-size: var(--dah-font-body);
    line-height: var(--dah-line-height);
    color: var(--dah-text);
  }

  /* Two larger steps (settings): every font size follows. */
  :host([text-size='large']) {
    --dah-text-scale: 1.2;
  }
  :host([text-size='largest']) {
    --dah-text-scale: 1.4;
  }

  :host([surface='console']) {
    --dah-px: 1px;
    --dah-font-body: calc(16px * var(--dah-text-scale));
    --dah-font-heading: calc(24px * var(--dah-text-scale));
    --dah-font-small: calc(14px * var(--dah-text-scale));
    --dah-safe-x: 24px;
    --dah-safe-y: 16px;
    --dah-space: 12px;
    --dah-target: 40px;
    --dah-focus-ring-width: 3px;
  }
`;
