import {
  measureKind,
  summarizeGroup,
  type GroupSummary,
} from '../../analysis/aggregation/group-summary.ts'
import type { Selection } from '../../analysis/aggregation/released-round.ts'
import type { AppDeps } from '../app-env.ts'
import { listReferenceValues } from '../reference-values/reference-values.repository.ts'
import type { SurveyRound } from '../rounds/rounds.repository.ts'
import { addSums } from './round-releases.ts'
import { sumScoresByCell, type ScoreSums } from './score-cells.repository.ts'

/** Municipalities that must contribute before a deployment average is shown. */
export const MIN_MUNICIPALITIES = 3

export type Benchmark =
  | {
      kind: 'deployment'
      label: string
      schoolYear: string
      municipalities: number
      figure: GroupSummary
    }
  | {
      kind: 'deployment'
      label: string
      schoolYear: string
      status: 'insufficient'
      reason: string
    }
  | {
      kind: 'reference'
      label: string
      value: number
      grade: number | null
      source: string
      sourceYear: number
      note: string | null
    }

/**
 * The figure of every pupil in the municipalities on this deployment that answered the same
 * questionnaire in the same school year (each municipality's newest ordinary round of that year),
 * with the same grade and gender filter. A municipality contributes only when its own group has
 * at least k respondents, and the average is shown only when at least three contribute, so it
 * never reveals one other municipality's figure. The average weighs municipalities by pupils
 * (it is the figure of all their pupils together).
 */
export async function deploymentBenchmark(
  deps: Pick<AppDeps, 'db' | 'dialect' | 'clock' | 'config'>,
  round: SurveyRound,
  questionnaireId: string,
  measure: string,
  filters: Omit<Selection, 'school'>,
  includeFlagged: boolean,
): Promise<Benchmark> {
  const label = 'Gennemsnit for kommunerne på platformen'
  const rounds = await deps.db
    .selectFrom('survey_rounds as sr')
    .innerJoin('questionnaire_definitions as d', 'd.id', 'sr.definition_id')
    .select(['sr.id', 'sr.municipality_id', 'sr.opens_at'])
    .where('sr.school_year', '=', round.schoolYear)
    .where('d.questionnaire_id', '=', questionnaireId)
    .where('sr.state', '!=', 'draft')
    .where('sr.wave_label', 'is', null)
    .orderBy('sr.opens_at')
    .execute()
  const newest = new Map<string, string>()
  for (const r of rounds) newest.set(r.municipality_id, r.id)
  const cells = await sumScoresByCell(
    deps.db,
    { measures: [measure], roundIds: [...newest.values()] },
    { dialect: deps.dialect, now: deps.clock.now() },
  )
  const byMunicipality = new Map<string, ScoreSums>()
  for (const cell of cells) {
    if (cell.flagged && !includeFlagged) continue
    if (filters.grade !== undefined && cell.grade !== filters.grade) continue
    if (filters.gender !== undefined && cell.gender !== filters.gender) continue
    const sums = byMunicipality.get(cell.municipalityId)
    byMunicipality.set(cell.municipalityId, sums ? addSums(sums, cell.sums) : cell.sums)
  }
  const contributing = [...byMunicipality.values()].filter((s) => s.n >= deps.config.minGroupSize)
  if (contributing.length < MIN_MUNICIPALITIES) {
    return {
      kind: 'deployment',
      label,
      schoolYear: round.schoolYear,
      status: 'insufficient',
      reason: `Færre end ${MIN_MUNICIPALITIES} kommuner med mindst ${deps.config.minGroupSize} besvarelser i gruppen`,
    }
  }
  const pooled = contributing.reduce(addSums)
  return {
    kind: 'deployment',
    label,
    schoolYear: round.schoolYear,
    municipalities: contributing.length,
    figure: summarizeGroup(measureKind(measure), { key: 'deployment', ...pooled }),
  }
}

/**
 * Published values an administrator entered for this measure: those for the filtered grade, or
 * for grades 7–9 together when no grade is chosen. None are offered for a gender breakdown.
 */
export async function referenceBenchmarks(
  deps: Pick<AppDeps, 'db'>,
  municipalityId: string,
  measure: string,
  filters: Omit<Selection, 'school'>,
): Promise<Benchmark[]> {
  if (filters.gender !== undefined) return []
  const grade = filters.grade === undefined ? null : Number(filters.grade)
  return (await listReferenceValues(deps.db, { municipalityId, measure }))
    .filter((r) => r.grade === grade)
    .map((r) => ({
      kind: 'reference' as const,
      label: `${r.source} (${r.sourceYear})`,
      value: r.value,
      grade: r.grade,
      source: r.source,
      sourceYear: r.sourceYear,
      note: r.note,
    }))
}
