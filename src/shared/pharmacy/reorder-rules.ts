/**
 * Whether a prescription may be supplied again now (再次配药 on the TV, 续药 at a health station's
 * kiosk, the API's offer in 我的药): refills left on it, no order for it on its way, and still
 * valid (review-rules.ts validUntilOf: its supplies end to end, within 12 weeks). Pure, one rule
 * for the API and every surface, so a screen never offers what the API then refuses.
 */
export type ReorderBlock = 'order-open' | 'no-refills' | 'expired';

export interface ReorderablePrescription {
  refills: number;
  refillsUsed: number;
  validUntil: string;
}

/** Supplies still allowed by the prescription beyond those already ordered. */
export function refillsLeft(p: Pick<ReorderablePrescription, 'refills' | 'refillsUsed'>): number {
  return Math.max(0, p.refills - p.refillsUsed);
}

/**
 * Why the prescription cannot be supplied again at `now`, the first reason in the order a resident
 * is told (an order on its way first: it may be what they are looking for); null when it can.
 */
export function reorderBlock(
  p: ReorderablePrescription,
  openOrderId: string | null,
  now: Date,
): ReorderBlock | null {
  if (openOrderId !== null) return 'order-open';
  if (refillsLeft(p) === 0) return 'no-refills';
  if (Date.parse(p.validUntil) < now.getTime()) return 'expired';
  return null;
}
