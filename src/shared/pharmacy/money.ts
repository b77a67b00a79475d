/**
 * Money in integer fen (1 元 = 100 fen): sums and shares are integer arithmetic, never floats.
 * The insurance estimate is labelled an estimate on every screen: the insurer settles the exact
 * amount. Rates here are the county scheme's outpatient chronic-disease (门诊慢特病) defaults.
 */
export type InsuranceCategory = 'A' | 'B';

/** 乙类: the patient first pays this share themselves (先行自付), in percent. */
export const CATEGORY_B_SELF_PAY_PERCENT = 10;
/** Then the scheme reimburses this share of what is left, in percent. */
export const REIMBURSED_PERCENT = 70;

/** Integer division rounding half up, for non-negative fen amounts. */
const percentOf = (fen: number, percent: number) => Math.floor((fen * percent + 50) / 100);

/** The patient's estimated share of one line, in fen. */
export function estimatedPatientShareFen(lineTotalFen: number, category: InsuranceCategory): number {
  if (!Number.isSafeInteger(lineTotalFen) || lineTotalFen < 0)
    throw new RangeError('fen must be a whole number');
  const selfPaid = category === 'B' ? percentOf(lineTotalFen, CATEGORY_B_SELF_PAY_PERCENT) : 0;
  const covered = lineTotalFen - selfPaid;
  return selfPaid + (covered - percentOf(covered, REIMBURSED_PERCENT));
}

/** 12.34 yuan as text from 1234 fen, without going through a float. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
