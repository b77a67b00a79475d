import { msg, str } from '@lit/localize';
import type { DoseUnit, Frequency, Medicine, Order, ReviewRule } from '../../shared/pharmacy/schemas.js';
import type { OrderStatus } from '../../shared/pharmacy/status.js';
import { formatYuan } from '../../shared/pharmacy/money.js';
import { getLocale } from '../localization.js';
import { formatMoment } from '../dates.js';

/** The medicine's name in the reader's language, with its strength. */
export function medicineName(
  medicine: Pick<Medicine, 'genericNameZh' | 'genericNameEn' | 'strength'>,
): string {
  const name = getLocale() === 'en' ? medicine.genericNameEn : medicine.genericNameZh;
  return `${name} ${medicine.strength}`;
}

export function frequencyText(frequency: Frequency): string {
  switch (frequency) {
    case 'qd':
      return msg('每日一次');
    case 'bid':
      return msg('每日两次');
    case 'tid':
      return msg('每日三次');
    case 'qn':
      return msg('每晚一次');
  }
}

/** One dose: '1片', '½片', '10单位'. */
export function doseText(amount: number, unit: DoseUnit): string {
  const n = String(amount);
  switch (unit) {
    case 'tablet':
      return msg(str`${n}片`);
    case 'capsule':
      return msg(str`${n}粒`);
    case 'iu':
      return msg(str`${n}单位`);
  }
}

export function statusText(status: OrderStatus): string {
  switch (status) {
    case 'submitted':
      return msg('已提交，等待药师审核');
    case 'under_review':
      return msg('药师审核中');
    case 'returned_to_doctor':
      return msg('已退回医生修改');
    case 'approved':
      return msg('审核通过，正在配药');
    case 'rejected':
      return msg('未通过审核');
    case 'dispatched':
      return msg('已发货');
    case 'delivered':
      return msg('已送到');
    case 'cancelled':
      return msg('已取消');
  }
}

export function ruleText(rule: ReviewRule): string {
  switch (rule) {
    case 'indication':
      return msg('适应证');
    case 'dose_range':
      return msg('剂量与频次');
    case 'form_route':
      return msg('剂型与给药途径');
    case 'duplicate_therapy':
      return msg('重复用药');
    case 'interaction':
      return msg('相互作用');
    case 'allergy':
      return msg('过敏史');
    case 'refill_too_early':
      return msg('续药过早');
    case 'supply_too_long':
      return msg('用药天数过长');
    case 'expired':
      return msg('处方已过期');
  }
}

/** Money from integer fen: '¥12.34'. */
export const yuan = (fen: number) => `¥${formatYuan(fen)}`;

/** A time of day in Shanghai for an instant, in the reader's language ('20:00'). */
export const clockText = (iso: string): string => formatMoment(iso, 'clock');

/** A date and time in Shanghai ('12月5日 20:00'). */
export const dateTimeText = (iso: string): string => formatMoment(iso, 'dateTime');

/** What the resident reads about an order's status: the courier's number, the pharmacist's reason. */
export function orderStatusSentence(
  order: Pick<Order, 'status' | 'reason' | 'courier' | 'trackingNumber'>,
): string {
  const status = statusText(order.status);
  if (order.status === 'dispatched' && order.trackingNumber) {
    return msg(str`${status}：${order.courier ?? ''} 快递单号 ${order.trackingNumber}`);
  }
  if (order.status === 'rejected' && order.reason) return msg(str`${status}。药师说明：${order.reason}`);
  return status;
}
