import { svg, type SVGTemplateResult } from 'lit';

/** Simple line icons (24-unit grid), drawn in currentColor so they follow the text colour. */
const paths = {
  video: svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-4v12l-6-4z"/>`,
  medicine: svg`<rect x="3" y="9" width="18" height="6" rx="3" transform="rotate(-45 12 12)"/><path d="M9.2 9.2l5.6 5.6"/>`,
  readings: svg`<path d="M3 12h4l2-5 4 10 2-5h6"/>`,
  calendar: svg`<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>`,
  record: svg`<path d="M6 2h9l5 5v15H6z"/><path d="M14 2v6h6M9 13h8M9 17h8"/>`,
  emergency: svg`<path d="M12 3l10 18H2z"/><path d="M12 10v5M12 18v.5"/>`,
  settings: svg`<circle cx="12" cy="12" r="3.5"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"/>`,
  check: svg`<circle cx="12" cy="12" r="10"/><path d="M7 12.5l3.5 3.5L17 9"/>`,
  attention: svg`<path d="M12 3l10 18H2z"/><path d="M12 10v5M12 18v.5"/>`,
  stop: svg`<path d="M8 2h8l6 6v8l-6 6H8l-6-6V8z"/><path d="M12 7v6M12 16.5v.5"/>`,
  offline: svg`<path d="M2 8.5a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0M12 19v.5M3 3l18 18"/>`,
  mic: svg`<rect x="9" y="2" width="6" height="12" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v4"/>`,
  micOff: svg`<rect x="9" y="2" width="6" height="12" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v4M3 3l18 18"/>`,
  cameraOff: svg`<rect x="2" y="6" width="14" height="12" rx="2"/><path d="M16 10l6-4v12l-6-4zM3 3l18 18"/>`,
  screen: svg`<rect x="2" y="4" width="20" height="13" rx="2"/><path d="M8 21h8M12 17v4"/>`,
  hangUp: svg`<path d="M3 14c5-5 13-5 18 0l-2.5 3-3.5-2v-3a11 11 0 0 0-6 0v3l-3.5 2z"/>`,
  online: svg`<path d="M2 8.5a15 15 0 0 1 20 0M5 12a10 10 0 0 1 14 0M8.5 15.5a5 5 0 0 1 7 0M12 19v.5"/>`,
} satisfies Record<string, SVGTemplateResult>;

export type IconName = keyof typeof paths;

/** An icon; `size` in em (the call's controls draw theirs a little larger than the text). */
export function icon(name: IconName, size = 1): SVGTemplateResult {
  return svg`<svg viewBox="0 0 24 24" width="${size}em" height="${size}em" fill="none" stroke="currentColor"
    stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${paths[name]}</svg>`;
}
