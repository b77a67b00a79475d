import { msg, str } from '@lit/localize';
import type {
  Appointment,
  HomeVisit,
  HomeVisitReason,
  MobileVisit,
  Slot,
  VehicleType,
  VisitDescription,
} from '../../shared/schedule/schedule-schemas.js';
import { localDateOf, localTimeOf, weekdayOf } from '../../shared/schedule/shanghai-time.js';
import { formatCalendarDate } from '../dates.js';

/**
 * The schedule in words, both languages, from the structured parts the API sends (issue 16 §1:
 * '体检车 comes to 柳树村 on Thursday 9:00-11:30 at the village hall'). Times are the county's
 * (Asia/Shanghai) as the API computed them; the TV's own clock is never used.
 */

export function vehicleName(vehicle: VehicleType): string {
  switch (vehicle) {
    case 'health-check-van':
      return msg('体检车');
    case 'rounds-car':
      return msg('巡诊车');
    case 'ct-van':
      return msg('CT车');
    case 'ultrasound-van':
      return msg('B超车');
  }
}

export function weekdayName(weekday: number): string {
  return [
    msg('星期日'),
    msg('星期一'),
    msg('星期二'),
    msg('星期三'),
    msg('星期四'),
    msg('星期五'),
    msg('星期六'),
  ][weekday] as string;
}

/** '10月12日' / 'October 12' from a county date. */
const monthDay = (date: string): string => formatCalendarDate(date, 'monthDay');

/** Today, tomorrow, this week's weekday, or the date with its weekday. */
function dayPhrase(date: string, weekday: number, dayOffset: number | null): string {
  if (dayOffset === 0) return msg('今天');
  if (dayOffset === 1) return msg('明天');
  if (dayOffset !== null && dayOffset > 1 && dayOffset < 7) return weekdayName(weekday);
  return msg(str`${monthDay(date)}（${weekdayName(weekday)}）`);
}

/** Drops the leading zero of the hour: '09:00' → '9:00', as people say it. */
function clock(time: string): string {
  return time.replace(/^0(\d)/, '$1');
}

export function visitSentence(d: VisitDescription): string {
  const day = dayPhrase(d.date, d.weekday, d.dayOffset);
  const window = `${clock(d.startTime)}-${clock(d.endTime)}`;
  const vehicle = vehicleName(d.vehicle);
  return msg(str`${vehicle}将于${day} ${window}来${d.villageName}，地点：${d.place}`);
}

export function visitOf(visit: MobileVisit): string {
  return visit.cancelled
    ? msg(str`已取消：${visitSentence(visit.description)}`)
    : visitSentence(visit.description);
}

/** When something happens, in words: the day and the clock window. */
export function when(startsAt: string, endsAt: string): string {
  const date = localDateOf(startsAt);
  return `${dayPhrase(date, weekdayOf(date), null)} ${clock(localTimeOf(startsAt))}-${clock(localTimeOf(endsAt))}`;
}

/** What a slot is: a place at a visit, at the health centre, or a video consultation with the doctor. */
export function slotSentence(
  slot: Pick<Slot, 'kind' | 'organisation' | 'doctor' | 'startsAt' | 'endsAt'>,
): string {
  const time = when(slot.startsAt, slot.endsAt);
  switch (slot.kind) {
    case 'video':
      return msg(str`${time}，和${slot.doctor?.displayName ?? ''}医生视频问诊`);
    case 'health-centre':
      return msg(str`${time}，到${slot.organisation.name}看病`);
    case 'mobile-clinic':
      return msg(str`${time}，巡诊车来${slot.organisation.name}时看病`);
  }
}

export function appointmentSentence(a: Appointment): string {
  return slotSentence(a);
}

export function places(slot: Slot): string {
  const left = slot.capacity - slot.booked;
  return left > 0 ? msg(str`还有${left}个名额`) : msg('已约满');
}

export function homeVisitReasonName(reason: HomeVisitReason): string {
  switch (reason) {
    case 'wound-care':
      return msg('换药、伤口护理');
    case 'injection':
      return msg('打针');
    case 'catheter-care':
      return msg('导尿管护理');
    case 'blood-test':
      return msg('抽血化验');
    case 'medication-review':
      return msg('看看用药');
    case 'bedridden-check':
      return msg('卧床老人检查');
  }
}

export function halfDayName(halfDay: 'morning' | 'afternoon'): string {
  return halfDay === 'morning' ? msg('上午') : msg('下午');
}

/** Who comes when, or that the township has not yet said. */
export function homeVisitSentence(v: HomeVisit): string {
  const why = homeVisitReasonName(v.reason);
  switch (v.status) {
    case 'requested': {
      const day = dayPhrase(v.preferredDate, weekdayOf(v.preferredDate), null);
      const half = halfDayName(v.preferredHalfDay);
      return msg(str`${why}：已申请${day} ${half}上门，卫生院安排好后会显示谁来`);
    }
    case 'scheduled': {
      const who = `${v.assignee?.displayName ?? ''}${v.assignee?.title ? ` ${v.assignee.title}` : ''}`;
      const time = when(v.startsAt ?? '', v.endsAt ?? '');
      return msg(str`${why}：${who}将于${time}上门`);
    }
    case 'done':
      return msg(str`${why}：已上门。${v.visitNote ?? ''}`);
    case 'cancelled':
      return msg(str`${why}：已取消`);
  }
}

/** A member's part in the family-doctor team: 'doctor', never 家庭医生, which only the contracted one is. */
export function teamRoleLabel(role: 'doctor' | 'nurse' | 'village-doctor'): string {
  return role === 'doctor' ? msg('医生') : role === 'nurse' ? msg('护士') : msg('村医');
}
