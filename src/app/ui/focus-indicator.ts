import { css, unsafeCSS } from 'lit';

/**
 * The opacity of a shown focus plate or focused face: opaque to the eye (under a third of one
 * 8-bit colour level from 1), but not 1. Chromium treats an opacity change to or from exactly 1
 * as one that can change the compositor's render surfaces, so every focus change re-layerized the
 * whole page (PaintArtifactCompositor::Update, "Layerize" in a DevTools trace); a change between
 * two other values on a composited element is written straight into the compositor's effect node
 * (EffectPaintPropertyNode::State::ComputeChange, kChangedOnlySimpleValues). Measured on the TV
 * screens: the focus frame's Layerize went from about 0.3 ms to nothing at full CPU speed
 * (bench/focus-trace.ts; docs/PERFORMANCE.md).
 */
export const FOCUS_SHOWN_OPACITY = 0.999;
const shown = unsafeCSS(String(FOCUS_SHOWN_OPACITY));

/**
 * The focus indicator of every button and focusable text on the TV (tv-ui.md: a 4-6 px ring with
 * at least 3:1 contrast, a gap, and a scale or background change; plain :focus, no :focus-visible).
 *
 * A focus change must repaint nothing: on a slow TV the repaint of a control's text was most of
 * the frame (bench/focus-latency.ts). So, as on Home's tiles (src/app/ui/tile.ts), the focused look
 * is drawn once, ahead of time, on a compositor layer of its own, and focus only changes its
 * opacity: a `::after` plate under the label (negative z-index in the control's own stacking
 * context), the focused background, with the gap and the ring as its box-shadow (an outline
 * repaints); opacity 0, FOCUS_SHOWN_OPACITY when focused.
 * The plate is tv-ui.md's background change; the button itself is not scaled: a transform of its
 * own gave every button a second compositor layer (commit and cull-rect work on every frame) and
 * a transform change on every focus move, for no more than the plate already shows.
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
  button:focus::after,
  [tabindex]:not(button):focus::after {
    opacity: ${shown};
  }
  /* Focusable text (a status, a list row): the ring alone, as before, drawn over the text's box
     (it has no background, only the shadow outside); the text stays where it is. */
  [tabindex]:not(button) {
    position: relative;
    outline: none;
  }
`;
