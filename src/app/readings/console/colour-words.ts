import { msg, str } from '@lit/localize';
import type { ColourViewEntry } from '../../../shared/readings/schemas.js';

type Reason = ColourViewEntry['colour']['reasons'][number];

/** Why a resident has their colour (src/shared/readings/rolling.ts), in the doctor's words. */
export function colourReasonText(reason: Reason, homeMean: ColourViewEntry['colour']['homeMean']): string {
  switch (reason) {
    case 'red_reading':
      return msg('近 7 天有一次红色读数');
    case 'home_mean_above_target':
      return homeMean
        ? msg(
            str`家庭血压 7 天均值 ${Math.round(homeMean.systolic)}/${Math.round(homeMean.diastolic)} mmHg，高于 135/85`,
          )
        : msg('家庭血压均值高于 135/85');
    case 'grade_2_reading':
      return msg('近 7 天有 2 级高血压读数');
    case 'glucose_out_of_range_days':
      return msg('近 7 天有几天血糖不在目标范围');
    case 'no_recent_reading':
      return msg('近 7 天没有测量');
    case 'in_target':
      return msg('近 7 天都在目标范围');
  }
}

/** Red first, then yellow, then green (分色管理: the doctor acts on the red ones first). */
const RANK = { red: 0, yellow: 1, green: 2 } as const;

/** The residents red first; the API's order (by name) kept within a colour. */
export function redFirst(residents: readonly ColourViewEntry[]): ColourViewEntry[] {
  return residents
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => RANK[a.entry.colour.colour] - RANK[b.entry.colour.colour] || a.index - b.index)
    .map((x) => x.entry);
}
