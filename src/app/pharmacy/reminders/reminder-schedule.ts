/**
 * Which reminder the TV shows now, from the schedule it keeps (IndexedDB) and the answers given
 * on it, at the server's time. The dose rules are shared/pharmacy/reminders.ts (the same the API
 * counts adherence with); this only picks the dose to show and when to look again.
 */
import {
  doseState,
  doseTimesBetween,
  MISSED_AFTER_MS,
  offersReorder,
  type Answer,
} from '../../../shared/pharmacy/reminders.js';
import type { DoseUnit, Frequency, PackPicture } from '../../../shared/pharmacy/schemas.js';

/** One medicine as the reminders need it, kept on the TV so they work offline. */
export interface ScheduledMedicine {
  prescriptionId: string;
  genericNameZh: string;
  genericNameEn: string;
  strength: string;
  doseAmount: number;
  doseUnit: DoseUnit;
  frequency: Frequency;
  /** The pack's drawing, where there is one (absent in a schedule kept before pictures came). */
  picture?: PackPicture | null;
  /** The course: from the prescription to the end of the supply on hand (ISO instants). */
  startsAt: string;
  endsAt: string;
}

export interface Schedule {
  medicines: ScheduledMedicine[];
  /** Server time minus the TV's clock when the schedule was read (shared clockOffset). */
  offsetMs: number;
}

export interface DueDose {
  medicine: ScheduledMedicine;
  /** The dose's scheduled instant (ISO), the key of its answers. */
  scheduledAt: string;
  /** Days of supply left at `now`: at 7 or fewer the reminder offers 再次配药. */
  daysLeft: number;
  offersReorder: boolean;
}

export const answerKey = (prescriptionId: string, scheduledAt: string) =>
  `${prescriptionId}|${new Date(scheduledAt).toISOString()}`;

const course = (m: ScheduledMedicine) => ({ startsAt: new Date(m.startsAt), endsAt: new Date(m.endsAt) });

/** The dose to remind of now (the earliest due), or null; `now` is the server's time. */
export function dueDose(
  schedule: Schedule,
  answersFor: (key: string) => readonly Answer[],
  now: Date,
): DueDose | null {
  const from = new Date(now.getTime() - MISSED_AFTER_MS);
  let best: DueDose | null = null;
  for (const medicine of schedule.medicines) {
    for (const dose of doseTimesBetween(
      medicine.frequency,
      course(medicine),
      from,
      new Date(now.getTime() + 1),
    )) {
      const scheduledAt = dose.toISOString();
      const state = doseState(dose, answersFor(answerKey(medicine.prescriptionId, scheduledAt)), now);
      if (!state.showNow) continue;
      if (best && new Date(best.scheduledAt).getTime() <= dose.getTime()) continue;
      const daysLeft = Math.max(
        0,
        Math.ceil((new Date(medicine.endsAt).getTime() - now.getTime()) / 86_400_000),
      );
      best = { medicine, scheduledAt, daysLeft, offersReorder: offersReorder(daysLeft) };
    }
  }
  return best;
}
