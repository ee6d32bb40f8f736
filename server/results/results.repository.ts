import { sql, type Kysely } from 'kysely'
import type { GroupSums } from '../../analysis/aggregation/group-summary.ts'
import type { Database } from '../db/schema.ts'

export type GroupBy = 'none' | 'school' | 'grade' | 'gender' | 'class' | 'round'

export interface MeasureQuery {
  municipalityId: string
  roundId: string
  measure: string
  groupBy: GroupBy
  /** Only this school (school users, or a filter). */
  schoolId?: string | undefined
  /** Flagged responses are left out unless asked for; they are always counted. */
  includeFlagged: boolean
}

/**
 * n, Σx and Σx² of a stored measure per group: one GROUP BY over the long-form scores of the
 * round's completed responses. Keys are ids (school, class, round), grades or gender codes.
 */
export async function sumMeasureByGroup(
  db: Kysely<Database>,
  query: MeasureQuery,
): Promise<{ groups: GroupSums[]; excludedAsInvalid: number }> {
  let base = db
    .selectFrom('response_scores as s')
    .innerJoin('responses as r', 'r.id', 's.response_id')
    .innerJoin('survey_rounds as sr', 'sr.id', 'r.round_id')
    .leftJoin('response_scores as g', (join) =>
      join.onRef('g.response_id', '=', 'r.id').on('g.measure', '=', 'background.gender'),
    )
    .where('s.measure', '=', query.measure)
    .where('r.state', '=', 'complete')
    .where('sr.municipality_id', '=', query.municipalityId)
    .where('r.round_id', '=', query.roundId)
  if (query.schoolId) base = base.where('r.school_id', '=', query.schoolId)

  const excluded = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.quality_flags_json', '!=', '[]')
    .executeTakeFirst()
  const filtered = query.includeFlagged ? base : base.where('r.quality_flags_json', '=', '[]')

  const keyColumn = {
    none: sql<string | number | null>`'total'`,
    school: sql<string | number | null>`r.school_id`,
    grade: sql<string | number | null>`r.grade`,
    gender: sql<string | number | null>`g.value`,
    class: sql<string | number | null>`r.class_id`,
    round: sql<string | number | null>`r.round_id`,
  }[query.groupBy]
  const rows = await filtered
    .select((eb) => [
      keyColumn.as('group_key'),
      eb.fn.count<number>('s.value').as('n'),
      eb.fn.sum<number>('s.value').as('sum'),
      eb.fn.sum<number>(sql<number>`s.value * s.value`).as('sum_of_squares'),
    ])
    .groupBy(keyColumn)
    .execute()
  return {
    groups: rows.map((row) => ({
      key:
        row.group_key === null
          ? 'unknown'
          : typeof row.group_key === 'number'
            ? String(Number(row.group_key))
            : String(row.group_key),
      n: Number(row.n),
      sum: Number(row.sum ?? 0),
      sumOfSquares: Number(row.sum_of_squares ?? 0),
    })),
    excludedAsInvalid: Number(excluded?.n ?? 0),
  }
}
