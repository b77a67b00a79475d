import type { Kysely } from 'kysely';

// Portable DDL: text ids and ISO-8601 text timestamps work the same in SQLite and PostgreSQL.
// Kysely's CamelCasePlugin does not apply to schema builders, so names here are snake_case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('organisations.id'))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('title', 'text')
    .addColumn('department', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('patients')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('family_doctor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('care_home_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('doctor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('room_name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('consultations_patient').on('consultations').column('patient_id').execute();
  await db.schema.createIndex('consultations_doctor').on('consultations').column('doctor_id').execute();

  await db.schema
    .createTable('livekit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('room_name', 'text')
    .addColumn('participant_identity', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('livekit_events_room').on('livekit_events').column('room_name').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['livekit_events', 'consultations', 'patients', 'users', 'organisations']) {
    await db.schema.dropTable(table).execute();
  }
}
