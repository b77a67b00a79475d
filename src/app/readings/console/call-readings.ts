import { msg, str } from '@lit/localize';
import { html } from 'lit';
import type { Reading } from '../../../shared/readings/schemas.js';
import { formatMoment } from '../../dates.js';
import { icon } from '../../ui/icons.js';
import { valuesText } from '../entry.js';
import { COLOUR_ICON, colourWord, measureName, messageText } from '../words.js';

/**
 * The readings of one consultation, newest last, merged from its detail and the `reading` pushes
 * (the same reading twice, from both, is kept once). Corrected and withdrawn ones stay, marked.
 */
export function mergeReadings(known: readonly Reading[], arrived: Reading): Reading[] {
  const others = known.filter((r) => r.id !== arrived.id);
  return [...others, arrived].sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
}

/** The county's clock time, as the resident's TV showed it when they measured. */
const timeOf = (iso: string): string => formatMoment(iso, 'clock');

function statusText(reading: Reading): string | null {
  return reading.status === 'withdrawn'
    ? msg('（已撤回）')
    : reading.status === 'corrected'
      ? msg('（已改正）')
      : null;
}

/**
 * 本次问诊中的测量: on the doctor's call page while the call is on (live, by push) and with the
 * consultation's summary after it. The colour as an icon and a word, never colour alone.
 */
export function renderCallReadings(readings: readonly Reading[]) {
  return html`<section class="panel" aria-labelledby="call-readings-title" data-call-readings>
    <h2 id="call-readings-title">${msg('本次问诊中的测量')}</h2>
    ${
      readings.length === 0
        ? html`<p class="small muted">${msg('还没有。居民在电视或自助终端上测量后，会马上出现在这里。')}</p>`
        : html`<ul class="plain" aria-live="polite">
            ${readings.map(
              (r) =>
                html`<li data-reading=${r.id} data-measure=${r.values.measure}>
                  <strong>${measureName(r.values.measure)} ${valuesText(r.values)}</strong>
                  <span class="small muted"
                    >${msg(str`${timeOf(r.takenAt)} 测量`)}${statusText(r) ?? ''}</span
                  >
                  ${
                    r.colour
                      ? html`<div class="reading-colour ${r.colour}" data-colour=${r.colour}>
                          ${icon(COLOUR_ICON[r.colour])} ${colourWord(r.colour)}
                          ${r.messageKey ? html`<span class="small">· ${messageText(r.messageKey)}</span>` : null}
                        </div>`
                      : null
                  }
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}
