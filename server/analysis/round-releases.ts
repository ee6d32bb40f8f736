import {
  measureKind,
  summarizeGroup,
  type GroupSummary,
  type MeasureKind,
} from '../../analysis/aggregation/group-summary.ts'
import {
  releaseRound,
  type ReleasedRound,
  type Selection,
} from '../../analysis/aggregation/released-round.ts'
import type { Released } from '../../analysis/suppression/suppress-breakdown.ts'
import type { AppDeps } from '../app-env.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import {
  countRespondentsByCell,
  countScoreValuesByCell,
  sumScoresByCell,
  type RespondentCell,
  type ScoreCell,
  type ScoreSums,
} from './score-cells.repository.ts'

export const addSums = (a: ScoreSums, b: ScoreSums): ScoreSums => ({
  n: a.n + b.n,
  sum: a.sum + b.sum,
  sumOfSquares: a.sumOfSquares + b.sumOfSquares,
})

/** A group's figure as it leaves the server: shown with its numbers, or suppressed with none. */
export type ReleasedFigure =
  | {
      status: 'shown'
      figure: GroupSummary
      /** Respondents in the group without a value for the measure (not asked, too few answers). */
      missing: number
    }
  | { status: 'suppressed'; reason: 'too-few' | 'complementary' }

/** One round's released figures of one measure, and the counts reports need beside them. */
export interface RoundRelease {
  round: SurveyRound
  measure: string
  kind: MeasureKind
  released: ReleasedRound<ScoreSums>
  /** The figure of a group, or undefined when nobody in it has a value. */
  figure(selection: Selection): ReleasedFigure | undefined
  classFigure(classId: string): ReleasedFigure | undefined
  /** The raw sums behind a shown group (for tests of change); undefined if not shown. */
  shownSums(selection: Selection): ScoreSums | undefined
  /** Responses left out as invalid in a group; a count only given beside a shown figure. */
  excludedAsInvalid(selection: Selection): number
}

/**
 * Respondent counts of every group of one round (each cell added to its 8 margins once), so a
 * figure's count is one lookup instead of a pass over every cell. Groups are numbered (school,
 * grade and gender as small integers, the margin after the last value) in a dense array: keys of
 * joined id strings for a national round's cells took a fifth of a second.
 */
function respondentCounts(
  cells: readonly RespondentCell[],
  counted: (cell: RespondentCell) => boolean,
) {
  const schools = new Map<string, number>()
  const grades = new Map<string, number>()
  const genders = new Map<string, number>()
  const indexOf = (values: Map<string, number>, value: string) => {
    let index = values.get(value)
    if (index === undefined) values.set(value, (index = values.size))
    return index
  }
  const chosen = cells.filter(counted)
  for (const cell of chosen) {
    indexOf(schools, cell.schoolId)
    indexOf(grades, cell.grade)
    indexOf(genders, cell.gender)
  }
  // Radix per dimension: its values and the margin (index = number of values).
  const [rs, rg, rx] = [schools.size + 1, grades.size + 1, genders.size + 1]
  const byGroup = new Float64Array(rs * rg * rx)
  const byClass = new Map<string, number>()
  for (const cell of chosen) {
    const s = schools.get(cell.schoolId)!
    const g = grades.get(cell.grade)!
    const x = genders.get(cell.gender)!
    const n = cell.respondents
    // The cell and its 7 margins: each of school and grade as itself or all, gender likewise.
    for (let corner = 0; corner < 4; corner++) {
      const row = ((corner & 1 ? rs - 1 : s) * rg + (corner & 2 ? rg - 1 : g)) * rx
      byGroup[row + x] = (byGroup[row + x] as number) + n
      byGroup[row + rx - 1] = (byGroup[row + rx - 1] as number) + n
    }
    byClass.set(cell.classId, (byClass.get(cell.classId) ?? 0) + n)
  }
  const coordinate = (values: Map<string, number>, value: string | undefined, all: number) =>
    value === undefined ? all : values.get(value)
  return {
    of: (selection: Selection) => {
      const s = coordinate(schools, selection.school, rs - 1)
      const g = coordinate(grades, selection.grade, rg - 1)
      const x = coordinate(genders, selection.gender, rx - 1)
      if (s === undefined || g === undefined || x === undefined) return 0
      return byGroup[(s * rg + g) * rx + x] ?? 0
    },
    ofClass: (classId: string) => byClass.get(classId) ?? 0,
  }
}
type RespondentCounts = ReturnType<typeof respondentCounts>

/**
 * Loads the score cells of several measures and rounds in one query and releases, per round and
 * measure, every figure through one suppression pattern (analysis/aggregation/released-round.ts).
 * Flagged responses are left out unless asked for, and always counted.
 */
export async function releaseRounds(
  deps: Pick<AppDeps, 'db' | 'dialect' | 'clock' | 'config'>,
  municipalityId: string,
  rounds: readonly SurveyRound[],
  measures: readonly string[],
  includeFlagged: boolean,
): Promise<Map<string, Map<string, RoundRelease>>> {
  const roundIds = rounds.map((r) => r.id)
  const [scoreCells, respondentCells] = await Promise.all([
    sumScoresByCell(
      deps.db,
      { measures, roundIds, municipalityId },
      { dialect: deps.dialect, now: deps.clock.now() },
    ),
    countRespondentsByCell(deps.db, { roundIds, municipalityId }),
  ])
  const k = deps.config.minGroupSize
  // One pass to group the cells; filtering the whole list per round and measure was the hot spot.
  const cellsOf = new Map<string, ScoreCell[]>()
  for (const cell of scoreCells) {
    if (cell.flagged && !includeFlagged) continue
    const id = `${cell.roundId}\u001f${cell.measure}`
    const list = cellsOf.get(id)
    if (list) list.push(cell)
    else cellsOf.set(id, [cell])
  }
  const result = new Map<string, Map<string, RoundRelease>>()
  for (const round of rounds) {
    const respondents = respondentCounts(
      respondentCells,
      (c) => c.roundId === round.id && (includeFlagged || !c.flagged),
    )
    const flaggedRespondents = respondentCounts(
      respondentCells,
      (c) => !includeFlagged && c.roundId === round.id && c.flagged,
    )
    const byMeasure = new Map<string, RoundRelease>()
    for (const measure of measures) {
      const cells = cellsOf.get(`${round.id}\u001f${measure}`) ?? []
      const released = releaseRound(
        cells.map((c) => ({
          school: c.schoolId,
          grade: c.grade,
          classId: c.classId,
          gender: c.gender,
          n: c.sums.n,
          value: c.sums,
        })),
        addSums,
        k,
      )
      byMeasure.set(
        measure,
        roundRelease(round, measure, released, respondents, flaggedRespondents),
      )
    }
    result.set(round.id, byMeasure)
  }
  return result
}

function roundRelease(
  round: SurveyRound,
  measure: string,
  released: ReleasedRound<ScoreSums>,
  respondents: RespondentCounts,
  flaggedRespondents: RespondentCounts,
): RoundRelease {
  const kind = measureKind(measure)
  const toFigure = (
    figure: Released<ScoreSums> | undefined,
    respondentsOf: () => number,
  ): ReleasedFigure | undefined => {
    if (!figure) return undefined
    if (figure.kind === 'suppressed') return { status: 'suppressed', reason: figure.reason }
    return {
      status: 'shown',
      figure: summarizeGroup(kind, { key: figure.key, ...figure.value }),
      missing: Math.max(0, respondentsOf() - figure.value.n),
    }
  }
  return {
    round,
    measure,
    kind,
    released,
    figure: (selection) => toFigure(released.figure(selection), () => respondents.of(selection)),
    classFigure: (classId) =>
      toFigure(released.classFigure(classId), () => respondents.ofClass(classId)),
    shownSums(selection) {
      const figure = released.figure(selection)
      return figure?.kind === 'shown' ? figure.value : undefined
    },
    excludedAsInvalid: (selection) => flaggedRespondents.of(selection),
  }
}

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const sum = { ...a }
  for (const [value, count] of Object.entries(b)) sum[value] = (sum[value] ?? 0) + count
  return sum
}

/**
 * The distribution of a categorical measure (e.g. the concern level 1–4) in one round, released
 * through the same kind of suppression pattern: a group's shares are shown only when the group is.
 */
export async function releaseDistribution(
  deps: Pick<AppDeps, 'db' | 'config'>,
  municipalityId: string,
  round: SurveyRound,
  measure: string,
  includeFlagged: boolean,
): Promise<ReleasedRound<Record<string, number>>> {
  const cells = await countScoreValuesByCell(deps.db, {
    measures: [measure],
    roundIds: [round.id],
    municipalityId,
  })
  return releaseRound(
    cells
      .filter((c) => includeFlagged || !c.flagged)
      .map((c) => ({
        school: c.schoolId,
        grade: c.grade,
        classId: c.classId,
        gender: c.gender,
        n: Object.values(c.counts).reduce((s, x) => s + x, 0),
        value: c.counts,
      })),
    addCounts,
    deps.config.minGroupSize,
  )
}
