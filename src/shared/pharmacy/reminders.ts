/**
 * Medication reminders (用药提醒) as pure functions of the prescription, the answers and the
 * server's time: when doses fall, when the TV reminds, when a dose counts as missed, adherence and
 * the supply left. The TV's own clock may be wrong: every `now` here is the server's time, which
 * the TV estimates with `clockOffset` from an answer's Date header.
 */
import type { Frequency } from './schemas.js';

export const MINUTE_MS = 60 * 1000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/**
 * Asia/Shanghai is UTC+8 all year: China has kept no daylight saving time since 1991, so a fixed
 * offset is exact and no time-zone database is needed on the TV.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** Clock times (Asia/Shanghai) of each frequency's doses; tid goes with meals. */
export const DOSE_CLOCK: Readonly<Record<Frequency, readonly string[]>> = {
  qd: ['08:00'],
  bid: ['08:00', '20:00'],
  tid: ['07:30', '11:30', '17:30'],
  qn: ['21:00'],
};

/** Unanswered, the reminder comes back after 15 and 30 minutes; 稍后提醒 asks again in 15. */
export const REMIND_AGAIN_AFTER_MS = [15 * MINUTE_MS, 30 * MINUTE_MS] as const;
export const SNOOZE_MS = 15 * MINUTE_MS;
/** After an hour without 已服药 the dose is missed (and the family doctor sees it); within it, on time. */
export const MISSED_AFTER_MS = 60 * MINUTE_MS;
/** A dose may be answered up to an hour before its time (taken a little early): its window opens then. */
export const ANSWER_EARLY_MS = 60 * MINUTE_MS;
/** How far ahead of the server's clock an answer's time may be: the TV's offset is an estimate. */
export const ANSWER_CLOCK_SKEW_MS = 2 * MINUTE_MS;
/** With this many days of supply left the TV offers 再次配药. */
export const REORDER_OFFER_DAYS = 7;

/** Midnight in Shanghai of the day `instant` falls on there, as an instant. */
export function shanghaiMidnight(instant: number): number {
  const local = instant + SHANGHAI_OFFSET_MS;
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - SHANGHAI_OFFSET_MS;
}

const clockMs = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return (h * 60 + m) * MINUTE_MS;
};

/** The dose instants of a schedule in [from, to), inside the course [startsAt, endsAt). */
export function doseTimesBetween(
  frequency: Frequency,
  course: { startsAt: Date; endsAt: Date },
  from: Date,
  to: Date,
): Date[] {
  const lo = Math.max(from.getTime(), course.startsAt.getTime());
  const hi = Math.min(to.getTime(), course.endsAt.getTime());
  const out: Date[] = [];
  for (let day = shanghaiMidnight(lo); day < hi; day += DAY_MS) {
    for (const clock of DOSE_CLOCK[frequency]) {
      const at = day + clockMs(clock);
      if (at >= lo && at < hi) out.push(new Date(at));
    }
  }
  return out;
}

/** The next dose at or after `now`, or null when the course has ended. */
export function nextDoseAt(
  frequency: Frequency,
  course: { startsAt: Date; endsAt: Date },
  now: Date,
): Date | null {
  return doseTimesBetween(frequency, course, now, new Date(now.getTime() + 2 * DAY_MS))[0] ?? null;
}

export interface Answer {
  answer: 'taken' | 'later';
  at: Date;
}

export type DoseState =
  /** Not yet its time. */
  | { state: 'upcoming'; nextFireAt: Date; showNow: false }
  /** Its time has come and it is not taken: show the reminder now (showNow) or at nextFireAt. */
  | { state: 'due'; nextFireAt: Date | null; showNow: boolean }
  | { state: 'taken'; onTime: boolean; nextFireAt: null; showNow: false }
  | { state: 'missed'; nextFireAt: null; showNow: false };

/**
 * Where one dose stands at `now` (server time): an answered dose never fires again; unanswered it
 * fires at its time and after 15 and 30 minutes; 稍后提醒 at L moves the next reminder to L+15
 * minutes (earlier reminders before that are skipped); an hour after its time it is missed.
 */
export function doseState(doseAt: Date, answers: readonly Answer[], now: Date): DoseState {
  const t = doseAt.getTime();
  const taken = answers
    .filter((a) => a.answer === 'taken')
    .map((a) => a.at.getTime())
    .sort((a, b) => a - b)[0];
  if (taken !== undefined) {
    return { state: 'taken', onTime: taken - t <= MISSED_AFTER_MS, nextFireAt: null, showNow: false };
  }
  const n = now.getTime();
  if (n >= t + MISSED_AFTER_MS) return { state: 'missed', nextFireAt: null, showNow: false };
  const laters = answers.filter((a) => a.answer === 'later').map((a) => a.at.getTime());
  const lastLater = laters.length ? Math.max(...laters) : null;
  let fires = [t, ...REMIND_AGAIN_AFTER_MS.map((d) => t + d)];
  if (lastLater !== null) {
    const snoozeEnd = lastLater + SNOOZE_MS;
    fires = [...fires.filter((f) => f >= snoozeEnd), snoozeEnd].sort((a, b) => a - b);
  }
  fires = fires.filter((f) => f < t + MISSED_AFTER_MS);
  const next = fires.find((f) => f > n);
  if (n < t) return { state: 'upcoming', nextFireAt: new Date(t), showNow: false };
  // Show now if a reminder time has passed and nothing answered since (a TV switched on late
  // shows the due dose at once; a snoozed one waits for its snooze to end).
  const lastFire = fires.filter((f) => f <= n).pop();
  const showNow = lastFire !== undefined && (lastLater === null || lastFire >= lastLater + SNOOZE_MS);
  return { state: 'due', nextFireAt: next === undefined ? null : new Date(next), showNow };
}

/**
 * The server's time offset from the TV's clock, from one request: the server's time as it
 * answered, and the TV's clock when it sent and received (half the round trip each way).
 */
export function clockOffset(serverTimeMs: number, sentAtMs: number, receivedAtMs: number): number {
  return serverTimeMs + (receivedAtMs - sentAtMs) / 2 - receivedAtMs;
}

/** The server's time now, by the TV's clock and the last known offset. */
export function serverNow(tvClockMs: number, offsetMs: number): Date {
  return new Date(tvClockMs + offsetMs);
}

/**
 * The end of the supply on hand: supplies laid end to end from when each started (one arriving
 * early extends the end rather than overlapping).
 */
export function supplyEndsAt(supplies: readonly { startsAt: Date; days: number }[]): Date | null {
  let end: number | null = null;
  for (const s of [...supplies].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    end = Math.max(end ?? 0, s.startsAt.getTime()) + s.days * DAY_MS;
  }
  return end === null ? null : new Date(end);
}

/** Whole days of supply left at `now` (a part day counts as a day: there are still doses for it). */
export function daysOfSupplyLeft(supplies: readonly { startsAt: Date; days: number }[], now: Date): number {
  const end = supplyEndsAt(supplies);
  return end === null ? 0 : Math.max(0, Math.ceil((end.getTime() - now.getTime()) / DAY_MS));
}

export const offersReorder = (daysLeft: number) => daysLeft <= REORDER_OFFER_DAYS;

export interface AdherenceCount {
  scheduled: number;
  onTime: number;
  late: number;
  missed: number;
  /** Doses taken on time over doses due, 0..100; null when none was due yet. */
  onTimePercent: number | null;
}

/** Adherence over doses whose outcome is known at `now` (taken, or an hour past and missed). */
export function adherence(
  doses: readonly Date[],
  answersFor: (doseAt: Date) => readonly Answer[],
  now: Date,
): AdherenceCount {
  const count: AdherenceCount = { scheduled: 0, onTime: 0, late: 0, missed: 0, onTimePercent: null };
  for (const dose of doses) {
    const state = doseState(dose, answersFor(dose), now);
    if (state.state === 'taken') {
      count.scheduled++;
      if (state.onTime) count.onTime++;
      else count.late++;
    } else if (state.state === 'missed') {
      count.scheduled++;
      count.missed++;
    }
  }
  count.onTimePercent = count.scheduled ? Math.round((count.onTime / count.scheduled) * 100) : null;
  return count;
}

/** A dose time as Shanghai clock text, e.g. '20:00'. */
export function shanghaiClock(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return local.toISOString().slice(11, 16);
}
