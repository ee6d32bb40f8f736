import type { Kysely } from 'kysely'
import type { Dialect } from '../db/create-db.ts'
import type { Database } from '../db/schema.ts'

/** Sums of one measure in one results cell, as grouped from the scores or as kept. */
export interface CellSumRow {
  round_id: string
  class_id: string
  gender: unknown
  flagged: unknown
  measure: string
  n: unknown
  sum: unknown
  sum_of_squares: unknown
}

const pairKey = (roundId: string, measure: string) => `${roundId}\u001f${measure}`

/** Rows per insert: eight parameters each, well inside SQLite's and PostgreSQL's limits. */
const ROWS_PER_INSERT = 1_000

/**
 * The closed rounds among these (of the municipality, if one is given): only their scores can
 * no longer change, so only their sums are kept.
 */
export async function closedRoundsOf(
  db: Kysely<Database>,
  roundIds: readonly string[],
  municipalityId: string | undefined,
): Promise<string[]> {
  if (roundIds.length === 0) return []
  let query = db
    .selectFrom('survey_rounds')
    .select('id')
    .where('id', 'in', [...roundIds])
    .where('state', '=', 'closed')
  if (municipalityId) query = query.where('municipality_id', '=', municipalityId)
  return (await query.execute()).map((r) => r.id)
}

/**
 * The kept sums of these closed rounds and measures, and which round-measure pairs are kept.
 * Builds are read first and rows are filtered by them, so a build committed in between (by this
 * or another server instance) is never read half.
 */
export async function keptCellSums(
  db: Kysely<Database>,
  roundIds: readonly string[],
  measures: readonly string[],
): Promise<{ rows: CellSumRow[]; kept: Set<string> }> {
  if (roundIds.length === 0 || measures.length === 0) return { rows: [], kept: new Set() }
  const builds = await db
    .selectFrom('round_cell_sum_builds')
    .select(['round_id', 'measure'])
    .where('round_id', 'in', [...roundIds])
    .where('measure', 'in', [...measures])
    .execute()
  const kept = new Set(builds.map((b) => pairKey(b.round_id, b.measure)))
  if (kept.size === 0) return { rows: [], kept }
  const rows = await db
    .selectFrom('round_cell_sums')
    .select(['round_id', 'class_id', 'gender', 'flagged', 'measure', 'n', 'sum', 'sum_of_squares'])
    .where('round_id', 'in', [...new Set(builds.map((b) => b.round_id))])
    .where('measure', 'in', [...new Set(builds.map((b) => b.measure))])
    .execute()
  return { rows: rows.filter((r) => kept.has(pairKey(r.round_id, r.measure))), kept }
}

/**
 * Keeps the sums of closed rounds' measures that were just grouped from the scores. Each pair
 * is claimed by inserting its build row; a pair another instance kept first is left as it is.
 * Claim and rows commit together, so a killed server leaves either all of a pair or nothing.
 * The rounds must still be closed when the claim commits: on PostgreSQL their rows are locked
 * for the transaction, so a reopening waits for it (and then forgets what it kept) or wins first.
 */
export async function keepCellSums(
  db: Kysely<Database>,
  dialect: Dialect,
  pairs: ReadonlyArray<{ roundId: string; measure: string }>,
  rows: readonly CellSumRow[],
  now: Date,
): Promise<void> {
  if (pairs.length === 0) return
  const rowsOf = new Map<string, CellSumRow[]>()
  for (const row of rows) {
    const key = pairKey(row.round_id, row.measure)
    const list = rowsOf.get(key)
    if (list) list.push(row)
    else rowsOf.set(key, [row])
  }
  await db.transaction().execute(async (trx) => {
    let stillClosed = trx
      .selectFrom('survey_rounds')
      .select('id')
      .where('id', 'in', [...new Set(pairs.map((p) => p.roundId))])
      .where('state', '=', 'closed')
    if (dialect === 'postgres') stillClosed = stillClosed.forShare()
    const closed = new Set((await stillClosed.execute()).map((r) => r.id))
    const claimable = pairs.filter((p) => closed.has(p.roundId))
    if (claimable.length === 0) return
    const claimed = await trx
      .insertInto('round_cell_sum_builds')
      .values(
        claimable.map((p) => ({
          round_id: p.roundId,
          measure: p.measure,
          built_at: now.toISOString(),
        })),
      )
      .onConflict((oc) => oc.columns(['round_id', 'measure']).doNothing())
      .returning(['round_id', 'measure'])
      .execute()
    const toInsert = claimed.flatMap((c) => rowsOf.get(pairKey(c.round_id, c.measure)) ?? [])
    for (let i = 0; i < toInsert.length; i += ROWS_PER_INSERT) {
      await trx
        .insertInto('round_cell_sums')
        .values(
          toInsert.slice(i, i + ROWS_PER_INSERT).map((r) => ({
            round_id: r.round_id,
            measure: r.measure,
            class_id: r.class_id,
            gender: r.gender === null || r.gender === undefined ? null : Number(r.gender),
            flagged: Number(r.flagged),
            n: Number(r.n),
            sum: Number(r.sum ?? 0),
            sum_of_squares: Number(r.sum_of_squares ?? 0),
          })),
        )
        .execute()
    }
  })
}

/**
 * Drops the kept sums of these rounds. Call it whenever a closed round's scores or responses
 * may change: when it reopens, when its responses are scored again, when responses are imported
 * into it. Builds and rows go together, inside the caller's transaction if there is one.
 */
export async function forgetRoundCellSums(
  db: Kysely<Database>,
  roundIds: readonly string[],
): Promise<void> {
  if (roundIds.length === 0) return
  const forget = async (trx: Kysely<Database>) => {
    await trx
      .deleteFrom('round_cell_sum_builds')
      .where('round_id', 'in', [...roundIds])
      .execute()
    await trx
      .deleteFrom('round_cell_sums')
      .where('round_id', 'in', [...roundIds])
      .execute()
  }
  if (db.isTransaction) await forget(db)
  else await db.transaction().execute(forget)
}
