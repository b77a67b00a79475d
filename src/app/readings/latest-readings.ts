import { msg } from '@lit/localize';
import { html } from 'lit';
import type { LatestReading } from '../../shared/readings/schemas.js';
import { formatMoment } from '../dates.js';
import { icon } from '../ui/icons.js';
import { valuesText } from './entry.js';
import { COLOUR_ICON, colourWord, measureName } from './words.js';

type Colour = 'green' | 'yellow' | 'red';

/**
 * A resident's latest readings with their colour, as the doctor's queue and colour view show
 * them: the colour as a word and an icon (never colour alone), then each measure's newest value
 * and the county's date it was taken (with its year: a resident may not have measured for long).
 */
export function renderLatestReadings(latest: readonly LatestReading[], colour: Colour | null | undefined) {
  if (latest.length === 0 && !colour) return html`<span class="muted">${msg('还没有测量记录')}</span>`;
  return html`${
    colour
      ? html`<div class="reading-colour ${colour}" data-colour=${colour}>
          ${icon(COLOUR_ICON[colour])} ${colourWord(colour)}
        </div>`
      : null
  }
  ${latest.map(
    (r) =>
      html`<div data-latest=${r.values.measure}>
        ${measureName(r.values.measure)} ${valuesText(r.values)}
        <time datetime=${r.takenAt}>${formatMoment(r.takenAt, 'longDate')}</time>
      </div>`,
  )}`;
}
