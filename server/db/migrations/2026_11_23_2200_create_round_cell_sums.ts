import type { Kysely } from 'kysely'

/**
 * Sums of closed rounds' scores per results cell (round × measure × class × gender × flagged),
 * kept the first time a closed round's measure is read, so later results of it read a few
 * thousand rows instead of grouping every pupil's scores again. A build row marks a round and
 * measure whose sums are complete; both are written in one transaction and dropped together
 * when the round reopens or its responses are scored again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_cell_sum_builds')
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('survey_rounds.id').onDelete('cascade'),
    )
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_cell_sum_builds_pk', ['round_id', 'measure'])
    .execute()
  await db.schema
    .createTable('round_cell_sums')
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('survey_rounds.id').onDelete('cascade'),
    )
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('class_id', 'text', (c) => c.notNull())
    .addColumn('gender', 'integer')
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('sum_of_squares', 'double precision', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('round_cell_sums_idx')
    .on('round_cell_sums')
    .columns(['round_id', 'measure'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_cell_sums').execute()
  await db.schema.dropTable('round_cell_sum_builds').execute()
}
