import type { Kysely } from 'kysely'

/**
 * Results now find scores from the responses of a round (by the primary key response_id,
 * measure), so nothing reads scores by measure first. The index only cost every submission a
 * write at about 70 scattered places (most of what scoring added to a save, in the benchmark).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('response_scores_measure_idx').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('response_scores_measure_idx')
    .on('response_scores')
    .columns(['measure', 'response_id'])
    .execute()
}
