import type { Appointment, HomeVisit } from '../../shared/schedule/schedule-schemas.js';
import {
  APPOINTMENT_RING_REASON,
  VIDEO_RING_WINDOW_MS,
  remindersDue,
} from '../../shared/schedule/schedule-rules.js';
import { townshipOf } from '../directory/area.js';
import type { CallDesk } from '../consultations/call-desk.js';
import type { Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import type { PushHub } from '../push/push-hub.js';
import { bookSlot, cancelAppointment, type Booker } from './bookings.js';
import { townshipStaff } from './schedule-queries.js';

/**
 * The schedule's changes and their news: booking and cancelling (bookings.ts does the locking),
 * home-visit changes, and the video appointments that ring the TV at their time. Everything that
 * depends on the time reads the injected clock, so tests can move it.
 */
export class ScheduleDesk {
  /** Until when reminders were sent: each sweep sends those in (remindedUntil, now]. */
  private remindedUntil: Date | null = null;

  constructor(
    private readonly db: Db,
    private readonly push: PushHub,
    private readonly desk: CallDesk,
    private readonly logger: Logger,
    readonly now: () => Date = () => new Date(),
  ) {}

  async book(slotId: string, booker: Booker): Promise<Appointment> {
    const appointment = await bookSlot(this.db, slotId, booker, this.now());
    await this.announceAppointment(appointment, booker.kioskId);
    return appointment;
  }

  async cancel(appointmentId: string): Promise<Appointment> {
    const appointment = await cancelAppointment(this.db, appointmentId, this.now());
    const row = await this.db
      .selectFrom('appointments')
      .select('kioskId')
      .where('id', '=', appointmentId)
      .executeTakeFirstOrThrow();
    await this.announceAppointment(appointment, row.kioskId);
    return appointment;
  }

  /** The resident's TV, the kiosk that booked, and the township's doctors and nurses hear of it. */
  private async announceAppointment(appointment: Appointment, kioskId: string | null): Promise<void> {
    const township = await townshipOf(this.db, appointment.organisation.id);
    const staff = township ? await townshipStaff(this.db, township) : [];
    const recipients = [appointment.patient.id, ...(kioskId ? [kioskId] : []), ...staff];
    if (appointment.doctor) recipients.push(appointment.doctor.id);
    await this.push.publish(recipients, {
      type: 'appointment-changed',
      appointmentId: appointment.id,
      slotId: appointment.slotId,
      status: appointment.status,
    });
  }

  /** A home visit changed: the resident's TV, the kiosk that asked, the township's console. */
  async announceHomeVisit(visit: HomeVisit, kioskId: string | null): Promise<void> {
    const doctor = await this.db
      .selectFrom('patients')
      .innerJoin('users', 'users.id', 'patients.familyDoctorId')
      .select('users.organisationId')
      .where('patients.userId', '=', visit.patient.id)
      .executeTakeFirst();
    const township = doctor ? await townshipOf(this.db, doctor.organisationId) : null;
    const staff = township ? await townshipStaff(this.db, township) : [];
    await this.push.publish([visit.patient.id, ...(kioskId ? [kioskId] : []), ...staff], {
      type: 'home-visit-changed',
      homeVisitId: visit.id,
      status: visit.status,
    });
  }

  /**
   * Rings the TVs of booked video consultations whose time has come (within VIDEO_RING_WINDOW_MS),
   * through the same ring as a doctor's follow-up, with the reason 'your appointment'. Each
   * appointment is claimed by a conditional UPDATE first, so two sweeps never ring it twice; a
   * resident already in a call is tried again at the next sweep while the window lasts.
   */
  async ringDueVideoAppointments(): Promise<number> {
    const now = this.now();
    const nowIso = now.toISOString();
    const due = await this.db
      .selectFrom('appointments')
      .innerJoin('scheduleSlots as slot', 'slot.id', 'appointments.slotId')
      .select(['appointments.id', 'appointments.patientId', 'slot.doctorId'])
      .where('appointments.kind', '=', 'video')
      .where('appointments.status', '=', 'booked')
      .where('appointments.rungAt', 'is', null)
      .where('appointments.startsAt', '<=', nowIso)
      .where('appointments.startsAt', '>', new Date(now.getTime() - VIDEO_RING_WINDOW_MS).toISOString())
      .execute();
    let rung = 0;
    for (const appointment of due) {
      if (!appointment.doctorId) continue;
      const claimed = await this.db
        .updateTable('appointments')
        .set({ rungAt: nowIso })
        .where('id', '=', appointment.id)
        .where('rungAt', 'is', null)
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 0n) continue;
      try {
        const consultation = await this.desk.ring(
          appointment.doctorId,
          appointment.patientId,
          APPOINTMENT_RING_REASON,
          'scheduled',
        );
        await this.db
          .updateTable('appointments')
          .set({ consultationId: consultation.id })
          .where('id', '=', appointment.id)
          .execute();
        rung += 1;
      } catch (error) {
        // Already in a call or being rung: try again at the next sweep.
        await this.db
          .updateTable('appointments')
          .set({ rungAt: null })
          .where('id', '=', appointment.id)
          .execute();
        if (!(error instanceof ApiError)) throw error;
        this.logger.info({ appointmentId: appointment.id }, 'video appointment not rung: resident busy');
      }
    }
    return rung;
  }

  /**
   * Sends the reminders that fell due since the last sweep (remindersDue: the evening before, the
   * morning of): for each coming visit, to the TVs of its village's (or care home's) residents; for
   * each booked appointment, to the resident's TV and the kiosk that booked it. The first sweep
   * after a start looks back one sweep interval only (`lookBackMs`), so a restart does not repeat
   * a day's reminders.
   */
  async sendDueReminders(lookBackMs: number): Promise<number> {
    const now = this.now();
    const since = this.remindedUntil ?? new Date(now.getTime() - lookBackMs);
    this.remindedUntil = now;
    if (since >= now) return 0;
    // A reminder is at most a day and a half before its start (18:00 the evening before).
    const horizon = new Date(now.getTime() + 36 * 60 * 60 * 1000).toISOString();
    const nowIso = now.toISOString();
    let sent = 0;
    const visits = await this.db
      .selectFrom('mobileVisits')
      .select(['id', 'villageId', 'startsAt'])
      .where('cancelledAt', 'is', null)
      .where('startsAt', '>', nowIso)
      .where('startsAt', '<=', horizon)
      .execute();
    for (const visit of visits) {
      for (const reminder of remindersDue(visit.startsAt, since, now)) {
        const residents = await this.db
          .selectFrom('patients')
          .innerJoin('users', 'users.id', 'patients.userId')
          .select('patients.userId')
          .where((eb) =>
            eb.or([
              eb('users.organisationId', '=', visit.villageId),
              eb('patients.careHomeId', '=', visit.villageId),
            ]),
          )
          .execute();
        await this.push.publish(
          residents.map((r) => r.userId),
          { type: 'reminder', subject: 'visit', id: visit.id, kind: reminder.kind, startsAt: visit.startsAt },
        );
        sent += 1;
      }
    }
    const appointments = await this.db
      .selectFrom('appointments')
      .select(['id', 'patientId', 'kioskId', 'startsAt'])
      .where('status', '=', 'booked')
      .where('startsAt', '>', nowIso)
      .where('startsAt', '<=', horizon)
      .execute();
    for (const appointment of appointments) {
      for (const reminder of remindersDue(appointment.startsAt, since, now)) {
        await this.push.publish(
          [appointment.patientId, ...(appointment.kioskId ? [appointment.kioskId] : [])],
          {
            type: 'reminder',
            subject: 'appointment',
            id: appointment.id,
            kind: reminder.kind,
            startsAt: appointment.startsAt,
          },
        );
        sent += 1;
      }
    }
    return sent;
  }
}
