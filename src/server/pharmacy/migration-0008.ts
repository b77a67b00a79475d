import { sql, type Kysely } from 'kysely';

// Issue 15: the cloud pharmacy. Money is integer fen (integer columns); the status history is
// append-only, enforced by the database as audit_log is (migration 0002).
export async function up(db: Kysely<unknown>): Promise<void> {
  // Known allergies (JSON array of allergy groups, e.g. ["sulfonamide"]): the pre-screen checks them.
  await db.schema
    .alterTable('patients')
    .addColumn('allergies', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  await db.schema
    .createTable('medicines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('generic_name_zh', 'text', (c) => c.notNull())
    .addColumn('generic_name_en', 'text', (c) => c.notNull())
    .addColumn('brand_name_zh', 'text')
    .addColumn('brand_name_en', 'text')
    .addColumn('strength', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('dose_unit', 'text', (c) => c.notNull())
    .addColumn('pack_size', 'integer', (c) => c.notNull())
    .addColumn('insurance_category', 'text', (c) => c.notNull())
    .addColumn('price_fen', 'integer', (c) => c.notNull())
    .addColumn('pinyin_initials', 'text', (c) => c.notNull())
    .addColumn('pinyin', 'text', (c) => c.notNull())
    .addColumn('therapeutic_class', 'text', (c) => c.notNull())
    .addColumn('indications', 'text', (c) => c.notNull())
    .addColumn('frequencies', 'text', (c) => c.notNull())
    .addColumn('allergy_groups', 'text', (c) => c.notNull())
    .addColumn('max_daily_units', 'real', (c) => c.notNull())
    .addColumn('divisible', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('prescriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('doctor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('consultation_id', 'text', (c) => c.references('consultations.id'))
    .addColumn('medicine_id', 'text', (c) => c.notNull().references('medicines.id'))
    .addColumn('dose_amount', 'real', (c) => c.notNull())
    .addColumn('dose_unit', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('days_supply', 'integer', (c) => c.notNull())
    .addColumn('refills', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prescriptions_patient').on('prescriptions').column('patient_id').execute();
  await db.schema
    .createIndex('prescriptions_consultation')
    .on('prescriptions')
    .column('consultation_id')
    .execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('request_hash', 'text')
    .addColumn('delivery_address', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'integer', (c) => c.notNull())
    .addColumn('patient_share_fen', 'integer', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('courier', 'text')
    .addColumn('tracking_number', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One order per resident and key, whatever the concurrency (NULL keys do not collide).
  await db.schema
    .createIndex('orders_idempotency')
    .unique()
    .on('orders')
    .columns(['patient_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('orders_status').on('orders').column('status').execute();

  await db.schema
    .createTable('order_items')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('prescription_id', 'text', (c) => c.notNull().references('prescriptions.id'))
    .addColumn('medicine_id', 'text', (c) => c.notNull().references('medicines.id'))
    .addColumn('packs', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'integer', (c) => c.notNull())
    .addColumn('line_total_fen', 'integer', (c) => c.notNull())
    .addColumn('days_supply', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_items_pk', ['order_id', 'prescription_id'])
    .execute();
  await db.schema
    .createIndex('order_items_prescription')
    .on('order_items')
    .column('prescription_id')
    .execute();

  await db.schema
    .createTable('order_status_history')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('order_status_history_order')
    .on('order_status_history')
    .column('order_id')
    .execute();

  await db.schema
    .createTable('dose_answers')
    .addColumn('prescription_id', 'text', (c) => c.notNull().references('prescriptions.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text')
    .addPrimaryKeyConstraint('dose_answers_pk', ['prescription_id', 'scheduled_at', 'answer'])
    .execute();
  await db.schema.createIndex('dose_answers_patient').on('dose_answers').column('patient_id').execute();

  const adapter = db.getExecutor().adapter.constructor.name;
  if (adapter === 'SqliteAdapter') {
    await sql`create trigger order_status_history_no_update before update on order_status_history
      begin select raise(abort, 'order_status_history is append-only'); end`.execute(db);
    await sql`create trigger order_status_history_no_delete before delete on order_status_history
      begin select raise(abort, 'order_status_history is append-only'); end`.execute(db);
  } else if (adapter === 'PostgresAdapter') {
    await sql`create rule order_status_history_no_update as on update to order_status_history do instead nothing`.execute(
      db,
    );
    await sql`create rule order_status_history_no_delete as on delete to order_status_history do instead nothing`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'dose_answers',
    'order_status_history',
    'order_items',
    'orders',
    'prescriptions',
    'medicines',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('patients').dropColumn('allergies').execute();
}
