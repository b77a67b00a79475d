import type { Kysely } from 'kysely';

// 0012-visit-channels: a self-service kiosk visit may ask for a doctor (issue 14 §9). Its queue
// entry names the visit, so that only that visit holds the place, joins the call it leads to and
// reads its summary, and the end of the visit finds what to withdraw and hang up.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('queue_entries')
    .addColumn('visit_id', 'text', (c) => c.references('kiosk_visits.id'))
    .execute();
  await db.schema.createIndex('queue_entries_visit').on('queue_entries').column('visit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('queue_entries_visit').execute();
  await db.schema.alterTable('queue_entries').dropColumn('visit_id').execute();
}
