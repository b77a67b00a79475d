/**
 * The order status machine (issue 15 §4, §6). Every status change of a pharmacy order goes through
 * `transition`: one table of legal moves, each with the roles that may make it. Review before
 * charging or dispensing follows 《处方管理办法》 art. 35 and 《医疗机构处方审核规范》 (2018) art. 3:
 * nothing is approved or dispatched without a pharmacist's review.
 */
import type { Role } from '../roles.js';

export const ORDER_STATUSES = [
  'submitted',
  'under_review',
  'returned_to_doctor',
  'approved',
  'rejected',
  'dispatched',
  'delivered',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = [
  'start_review',
  'approve',
  'return_to_doctor',
  'resubmit',
  'reject',
  'dispatch',
  'deliver',
  'cancel',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

interface Move {
  from: readonly OrderStatus[];
  to: OrderStatus;
  by: readonly Role[];
  /** The action must say why (the resident reads a rejection's reason on the TV). */
  needsReason?: true;
}

/** The one table of legal moves. Anything not here is refused. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderAction, Move>> = {
  start_review: { from: ['submitted'], to: 'under_review', by: ['pharmacist'] },
  approve: { from: ['under_review'], to: 'approved', by: ['pharmacist'] },
  return_to_doctor: {
    from: ['under_review'],
    to: 'returned_to_doctor',
    by: ['pharmacist'],
    needsReason: true,
  },
  // The doctor changed the prescription: it is reviewed again.
  resubmit: { from: ['returned_to_doctor'], to: 'under_review', by: ['doctor'] },
  reject: { from: ['under_review'], to: 'rejected', by: ['pharmacist'], needsReason: true },
  dispatch: { from: ['approved'], to: 'dispatched', by: ['pharmacist'] },
  deliver: { from: ['dispatched'], to: 'delivered', by: ['pharmacist'] },
  // The resident may withdraw an order until it is approved (then it is charged and packed).
  cancel: { from: ['submitted', 'under_review', 'returned_to_doctor'], to: 'cancelled', by: ['resident'] },
};

/** Statuses after which nothing more happens to an order. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['rejected', 'delivered', 'cancelled'];
/** An order still on its way: a second order for the same prescription waits for it. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter(
  (s) => !FINAL_ORDER_STATUSES.includes(s),
);

export type TransitionResult =
  | { ok: true; to: OrderStatus }
  | {
      ok: false;
      code: 'illegal_transition' | 'forbidden' | 'validation_failed';
      message: string;
    };

/** Whether `role` may take `action` on an order in status `from`, and where it leads. Pure. */
export function transition(
  from: OrderStatus,
  action: OrderAction,
  role: Role,
  reason: string | null = null,
): TransitionResult {
  const move = ORDER_TRANSITIONS[action];
  if (!move.by.includes(role)) {
    return { ok: false, code: 'forbidden', message: `A ${role} may not ${action} an order.` };
  }
  if (!move.from.includes(from)) {
    return {
      ok: false,
      code: 'illegal_transition',
      message: `Cannot ${action} an order that is ${from} (only one that is ${move.from.join(' or ')}).`,
    };
  }
  if (move.needsReason && !(reason && reason.trim())) {
    return { ok: false, code: 'validation_failed', message: `${action} needs a reason.` };
  }
  return { ok: true, to: move.to };
}
