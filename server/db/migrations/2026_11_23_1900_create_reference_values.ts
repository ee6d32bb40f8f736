import { sql } from 'kysely'
import type { Kysely } from 'kysely'

/**
 * Published reference values an administrator enters (e.g. a national share from
 * Skolebørnsundersøgelsen), shown beside the municipality's own figures with source and year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reference_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_id', 'text', (c) =>
      c.notNull().references('municipalities.id').onDelete('restrict'),
    )
    .addColumn('measure', 'text', (c) => c.notNull())
    // Null means grades 7–9 together.
    .addColumn('grade', 'integer', (c) => c.check(sql`grade between 7 and 9`))
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_year', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) =>
      c.notNull().references('staff_users.id').onDelete('restrict'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('reference_values_municipality_measure_idx')
    .on('reference_values')
    .columns(['municipality_id', 'measure'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reference_values').execute()
}
