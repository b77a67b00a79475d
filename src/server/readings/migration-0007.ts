import { sql, type Kysely } from 'kysely';

// 0007-readings: health readings, self-service kiosk visits, and the ID card's last digits that
// identify a resident at a kiosk (with the date of birth; never the whole number).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('readings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.user_id'))
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('device_json', 'text')
    .addColumn('natural_key', 'text')
    .addColumn('consultation_id', 'text', (c) => c.references('consultations.id'))
    .addColumn('danger_symptoms', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('colour', 'text')
    .addColumn('message_key', 'text')
    .addColumn('advice_key', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('replaces_id', 'text', (c) => c.references('readings.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('body_hash', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text')
    .execute();
  // A replayed device record is stored once (NULLs, entry by hand, never collide).
  await db.schema.createIndex('readings_natural_key').unique().on('readings').column('natural_key').execute();
  await db.schema
    .createIndex('readings_patient_taken')
    .on('readings')
    .columns(['patient_id', 'taken_at'])
    .execute();
  await db.schema.createIndex('readings_consultation').on('readings').column('consultation_id').execute();

  await db.schema
    .createTable('kiosk_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id_hash', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.user_id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  // One open visit per kiosk session: a new identification ends the one before.
  await sql`create unique index kiosk_visits_one_open on kiosk_visits (session_id_hash) where ended_at is null`.execute(
    db,
  );

  await db.schema.alterTable('patients').addColumn('id_card_suffix', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('patients').dropColumn('id_card_suffix').execute();
  await db.schema.dropTable('kiosk_visits').execute();
  await db.schema.dropTable('readings').execute();
}
