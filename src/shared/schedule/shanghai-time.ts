/**
 * Wall-clock time in the county: Asia/Shanghai, UTC+8 all year (China has had no daylight saving
 * since 1991), so a fixed offset is exact and needs no time-zone database on a TV. Instants are
 * ISO-8601 UTC strings everywhere else; these helpers turn them into the county's dates and
 * clock times and back. The server's clock decides `now`; the TV's clock is not trusted.
 */

/**
 * The county's zone, for showing an instant as its wall-clock date or time (Intl's timeZone): a TV
 * box left on its factory zone (often UTC) would otherwise show the resident the hour 8 hours
 * behind, and yesterday's date from 00:00 to 08:00.
 */
export const COUNTY_TIME_ZONE = 'Asia/Shanghai';

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;
/** A local clock time, 'HH:MM' (24-hour). */
export type LocalTime = string;

export const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The instant as a Date whose UTC fields read the county's wall clock (its date, hours, minutes, seconds). */
export function countyClockOf(instant: Date | string): Date {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + OFFSET_MS);
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The county's calendar date at an instant. */
export function localDateOf(instant: Date | string): LocalDate {
  const d = countyClockOf(instant);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The county's clock time at an instant. */
export function localTimeOf(instant: Date | string): LocalTime {
  const d = countyClockOf(instant);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The instant (ISO UTC) of a local date and clock time. Throws on a date that does not exist. */
export function instantAt(date: LocalDate, time: LocalTime = '00:00'): string {
  if (!LOCAL_DATE.test(date) || !LOCAL_TIME.test(time)) throw new RangeError(`bad date/time ${date} ${time}`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const utc = Date.UTC(y, m - 1, d, hh, mm) - OFFSET_MS;
  // 2027-02-30 would roll over into March: refuse it instead.
  if (localDateOf(new Date(utc)) !== date) throw new RangeError(`no such date ${date}`);
  return new Date(utc).toISOString();
}

/** Whether a string is a real calendar date (not 2027-02-30). */
export function isLocalDate(date: string): boolean {
  try {
    instantAt(date);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return localDateOf(new Date(Date.parse(instantAt(date)) + days * DAY_MS));
}

/** Whole days from `from` to `to` (both local dates): tomorrow is 1, yesterday -1. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((Date.parse(instantAt(to)) - Date.parse(instantAt(from))) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay(), of a local date. */
export function weekdayOf(date: LocalDate): number {
  return new Date(instantAt(date, '12:00')).getUTCDay();
}

/** Morning (before noon, local) or afternoon: how home visits are asked for (上午/下午). */
export type HalfDay = 'morning' | 'afternoon';
export function halfDayOf(instant: Date | string): HalfDay {
  return localTimeOf(instant) < '12:00' ? 'morning' : 'afternoon';
}

/** The window [start, end) of a half day, as ISO instants. */
export function halfDayWindow(date: LocalDate, halfDay: HalfDay): { startsAt: string; endsAt: string } {
  return halfDay === 'morning'
    ? { startsAt: instantAt(date, '00:00'), endsAt: instantAt(date, '12:00') }
    : { startsAt: instantAt(date, '12:00'), endsAt: instantAt(addDays(date, 1), '00:00') };
}

/**
 * Whole years of age at an instant, on the county's calendar: a birthday begins at Shanghai's
 * midnight (16:00 UTC the day before), not at the server process's own zone's.
 */
export function ageOn(birthDate: LocalDate, at: Date | string): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = localDateOf(at).split('-').map(Number) as [number, number, number];
  const hadBirthday = m > month || (m === month && d >= day);
  return y - year - (hadBirthday ? 0 : 1);
}
