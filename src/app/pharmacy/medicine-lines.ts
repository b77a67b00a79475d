import { msg, str } from '@lit/localize';
import { css, html } from 'lit';
import type { CurrentMedicine } from '../../shared/pharmacy/schemas.js';
import { clockText, doseText, frequencyText, medicineName } from './words.js';

/** The big lines of one medicine: the TV's list and page, the kiosk visit's 续药. */
export function medicineLines(m: CurrentMedicine) {
  const p = m.prescription;
  return html`<span class="name">${medicineName(p.medicine)}</span>
    <span class="line"
      >${msg(str`每次${doseText(p.doseAmount, p.doseUnit)}，${frequencyText(p.frequency)}`)}</span
    >
    <span class="line"
      >${m.nextDoseAt ? msg(str`下次服药：${clockText(m.nextDoseAt)}`) : msg('这个疗程已经结束')}</span
    >
    <span class="line">${msg(str`还剩${m.daysOfSupplyLeft}天的药`)}</span>`;
}

export const medicineStyles = css`
  .medicine {
    display: block;
    width: 100%;
    text-align: left;
  }
  .name {
    display: block;
    font-size: var(--dah-font-heading);
    font-weight: 700;
  }
  .line {
    display: block;
  }
`;
