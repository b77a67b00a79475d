import { sql, type Kysely } from 'kysely';

// The schedule (issue 16): mobile-clinic visits, slots with capacity, appointments, home visits
// and the family-doctor team. Portable DDL: text ids, ISO-8601 text timestamps.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mobile_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('village_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('township_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('vehicle', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('mobile_visits_village')
    .on('mobile_visits')
    .columns(['village_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('schedule_slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.references('mobile_visits.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('doctor_id', 'text', (c) => c.references('users.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    // The database itself refuses an overbooked slot, whatever the code above it does.
    .addCheckConstraint('schedule_slots_capacity', sql`booked >= 0 and booked <= capacity and capacity > 0`)
    .execute();
  await db.schema.createIndex('schedule_slots_start').on('schedule_slots').column('starts_at').execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('schedule_slots.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('booked_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kiosk_id', 'text', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('rung_at', 'text')
    .addColumn('consultation_id', 'text', (c) => c.references('consultations.id'))
    .execute();
  // A resident is never booked twice at the same time, nor twice in one slot (partial unique
  // indexes: SQLite and PostgreSQL both have them). Overlapping windows are checked under lock.
  await sql`create unique index appointments_patient_time on appointments (patient_id, starts_at) where status = 'booked'`.execute(
    db,
  );
  await sql`create unique index appointments_patient_slot on appointments (patient_id, slot_id) where status = 'booked'`.execute(
    db,
  );
  await db.schema.createIndex('appointments_slot').on('appointments').column('slot_id').execute();

  await db.schema
    .createTable('home_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('preferred_date', 'text', (c) => c.notNull())
    .addColumn('preferred_half_day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('visit_note', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kiosk_id', 'text', (c) => c.references('devices.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('home_visits_patient').on('home_visits').column('patient_id').execute();

  await db.schema
    .createTable('care_team_members')
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team_role', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('phone', 'text')
    .addPrimaryKeyConstraint('care_team_members_pk', ['patient_id', 'team_role'])
    .execute();
  await db.schema
    .createIndex('care_team_members_member')
    .on('care_team_members')
    .column('member_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'care_team_members',
    'home_visits',
    'appointments',
    'schedule_slots',
    'mobile_visits',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
