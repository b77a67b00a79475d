import { localized, msg } from '@lit/localize';
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { classifyReading } from '../../shared/readings/rolling.js';
import type { Colour } from '../../shared/readings/clinical.js';
import type { Measure, Reading } from '../../shared/readings/schemas.js';
import { dateFormat } from '../dates.js';

/** The plotted series of a measure: one or two numbers per reading, the target band, the axis range. */
interface Series {
  points: { at: number; values: number[]; colour: Colour | null }[];
  band: [number, number];
  range: [number, number];
  unit: string;
}

/** Home targets (shared/design/clinical.md): 135/85 for blood pressure, 4.4–7.0 fasting glucose, etc. */
const BANDS: Record<Measure, { band: [number, number]; range: [number, number]; unit: string }> = {
  blood_pressure: { band: [60, 135], range: [40, 220], unit: 'mmHg' },
  glucose: { band: [4.4, 10], range: [0, 25], unit: 'mmol/L' },
  spo2: { band: [95, 100], range: [80, 100], unit: '%' },
  weight: { band: [0, 0], range: [30, 120], unit: 'kg' },
  temperature: { band: [36, 37.3], range: [34, 41], unit: '°C' },
};

function numbersOf(r: Reading): number[] {
  const v = r.values;
  const n = (q: unknown) => (typeof q === 'number' ? [q] : []);
  switch (v.measure) {
    case 'blood_pressure':
      return [...n(v.systolic), ...n(v.diastolic)];
    case 'glucose':
      return n(v.value);
    case 'spo2':
      return n(v.spo2);
    case 'weight':
      return n(v.kg);
    case 'temperature':
      return n(v.celsius);
  }
}

export function seriesOf(readings: readonly Reading[], measure: Measure): Series {
  const b = BANDS[measure];
  const points = readings
    .filter((r) => r.values.measure === measure && r.status === 'active')
    .map((r) => ({
      at: Date.parse(r.takenAt),
      values: numbersOf(r),
      colour: (r.colour as Colour | null) ?? classifyReading(r)?.colour ?? null,
    }))
    .filter((p) => p.values.length > 0)
    .sort((a, b2) => a.at - b2.at);
  return { points, band: b.band, range: b.range, unit: b.unit };
}

const W = 1600;
const H = 560;
const PAD = { left: 150, right: 30, top: 30, bottom: 90 };

/** Colour plus shape per status (tv-ui.md: colour never alone): circle green, triangle yellow, square red. */
function marker(x: number, y: number, colour: Colour | null) {
  const r = 16;
  if (colour === 'red')
    return svg`<rect class="red" x=${x - r} y=${y - r} width=${2 * r} height=${2 * r}></rect>`;
  if (colour === 'yellow')
    return svg`<path class="yellow" d=${`M${x} ${y - r * 1.2}L${x + r * 1.2} ${y + r}L${x - r * 1.2} ${y + r}Z`}></path>`;
  return svg`<circle class=${colour ?? 'none'} cx=${x} cy=${y} r=${r}></circle>`;
}

/**
 * A trend chart readable from 3 m: large axis labels, the target band shaded, each reading a
 * marker whose colour and shape both say its status; drawn as SVG by Lit (no chart library: a
 * 90-day series is a few hundred elements). Loaded only with the trends screens.
 */
@customElement('dah-trend-chart')
@localized()
export class TrendChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      width: 100%;
      height: auto;
      display: block;
    }
    .axis {
      fill: var(--dah-text, #f5f7fa);
      /* In the chart's own units; the larger-text setting enlarges the labels too. */
      font-size: calc(40px * var(--dah-text-scale, 1));
    }
    .unit {
      margin: 0;
      color: var(--dah-text, #f5f7fa);
      font-size: var(--dah-font-body);
    }
    .grid {
      stroke: var(--dah-text-muted, #c9d1da);
      stroke-width: 2;
      opacity: 0.4;
    }
    .band {
      fill: var(--dah-ok, #5be49b);
      opacity: 0.18;
    }
    .line {
      fill: none;
      stroke: var(--dah-text-muted, #c9d1da);
      stroke-width: 4;
    }
    .green {
      fill: var(--dah-ok, #5be49b);
    }
    .yellow {
      fill: var(--dah-warning, #ffd54a);
    }
    .red {
      fill: var(--dah-danger, #ff8a8a);
    }
    .none {
      fill: var(--dah-text, #f5f7fa);
    }
  `;

  @property({ attribute: false }) readings: readonly Reading[] = [];
  @property() measure: Measure = 'blood_pressure';
  @property({ type: Number }) days = 7;
  /** The end of the window (ms); the screen passes the server's now. */
  @property({ type: Number }) now = Date.now();

  override render() {
    const s = seriesOf(this.readings, this.measure);
    const start = this.now - this.days * 86_400_000;
    const [lo, hi] = s.range;
    const x = (at: number) => PAD.left + ((at - start) / (this.now - start)) * (W - PAD.left - PAD.right);
    const y = (v: number) =>
      PAD.top + (1 - (Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((lo + f * (hi - lo)) * 10) / 10);
    const dayTicks = [0, 0.5, 1].map((f) => start + f * (this.now - start));
    const fmt = dateFormat('shortMonthDay');
    const lines = [0, 1].map((i) =>
      s.points
        .filter((p) => p.values[i] !== undefined)
        .map((p, j) => `${j ? 'L' : 'M'}${x(p.at).toFixed(1)} ${y(p.values[i] ?? 0).toFixed(1)}`)
        .join(''),
    );
    // The unit stands above the chart, not inside it, where it would meet the top tick's label.
    return html`<p class="unit">${s.unit}</p>
      <svg viewBox="0 0 ${W} ${H}" role="img" aria-label=${msg('趋势图')}>
        ${
          s.band[1] > s.band[0]
            ? svg`<rect class="band" x=${PAD.left} y=${y(s.band[1])} width=${W - PAD.left - PAD.right} height=${y(s.band[0]) - y(s.band[1])}></rect>`
            : null
        }
        ${ticks.map(
          (t) => svg`<line class="grid" x1=${PAD.left} x2=${W - PAD.right} y1=${y(t)} y2=${y(t)}></line>
          <text class="axis" x=${PAD.left - 16} y=${y(t) + 14} text-anchor="end">${t}</text>`,
        )}
        ${dayTicks.map(
          (d, i) =>
            svg`<text class="axis" x=${x(d)} y=${H - 30} text-anchor=${i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>${fmt.format(d)}</text>`,
        )}
        ${lines.map((d) => (d ? svg`<path class="line" d=${d}></path>` : null))}
        ${s.points.map((p) => p.values.map((v) => marker(x(p.at), y(v), p.colour)))}
      </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dah-trend-chart': TrendChart;
  }
}
