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

/** One kept cell: class id, gender value (or null), flagged (0/1), n, Σx, Σx². */
type KeptCell = [string, number | null, number, number, number, number]

const pairKey = (roundId: string, measure: string) => `${roundId}\u001f${measure}`

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
 * A pair's cells are one row, so a pair is read whole or not at all.
 */
export async function keptCellSums(
  db: Kysely<Database>,
  roundIds: readonly string[],
  measures: readonly string[],
): Promise<{ rows: CellSumRow[]; kept: Set<string> }> {
  if (roundIds.length === 0 || measures.length === 0) return { rows: [], kept: new Set() }
  const pairs = await db
    .selectFrom('round_cell_sums')
    .select(['round_id', 'measure', 'cells_json'])
    .where('round_id', 'in', [...roundIds])
    .where('measure', 'in', [...measures])
    .execute()
  const rows: CellSumRow[] = []
  for (const pair of pairs) {
    for (const [classId, gender, flagged, n, sum, sumOfSquares] of JSON.parse(
      pair.cells_json,
    ) as KeptCell[]) {
      rows.push({
        round_id: pair.round_id,
        measure: pair.measure,
        class_id: classId,
        gender,
        flagged,
        n,
        sum,
        sum_of_squares: sumOfSquares,
      })
    }
  }
  return { rows, kept: new Set(pairs.map((p) => pairKey(p.round_id, p.measure))) }
}

/**
 * Keeps the sums of closed rounds' measures that were just grouped from the scores, one row per
 * round and measure; a pair another instance kept first is left as it is. The rounds must still
 * be closed when the rows commit: on PostgreSQL their rows are locked for the transaction, so a
 * reopening waits for it (and then forgets what it kept) or wins first.
 */
export async function keepCellSums(
  db: Kysely<Database>,
  dialect: Dialect,
  pairs: ReadonlyArray<{ roundId: string; measure: string }>,
  rows: readonly CellSumRow[],
  now: Date,
): Promise<void> {
  if (pairs.length === 0) return
  const cellsOf = new Map<string, KeptCell[]>(pairs.map((p) => [pairKey(p.roundId, p.measure), []]))
  for (const row of rows) {
    cellsOf
      .get(pairKey(row.round_id, row.measure))
      ?.push([
        row.class_id,
        row.gender === null || row.gender === undefined ? null : Number(row.gender),
        Number(row.flagged),
        Number(row.n),
        Number(row.sum ?? 0),
        Number(row.sum_of_squares ?? 0),
      ])
  }
  await db.transaction().execute(async (trx) => {
    let stillClosed = trx
      .selectFrom('survey_rounds')
      .select('id')
      .where('id', 'in', [...new Set(pairs.map((p) => p.roundId))])
      .where('state', '=', 'closed')
    if (dialect === 'postgres') stillClosed = stillClosed.forShare()
    const closed = new Set((await stillClosed.execute()).map((r) => r.id))
    const values = pairs
      .filter((p) => closed.has(p.roundId))
      .map((p) => ({
        round_id: p.roundId,
        measure: p.measure,
        cells_json: JSON.stringify(cellsOf.get(pairKey(p.roundId, p.measure))),
        built_at: now.toISOString(),
      }))
    // Four parameters a row: well inside SQLite's and PostgreSQL's limits per statement.
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto('round_cell_sums')
        .values(values.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['round_id', 'measure']).doNothing())
        .execute()
    }
  })
}

/**
 * Drops the kept sums of these rounds. Call it whenever a closed round's scores or responses
 * may change: when it reopens, when its responses are scored again, when responses are imported
 * into it.
 */
export async function forgetRoundCellSums(
  db: Kysely<Database>,
  roundIds: readonly string[],
): Promise<void> {
  if (roundIds.length === 0) return
  await db
    .deleteFrom('round_cell_sums')
    .where('round_id', 'in', [...roundIds])
    .execute()
}
