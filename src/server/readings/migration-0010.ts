import type { Kysely } from 'kysely';

// 0010-reading-series: the validated kiosk protocol (rest, three readings a minute apart, the mean
// of the last two as the result): each reading names its series and its role in it, so all three
// are kept beside the result, and only the result counts for colours and trends.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('readings').addColumn('series_id', 'text').execute();
  await db.schema.alterTable('readings').addColumn('series_role', 'text').execute();
  await db.schema.alterTable('readings').addColumn('series_index', 'integer').execute();
  // One reading per place in a series (parts 1-3, the result 0): a second, different 'part 2' is refused.
  await db.schema
    .createIndex('readings_series')
    .unique()
    .on('readings')
    .columns(['series_id', 'series_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('readings_series').execute();
  await db.schema.alterTable('readings').dropColumn('series_index').execute();
  await db.schema.alterTable('readings').dropColumn('series_role').execute();
  await db.schema.alterTable('readings').dropColumn('series_id').execute();
}
