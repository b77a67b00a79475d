import { sql, type Kysely } from 'kysely';

// 0011-resident-cards: the family doctor's QR card for self-service kiosks (issue 14 §9). Only the
// secret's hash is kept (as for every bearer secret, identity/secrets.ts); a revoked card stays,
// with who revoked it, so the history of who could identify as the resident is kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resident_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .execute();
  // One card in use per resident: issuing revokes the previous one in the same transaction, and a
  // concurrent second issue fails here rather than leaving two cards that both work.
  await sql`create unique index resident_cards_one_in_use on resident_cards (patient_id) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('resident_cards').execute();
}
