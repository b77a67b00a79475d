import { sql, type Kysely } from 'kysely';

// Access that ends must end everywhere (issue 12 §2).
// - Every superseded device credential is remembered, so that presenting one is recognised as
//   reuse (a copy) rather than as merely unknown; the one just replaced may be used once, shortly.
// - A TV an administrator paired to a resident waits for the resident's family doctor to confirm
//   it (`confirmed_at`); until then it gets no session. Devices already paired count as confirmed.
// - Every audit row says which device acted and who approved that device's pairing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('superseded_credentials')
    .addColumn('credential_hash', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('superseded_at', 'text', (c) => c.notNull())
    .addColumn('grace_used_at', 'text')
    .execute();
  await db.schema
    .createIndex('superseded_credentials_device')
    .on('superseded_credentials')
    .column('device_id')
    .execute();
  await sql`insert into superseded_credentials (credential_hash, device_id, superseded_at, grace_used_at)
    select previous_credential_hash, id, credential_rotated_at, credential_rotated_at from devices
    where previous_credential_hash is not null`.execute(db);
  await db.schema.alterTable('devices').dropColumn('previous_credential_hash').execute();

  await db.schema.alterTable('devices').addColumn('confirmed_at', 'text').execute();
  await db.schema
    .alterTable('devices')
    .addColumn('confirmed_by', 'text', (c) => c.references('users.id'))
    .execute();
  await sql`update devices set confirmed_at = paired_at, confirmed_by = paired_by`.execute(db);

  // A standby token is issued once per ring, to one device.
  await db.schema.alterTable('consultations').addColumn('standby_device_id', 'text').execute();

  await db.schema.alterTable('audit_log').addColumn('device_id', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('device_paired_by', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('device_paired_by').execute();
  await db.schema.alterTable('audit_log').dropColumn('device_id').execute();
  await db.schema.alterTable('consultations').dropColumn('standby_device_id').execute();
  await db.schema.alterTable('devices').dropColumn('confirmed_by').execute();
  await db.schema.alterTable('devices').dropColumn('confirmed_at').execute();
  await db.schema.alterTable('devices').addColumn('previous_credential_hash', 'text').execute();
  await db.schema.dropTable('superseded_credentials').execute();
}
