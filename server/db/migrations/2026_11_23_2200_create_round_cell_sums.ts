import type { Kysely } from 'kysely'

/**
 * Sums of closed rounds' scores per results cell (class × gender × flagged), one row per round
 * and measure holding all its cells, kept the first time a closed round's measure is read. Later
 * results of it read one row instead of grouping every pupil's scores again. The rows go when
 * the round reopens or its responses are scored again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_cell_sums')
    .addColumn('round_id', 'text', (c) =>
      c.notNull().references('survey_rounds.id').onDelete('cascade'),
    )
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('cells_json', 'text', (c) => c.notNull())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_cell_sums_pk', ['round_id', 'measure'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_cell_sums').execute()
}
