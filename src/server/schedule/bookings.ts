import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Appointment } from '../../shared/schedule/schedule-schemas.js';
import type { Database, Db } from '../db/types.js';
import { ApiError } from '../http/errors.js';
import { appointmentsQuery, toAppointment } from './schedule-queries.js';

/** Who books: the resident (TV) or a care-home staff member at a kiosk, for which resident. */
export interface Booker {
  patientId: string;
  bookedBy: string;
  kioskId: string | null;
}

const isPostgres = (db: Db | Transaction<Database>) =>
  db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

/** A unique index refused the row (SQLite and PostgreSQL word it differently). */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === '23505' || /UNIQUE constraint/.test(e.message ?? '')
  );
}

/**
 * Books a place, atomically. Popular booking engines double-book under races because they read
 * the count, then write; here the database takes the lock:
 * 1. `UPDATE … SET booked = booked + 1 WHERE id = ? AND booked < capacity AND starts_at > now`:
 *    one statement that checks and counts. In SQLite it is the transaction's first statement, so
 *    the write lock is taken at once (as BEGIN IMMEDIATE would), and every other writer waits; in
 *    PostgreSQL it takes the slot's row lock and re-checks the condition after waiting for it. A
 *    CHECK (booked <= capacity) backs it up.
 * 2. The resident's other bookings are checked for an overlap while holding a lock on the
 *    resident (PostgreSQL: SELECT … FOR UPDATE on their patients row; SQLite: the write lock of
 *    step 1), and the partial unique index (patient, starts_at) refuses a second booking at the
 *    same time even if that check were wrong. Locks are taken slot then resident, one slot per
 *    transaction, so two bookings cannot deadlock.
 * Any refusal rolls back the count.
 */
export async function bookSlot(db: Db, slotId: string, booker: Booker, now: Date): Promise<Appointment> {
  const id = `appt-${randomUUID()}`;
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const counted = await trx
      .updateTable('scheduleSlots')
      .set((eb) => ({ booked: eb('booked', '+', 1) }))
      .where('id', '=', slotId)
      .where((eb) => eb('booked', '<', eb.ref('capacity')))
      .where('startsAt', '>', nowIso)
      .executeTakeFirst();
    const slot = await trx
      .selectFrom('scheduleSlots')
      .selectAll()
      .where('id', '=', slotId)
      .executeTakeFirst();
    if (!slot) throw new ApiError(404, 'not_found', 'No such slot.');
    if (counted.numUpdatedRows === 0n) {
      if (slot.startsAt <= nowIso) throw new ApiError(409, 'booking_closed', 'This slot has started.');
      throw new ApiError(409, 'slot_full', 'This slot is full.');
    }
    let lockResident = trx.selectFrom('patients').select('userId').where('userId', '=', booker.patientId);
    if (isPostgres(trx)) lockResident = lockResident.forUpdate();
    await lockResident.executeTakeFirst();
    const clash = await trx
      .selectFrom('appointments')
      .select('id')
      .where('patientId', '=', booker.patientId)
      .where('status', '=', 'booked')
      .where('startsAt', '<', slot.endsAt)
      .where('endsAt', '>', slot.startsAt)
      .executeTakeFirst();
    if (clash) throw doubleBooking();
    try {
      await trx
        .insertInto('appointments')
        .values({
          id,
          slotId,
          kind: slot.kind,
          patientId: booker.patientId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          status: 'booked',
          bookedBy: booker.bookedBy,
          kioskId: booker.kioskId,
          createdAt: nowIso,
          cancelledAt: null,
          rungAt: null,
          consultationId: null,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw doubleBooking();
      throw error;
    }
  });
  return toAppointment(
    await appointmentsQuery(db).where('appointments.id', '=', id).executeTakeFirstOrThrow(),
  );
}

const doubleBooking = () =>
  new ApiError(409, 'double_booking', 'The resident already has an appointment at this time.');

/** Cancels a booked appointment before it starts and frees its place; exactly once under races. */
export async function cancelAppointment(db: Db, appointmentId: string, now: Date): Promise<Appointment> {
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // The conditional UPDATE first: it takes the write lock (SQLite) or the row lock (PostgreSQL),
    // so of two cancels at once exactly one frees the place.
    const cancelled = await trx
      .updateTable('appointments')
      .set({ status: 'cancelled', cancelledAt: nowIso })
      .where('id', '=', appointmentId)
      .where('status', '=', 'booked')
      .where('startsAt', '>', nowIso)
      .returning('slotId')
      .executeTakeFirst();
    if (!cancelled) {
      const exists = await trx
        .selectFrom('appointments')
        .select('id')
        .where('id', '=', appointmentId)
        .executeTakeFirst();
      if (!exists) throw new ApiError(404, 'not_found', 'No such appointment.');
      throw new ApiError(409, 'not_cancellable', 'This appointment was cancelled already or has started.');
    }
    await trx
      .updateTable('scheduleSlots')
      .set((eb) => ({ booked: eb('booked', '-', 1) }))
      .where('id', '=', cancelled.slotId)
      .execute();
  });
  return toAppointment(
    await appointmentsQuery(db).where('appointments.id', '=', appointmentId).executeTakeFirstOrThrow(),
  );
}
