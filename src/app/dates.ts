/**
 * The one place the client turns a moment or a calendar date into words: in the app's language
 * (getLocale(), never the browser's) and on the county's clock (COUNTY_TIME_ZONE), whatever language
 * and zone the TV box, kiosk or console PC was left on. A box on its factory zone (often UTC) would
 * otherwise show the resident the hour 8 hours behind, and yesterday's date from 00:00 to 08:00.
 * eslint.config.js forbids toLocale*String, Intl.DateTimeFormat and the local-zone getters
 * elsewhere in src/app, so a new screen cannot format a date another way.
 */
import { getLocale } from './localization.js';
import { COUNTY_TIME_ZONE, instantAt, type LocalDate } from '../shared/schedule/shanghai-time.js';

/** Every way the client shows a date or a time, each the same on every screen that uses it. */
const STYLES = {
  /** The status bar's date: '12月6日星期日' / 'Sunday, December 6'. */
  weekdayDate: { month: 'long', day: 'numeric', weekday: 'long' },
  /**
   * A clock time, 24-hour in every language: '07:30'. hourCycle rather than hour12: false, which
   * Chromium 80 (inside our TVs' 76+ range) took as 'h24' and showed half past midnight as 24:30.
   */
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** '12月6日 07:30' / 'December 6 at 07:30'. */
  dateTime: { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** '12月6日' / 'December 6'. */
  monthDay: { month: 'long', day: 'numeric' },
  /** A chart's day mark: '12/6'. */
  shortMonthDay: { month: 'numeric', day: 'numeric' },
  /** With its year, for what may be long ago: '2026年12月6日' / 'December 6, 2026'. */
  longDate: { year: 'numeric', month: 'long', day: 'numeric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

const made = new Map<string, Intl.DateTimeFormat>();
const keyOf = (style: DateStyle, locale: string) => `${locale}|${style}`;

/**
 * A format made once per language and style: building an Intl.DateTimeFormat costs far more than
 * formatting with it (the first of a language loads its data, 150-250 ms at CPU 6x on a cold start,
 * bench/profile-cold-start.ts), and a list or a clock tick that lands on a key press on a slow TV
 * would delay the focus.
 */
export function dateFormat(style: DateStyle, locale: string = getLocale()): Intl.DateTimeFormat {
  const key = keyOf(style, locale);
  let format = made.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone: COUNTY_TIME_ZONE });
    made.set(key, format);
  }
  return format;
}

/** Whether that format is made already (the status bar waits for an idle moment to make its first). */
export function isDateFormatMade(style: DateStyle, locale: string = getLocale()): boolean {
  return made.has(keyOf(style, locale));
}

/** A moment (ISO string, Date or epoch ms) as the county's clock and calendar read it. */
export function formatMoment(
  at: string | Date | number,
  style: DateStyle,
  locale: string = getLocale(),
): string {
  return dateFormat(style, locale).format(typeof at === 'string' ? Date.parse(at) : at);
}

/**
 * A calendar date that has no zone ('YYYY-MM-DD': a birth date, a visit's day): shown as its noon in
 * the county, which is the same date whatever offset the zone's history gives that day (Shanghai's
 * summer time of 1986-91 and the 1940s, its local mean time before 1901), so it never moves by a day.
 */
export function formatCalendarDate(date: LocalDate, style: DateStyle, locale: string = getLocale()): string {
  return formatMoment(instantAt(date, '12:00'), style, locale);
}
