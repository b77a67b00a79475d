import type { Kysely } from 'kysely';

// 0013-kiosk-staff-shifts: who was signed in on which kiosk, and when. A session row forgets its
// staff member at sign-out and idle sign-out; this history does not, so a write taken during a
// shift and delivered by the kiosk's outbox after it ended can still be judged (access/readings.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kiosk_staff_shifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id_hash', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('care_home_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('staff_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_active_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('kiosk_staff_shifts_device_staff')
    .on('kiosk_staff_shifts')
    .columns(['device_id', 'staff_user_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('kiosk_staff_shifts_session')
    .on('kiosk_staff_shifts')
    .column('session_id_hash')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kiosk_staff_shifts').execute();
}
