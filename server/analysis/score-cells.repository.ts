import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../db/create-db.ts'
import type { Database } from '../db/schema.ts'
import {
  closedRoundsOf,
  keepCellSums,
  keptCellSums,
  type CellSumRow,
} from './round-cell-sums.repository.ts'

/** The finest groups results are built from: one round, school, grade, gender (and class). */
export interface CellCoordinates {
  roundId: string
  municipalityId: string
  schoolId: string
  classId: string
  grade: string
  /** The gender answer's value, or 'unknown' when the pupil did not answer it. */
  gender: string
  /** Whether the responses were flagged by a validity rule. */
  flagged: boolean
}

/** A cell's sums of one measure: enough for a share or a mean and its interval. */
export interface ScoreSums {
  /** Responses with a value for the measure (the denominator). */
  n: number
  sum: number
  sumOfSquares: number
}

export interface ScoreCell extends CellCoordinates {
  measure: string
  sums: ScoreSums
}

export interface RespondentCell extends CellCoordinates {
  /** Completed responses in the cell. */
  respondents: number
}

export interface ValueCountCell extends CellCoordinates {
  /** How many responses have each value of the measure, e.g. concern level 1–4. */
  counts: Record<string, number>
}

export interface CellQuery {
  measures: readonly string[]
  roundIds: readonly string[]
  /** One municipality; leave out for every municipality on the deployment (benchmarks). */
  municipalityId?: string
}

const key = (value: unknown): string =>
  value === null || value === undefined
    ? 'unknown'
    : typeof value === 'number'
      ? String(Number(value))
      : /^-?\d+(\.\d+)?$/.test(String(value))
        ? String(Number(value))
        : String(value)

function responsesQuery(db: Kysely<Database>, query: Omit<CellQuery, 'measures'>) {
  let base = db
    .selectFrom('responses as r')
    .where('r.state', '=', 'complete')
    .where('r.round_id', 'in', query.roundIds.length ? [...query.roundIds] : [''])
  if (query.municipalityId) {
    const municipalityId = query.municipalityId
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_rounds as sr')
          .select('sr.id')
          .whereRef('sr.id', '=', 'r.round_id')
          .where('sr.municipality_id', '=', municipalityId),
      ),
    )
  }
  return base
}

/**
 * The chosen rounds' completed responses with their cell (a CTE), joined to their scores of the
 * measures. CROSS JOIN keeps SQLite from starting at the scores of every round (it then reads
 * the responses first and looks their scores up by primary key: 3–6× faster on the demo);
 * PostgreSQL plans it as the same inner join.
 */
function cellsQuery(db: Kysely<Database>, query: CellQuery) {
  return db
    .with('c', () =>
      responsesQuery(db, query).select([
        'r.id',
        'r.round_id',
        'r.class_id',
        'r.gender',
        'r.flagged',
      ]),
    )
    .selectFrom('c')
    .crossJoin('response_scores as s')
    .whereRef('s.response_id', '=', 'c.id')
    .where('s.measure', 'in', query.measures.length ? [...query.measures] : [''])
}

/**
 * A response's school and grade are its class's, so cells are grouped by class alone (grouping
 * by long text ids costs more than the join) and placed in their school and grade from here.
 */
const CELL_COLUMNS = ['c.round_id', 'c.class_id', 'c.gender', 'c.flagged'] as const

interface ClassPlace {
  schoolId: string
  grade: string
  municipalityId: string
}

async function classPlaces(
  db: Kysely<Database>,
  municipalityId: string | undefined,
): Promise<Map<string, ClassPlace>> {
  let query = db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .select(['classes.id', 'classes.school_id', 'classes.grade', 'schools.municipality_id'])
  if (municipalityId) query = query.where('schools.municipality_id', '=', municipalityId)
  const rows = await query.execute()
  return new Map(
    rows.map((row) => [
      row.id,
      { schoolId: row.school_id, grade: key(row.grade), municipalityId: row.municipality_id },
    ]),
  )
}

/** Completed responses per finest cell, whatever they answered. */
export async function countRespondentsByCell(
  db: Kysely<Database>,
  query: Omit<CellQuery, 'measures'>,
): Promise<RespondentCell[]> {
  const [rows, places] = await Promise.all([
    responsesQuery(db, query)
      .select((eb) => [
        'r.round_id',
        'r.class_id',
        'r.gender',
        'r.flagged',
        eb.fn.countAll<number>().as('respondents'),
      ])
      .groupBy(['r.round_id', 'r.class_id', 'r.gender', 'r.flagged'])
      .execute(),
    classPlaces(db, query.municipalityId),
  ])
  return rows.map((row) => {
    const cell = coordinatesOf(row, places) as RespondentCell
    cell.respondents = Number(row.respondents)
    return cell
  })
}

const coordinatesOf = (
  row: Pick<CellSumRow, 'round_id' | 'class_id' | 'gender' | 'flagged'>,
  places: Map<string, ClassPlace>,
): CellCoordinates => {
  const place = places.get(row.class_id)
  if (!place) throw new Error(`class ${row.class_id} of a response has no school`)
  return {
    roundId: row.round_id,
    municipalityId: place.municipalityId,
    schoolId: place.schoolId,
    classId: row.class_id,
    grade: place.grade,
    gender: key(row.gender),
    flagged: Number(row.flagged) === 1,
  }
}

/**
 * n, Σx and Σx² of stored measures per finest cell (measure × round × class × gender × flagged):
 * one GROUP BY over the long-form scores of completed responses, for any number of measures.
 * Every figure of a round is built from these cells, so all come from one suppression pattern.
 */
export async function sumScoresByCell(
  db: Kysely<Database>,
  query: CellQuery,
  keep?: KeepClosedRounds,
): Promise<ScoreCell[]> {
  const [rows, places] = await Promise.all([
    keep ? cellSumRows(db, query, keep) : groupCellSums(db, query),
    classPlaces(db, query.municipalityId),
  ])
  // Coordinates first, then the sums on the same object: spreading the coordinates into a new
  // object for each of the some 70,000 cells of a municipality's report was its largest cost.
  return rows.map((row) => {
    const cell = coordinatesOf(row, places) as ScoreCell
    cell.measure = row.measure
    cell.sums = {
      n: Number(row.n),
      sum: Number(row.sum ?? 0),
      sumOfSquares: Number(row.sum_of_squares ?? 0),
    }
    return cell
  })
}

/** Keep and read closed rounds' sums (see round-cell-sums.repository.ts). */
export interface KeepClosedRounds {
  dialect: Dialect
  now: Date
}

/** The GROUP BY over the scores themselves. */
function groupCellSums(db: Kysely<Database>, query: CellQuery): Promise<CellSumRow[]> {
  if (query.roundIds.length === 0 || query.measures.length === 0) return Promise.resolve([])
  return cellsQuery(db, query)
    .select((eb) => [
      ...CELL_COLUMNS,
      's.measure',
      eb.fn.count<number>('s.value').as('n'),
      // double precision: PostgreSQL sums a `real` column as `real`, too coarse for Σx².
      eb.fn.sum<number>(sql<number>`cast(s.value as double precision)`).as('sum'),
      eb.fn
        .sum<number>(
          sql<number>`cast(s.value as double precision) * cast(s.value as double precision)`,
        )
        .as('sum_of_squares'),
    ])
    .groupBy([...CELL_COLUMNS, 's.measure'])
    .execute()
}

/**
 * Open rounds grouped from their scores; closed rounds' measures read from their kept sums,
 * grouped and kept the first time they are asked for.
 */
async function cellSumRows(
  db: Kysely<Database>,
  query: CellQuery,
  keep: KeepClosedRounds,
): Promise<CellSumRow[]> {
  const closed = await closedRoundsOf(db, query.roundIds, query.municipalityId)
  const open = query.roundIds.filter((id) => !closed.includes(id))
  const kept = await keptCellSums(db, closed, query.measures)
  const missing = closed.flatMap((roundId) =>
    query.measures
      .filter((measure) => !kept.kept.has(`${roundId}\u001f${measure}`))
      .map((measure) => ({ roundId, measure })),
  )
  const missingKeys = new Set(missing.map((p) => `${p.roundId}\u001f${p.measure}`))
  const grouped = missing.length
    ? (
        await groupCellSums(db, {
          ...query,
          roundIds: [...new Set(missing.map((p) => p.roundId))],
          measures: [...new Set(missing.map((p) => p.measure))],
        })
      ).filter((row) => missingKeys.has(`${row.round_id}\u001f${row.measure}`))
    : []
  await keepCellSums(db, keep.dialect, missing, grouped, keep.now)
  const live = await groupCellSums(db, { ...query, roundIds: open })
  return [...kept.rows, ...grouped, ...live]
}

/** How many responses have each value of a categorical measure (e.g. concern level), per cell. */
export async function countScoreValuesByCell(
  db: Kysely<Database>,
  query: CellQuery,
): Promise<ValueCountCell[]> {
  const [rows, places] = await Promise.all([
    cellsQuery(db, query)
      .select((eb) => [...CELL_COLUMNS, 's.value as value', eb.fn.countAll<number>().as('count')])
      .groupBy([...CELL_COLUMNS, 's.value'])
      .execute(),
    classPlaces(db, query.municipalityId),
  ])
  const cells = new Map<string, ValueCountCell>()
  for (const row of rows) {
    const coordinates = coordinatesOf(row, places)
    const id = JSON.stringify(coordinates)
    const cell = cells.get(id) ?? { ...coordinates, counts: {} }
    cell.counts[key(row.value)] = (cell.counts[key(row.value)] ?? 0) + Number(row.count)
    cells.set(id, cell)
  }
  return [...cells.values()]
}
