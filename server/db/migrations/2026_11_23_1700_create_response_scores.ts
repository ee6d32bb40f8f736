import type { Kysely } from 'kysely'

/**
 * Per-pupil scores in long form (one row per response × measure), written when a response is
 * completed and rewritten by a re-scoring; each row says which scoring-spec version produced it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('response_scores')
    .addColumn('response_id', 'text', (c) =>
      c.notNull().references('responses.id').onDelete('cascade'),
    )
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addColumn('spec_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('response_scores_pk', ['response_id', 'measure'])
    .execute()
  await db.schema
    .createIndex('response_scores_measure_idx')
    .on('response_scores')
    .columns(['measure', 'response_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('response_scores').execute()
}
