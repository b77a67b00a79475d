import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Clinicians sign in with a username and password; care-home staff with a PIN on a kiosk.
  await db.schema.alterTable('users').addColumn('username', 'text').execute();
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('pin_hash', 'text').execute();
  await db.schema.createIndex('users_username').unique().on('users').column('username').execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.references('users.id'))
    .addColumn('care_home_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('paired_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('paired_at', 'text', (c) => c.notNull())
    .addColumn('credential_hash', 'text', (c) => c.notNull().unique())
    .addColumn('previous_credential_hash', 'text')
    .addColumn('credential_rotated_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_reason', 'text')
    .execute();

  await db.schema
    .createTable('pairing_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .execute();
  await db.schema
    .createIndex('pairing_requests_user_code')
    .on('pairing_requests')
    .column('user_code')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .addColumn('staff_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('staff_expires_at', 'text')
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_device').on('sessions').column('device_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text')
    .addColumn('target', 'text')
    .addColumn('address', 'text')
    .execute();
  await db.schema.createIndex('audit_log_patient').on('audit_log').column('patient_id').execute();

  // Append-only, enforced by the database itself, not only by the absence of an API for it.
  const adapter = db.getExecutor().adapter.constructor.name;
  if (adapter === 'SqliteAdapter') {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  } else if (adapter === 'PostgresAdapter') {
    await sql`create rule audit_log_no_update as on update to audit_log do instead nothing`.execute(db);
    await sql`create rule audit_log_no_delete as on delete to audit_log do instead nothing`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'sessions', 'pairing_requests', 'devices']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('users_username').execute();
  for (const column of ['pin_hash', 'password_hash', 'username']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
