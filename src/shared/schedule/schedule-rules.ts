import type { Reminder, VehicleType, VisitDescription } from './schedule-schemas.js';
import { addDays, daysBetween, instantAt, localDateOf, localTimeOf, weekdayOf } from './shanghai-time.js';

/**
 * Pure rules of the schedule, the same on the server and the TV. `now` is always passed in (the
 * server's clock; tests pass their own), never read here.
 */

/** The evening before a visit: people plan the next day after supper. */
export const DAY_BEFORE_REMINDER_TIME = '18:00';
/** The morning of a visit, unless the visit starts earlier than an hour after it. */
export const MORNING_REMINDER_TIME = '07:00';
/**
 * The reason a booked video consultation rings with ('your appointment'): stored as the
 * consultation's reason like a doctor's typed one; the TV recognises it and says it in its language.
 */
export const APPOINTMENT_RING_REASON = '您预约的视频问诊';
const HOUR_MS = 60 * 60 * 1000;
/** A booked video consultation still rings this long after its time (the TV was off a moment). */
export const VIDEO_RING_WINDOW_MS = 15 * 60 * 1000;

const ms = (instant: Date | string) =>
  typeof instant === 'string' ? Date.parse(instant) : instant.getTime();

/** A visit's local date and clock window as instants (the county's time, across midnight refused). */
export function visitWindow(
  date: string,
  startTime: string,
  endTime: string,
): { startsAt: string; endsAt: string } {
  if (endTime <= startTime) throw new RangeError('a visit ends after it starts, on the same day');
  return { startsAt: instantAt(date, startTime), endsAt: instantAt(date, endTime) };
}

/**
 * The reminders of something that starts at `startsAt`: the evening before, and the morning of it
 * (07:00, or an hour before when it starts before 08:00).
 */
export function remindersFor(startsAt: string): Reminder[] {
  const date = localDateOf(startsAt);
  const dayBefore = instantAt(addDays(date, -1), DAY_BEFORE_REMINDER_TIME);
  const seven = instantAt(date, MORNING_REMINDER_TIME);
  const hourBefore = new Date(ms(startsAt) - HOUR_MS).toISOString();
  const morningOf = ms(seven) < ms(hourBefore) ? seven : hourBefore;
  return [
    { kind: 'day-before', at: dayBefore },
    { kind: 'morning-of', at: morningOf },
  ];
}

/** Reminders that fall in (since, now]: what a sweep at `now` sends, having swept at `since`. */
export function remindersDue(startsAt: string, since: Date, now: Date): Reminder[] {
  if (ms(startsAt) <= ms(now)) return [];
  return remindersFor(startsAt).filter((r) => ms(r.at) > ms(since) && ms(r.at) <= ms(now));
}

/** The one-sentence description's parts, relative to the county's today at `now`. */
export function describeVisit(
  visit: { vehicle: VehicleType; villageName: string; place: string; startsAt: string; endsAt: string },
  now: Date,
): VisitDescription {
  const date = localDateOf(visit.startsAt);
  return {
    vehicle: visit.vehicle,
    villageName: visit.villageName,
    place: visit.place,
    date,
    weekday: weekdayOf(date),
    dayOffset: daysBetween(localDateOf(now), date),
    startTime: localTimeOf(visit.startsAt),
    endTime: localTimeOf(visit.endsAt),
  };
}

/** A slot takes bookings until it starts. */
export function bookingOpen(slot: { startsAt: string }, now: Date): boolean {
  return ms(now) < ms(slot.startsAt);
}

/** An appointment can be cancelled until it starts. */
export function cancellable(appointment: { status: string; startsAt: string }, now: Date): boolean {
  return appointment.status === 'booked' && ms(now) < ms(appointment.startsAt);
}

/** Whether two windows [start, end) share any moment. */
export function overlaps(
  a: { startsAt: string; endsAt: string },
  b: { startsAt: string; endsAt: string },
): boolean {
  return ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
}

/** A booked video consultation rings from its time until VIDEO_RING_WINDOW_MS later. */
export function videoRingDue(appointment: { startsAt: string }, now: Date): boolean {
  const start = ms(appointment.startsAt);
  return start <= ms(now) && ms(now) < start + VIDEO_RING_WINDOW_MS;
}

/** The first booked appointment that has not ended at `now`. */
export function nextAppointment<T extends { status: string; startsAt: string; endsAt: string }>(
  appointments: readonly T[],
  now: Date,
): T | null {
  const upcoming = appointments
    .filter((a) => a.status === 'booked' && ms(a.endsAt) > ms(now))
    .sort((a, b) => ms(a.startsAt) - ms(b.startsAt));
  return upcoming[0] ?? null;
}
