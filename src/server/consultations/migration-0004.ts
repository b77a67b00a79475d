import { sql, type Kysely } from 'kysely';

// Consultations asked for at a care-home kiosk: a queue entry remembers the kiosk (the device the
// place belongs to: its heartbeat, its waiting screen, its call) and the staff member signed in on
// it who asked. Both null for a resident's own request from their TV.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('queue_entries')
    .addColumn('kiosk_id', 'text', (c) => c.references('devices.id'))
    .execute();
  await db.schema
    .alterTable('queue_entries')
    .addColumn('staff_id', 'text', (c) => c.references('users.id'))
    .execute();
  // One open request per kiosk: the nurse helps one resident at a time.
  await sql`create unique index queue_entries_one_waiting_per_kiosk on queue_entries (kiosk_id) where status = 'waiting' and kiosk_id is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('queue_entries_consultation')
    .on('queue_entries')
    .column('consultation_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('queue_entries_consultation').execute();
  await db.schema.dropIndex('queue_entries_one_waiting_per_kiosk').execute();
  await db.schema.alterTable('queue_entries').dropColumn('staff_id').execute();
  await db.schema.alterTable('queue_entries').dropColumn('kiosk_id').execute();
}
