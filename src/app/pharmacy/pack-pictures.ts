import { msg, str } from '@lit/localize';
import { html, svg, type SVGTemplateResult } from 'lit';
import type { PackPicture } from '../../shared/pharmacy/schemas.js';

/**
 * The pack drawings the reminder shows (issue 15 §5: 'a picture of the pack where there is one'):
 * one small SVG per pack form, drawn from the app's own code, so a reminder shown offline has it
 * too and nothing is fetched. High-contrast outlines on the dark screen (tv-ui.md: 7:1).
 */
const DRAWINGS: Readonly<Record<PackPicture, SVGTemplateResult>> = {
  tablet_box: svg`
    <rect x="10" y="30" width="180" height="100" rx="8" fill="#f5f5f5" />
    <rect x="10" y="30" width="180" height="26" rx="8" fill="#2e7dd7" />
    ${[0, 1, 2, 3].map(
      (i) => svg`<circle cx=${45 + i * 37} cy="95" r="13" fill="#fff" stroke="#333" stroke-width="3" />`,
    )}`,
  capsule_box: svg`
    <rect x="10" y="30" width="180" height="100" rx="8" fill="#f5f5f5" />
    <rect x="10" y="30" width="180" height="26" rx="8" fill="#d75a2e" />
    ${[0, 1, 2].map(
      (i) => svg`<g transform="translate(${40 + i * 50} 95) rotate(-30)">
        <rect x="-20" y="-9" width="40" height="18" rx="9" fill="#fff" stroke="#333" stroke-width="3" />
        <rect x="0" y="-9" width="20" height="18" rx="9" fill="#d75a2e" />
      </g>`,
    )}`,
  insulin_pen: svg`
    <rect x="20" y="65" width="130" height="30" rx="10" fill="#f5f5f5" />
    <rect x="150" y="70" width="24" height="20" rx="4" fill="#2e9d5a" />
    <rect x="174" y="77" width="16" height="6" fill="#bbb" />
    <rect x="40" y="70" width="40" height="20" rx="3" fill="#fff" stroke="#333" stroke-width="3" />`,
};

/** What the drawing shows, in words (its alt text). */
export function packPictureLabel(kind: PackPicture, name: string): string {
  return kind === 'insulin_pen' ? msg(str`${name}的注射笔`) : msg(str`${name}的药盒`);
}

/** The pack's drawing with its alt text; nothing where the medicine has no picture. */
export function packPicture(kind: PackPicture | null | undefined, name: string) {
  if (!kind) return null;
  return html`<svg class="pack" viewBox="0 0 200 160" role="img" aria-label=${packPictureLabel(kind, name)}>
    ${DRAWINGS[kind]}
  </svg>`;
}
