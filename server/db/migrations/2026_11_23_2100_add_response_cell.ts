import { sql } from 'kysely'
import type { Kysely } from 'kysely'

/**
 * The cell a completed response counts in, beside the response: its gender answer and whether a
 * validity rule flagged it. Results group every response by these; reading them from the
 * response row (with an index) instead of looking up its gender score and parsing its flags
 * made aggregates over a whole round many times faster. Scoring keeps them in step.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('gender', 'integer').execute()
  await db.schema
    .alterTable('responses')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`
    update responses set
      gender = (
        select cast(s.value as integer) from response_scores s
        where s.response_id = responses.id and s.measure = 'background.gender'
      ),
      flagged = case when quality_flags_json = '[]' then 0 else 1 end
  `.execute(db)
  await db.schema
    .createIndex('responses_cell_idx')
    .on('responses')
    .columns(['round_id', 'state', 'class_id', 'gender', 'flagged', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('responses_cell_idx').execute()
  await db.schema.alterTable('responses').dropColumn('flagged').execute()
  await db.schema.alterTable('responses').dropColumn('gender').execute()
}
