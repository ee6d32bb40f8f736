import type { Kysely } from 'kysely'

/**
 * One secret per municipality, the HMAC key of the school and class pseudonyms in pupil-level
 * exports: pseudonyms stay stable across exports yet cannot be recomputed from the ids alone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('export_keys')
    .addColumn('municipality_id', 'text', (c) =>
      c.primaryKey().references('municipalities.id').onDelete('cascade'),
    )
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('export_keys').execute()
}
