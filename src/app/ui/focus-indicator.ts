import { css } from 'lit';

/**
 * The focus indicator of every button and focusable text on the TV (tv-ui.md: a 4-6 px ring with
 * at least 3:1 contrast, a gap, and a scale or background change; plain :focus, no :focus-visible).
 *
 * A focus change must repaint nothing: on a slow TV the repaint of a control's text was most of
 * the frame (bench/focus-latency.ts). So, as on Home's tiles (src/app/ui/tile.ts), the focused look
 * is drawn once, ahead of time, on a compositor layer of its own, and focus only changes opacity
 * and transform:
 * - a `::after` plate under the label (negative z-index in the control's own stacking context):
 *   the focused background, with the gap and the ring as its box-shadow (an outline repaints);
 *   opacity 0, 1 when focused;
 * - the button itself on a layer of its own (will-change: transform), so the 1.05 scale moves a
 *   finished layer.
 * The label's colour never changes on focus (that would repaint the text), so the plate's colour
 * keeps 7:1 with the label: `--dah-focus-plate` is dark under light labels, and a button with a dark
 * label sets it to a light colour (`button.primary` here; the incoming call's green answer button).
 * `::before` stays free for the chosen option's tick (settings, trends).
 */
export const focusIndicator = css`
  button {
    position: relative;
    z-index: 0;
    outline: none;
    will-change: transform;
    --dah-focus-plate: var(--dah-focus-plate-dark);
  }
  button.primary {
    --dah-focus-plate: var(--dah-accent);
  }
  button::after,
  [tabindex]:not(button)::after {
    content: '';
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    left: 0;
    border-radius: inherit;
    box-shadow:
      0 0 0 calc(4 * var(--dah-px)) var(--dah-bg),
      0 0 0 calc(4 * var(--dah-px) + var(--dah-focus-ring-width)) var(--dah-focus-ring);
    opacity: 0;
    will-change: opacity;
    pointer-events: none;
  }
  button::after {
    z-index: -1;
    background: var(--dah-focus-plate);
  }
  /* The chosen option keeps its inner ring under the plate. */
  button[aria-pressed='true']::after {
    box-shadow:
      inset 0 0 0 calc(4 * var(--dah-px)) var(--dah-ok),
      0 0 0 calc(4 * var(--dah-px)) var(--dah-bg),
      0 0 0 calc(4 * var(--dah-px) + var(--dah-focus-ring-width)) var(--dah-focus-ring);
  }
  button:focus {
    transform: scale(1.05);
  }
  button:focus::after,
  [tabindex]:not(button):focus::after {
    opacity: 1;
  }
  /* Focusable text (a status, a list row): the ring alone, as before, drawn over the text's box
     (it has no background, only the shadow outside); the text stays where it is. */
  [tabindex]:not(button) {
    position: relative;
    outline: none;
  }
`;
