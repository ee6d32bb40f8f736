import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import type { Answers } from './answers.ts'
import { concernLevel, type ConcernLevel } from './concern-level.ts'
import { indicatorValue } from './indicator-value.ts'
import { scoreScale, type ScaleScore } from './scale-score.ts'
import { validityFlags, type PageItems, type ValidityFlag } from './validity-flags.ts'
import { who5Index, type Who5Score } from './who5-index.ts'

export interface ResponseScores {
  specVersion: string
  /** The pupil's own background answers results are broken down by (gender code, grade). */
  background: { gender: number | null; grade: number | null }
  factors: Record<string, ScaleScore>
  indicators: Record<string, boolean | null>
  who5: Who5Score | null
  riskFactorsPresent: number
  protectiveFactorsPresent: number
  /** Protective factors present / protective factors measured; null when none could be measured. */
  protectiveShare: number | null
  concernLevel: ConcernLevel
  flags: ValidityFlag[]
}

/** One stored score: a row of the long-form scores table (response × measure). */
export interface MeasureValue {
  measure: string
  value: number
}

/**
 * Scores one complete response by its questionnaire's scoring spec: every factor, indicator,
 * WHO-5, the counts of factors present, the concern level and the validity flags. Knows no item
 * names; everything comes from the spec.
 *
 * @param spec - the scoring spec the response's questionnaire version ships with
 * @param answers - the pupil's answers
 * @param context - the questionnaire's pages with their items, and the completion time in seconds
 * @returns the pupil's scores
 */
export function scoreResponse(
  spec: ScoringSpec,
  answers: Answers,
  context: { pageItems: PageItems; completionSeconds: number | null },
): ResponseScores {
  const factors: Record<string, ScaleScore> = {}
  let risk = 0
  let protective = 0
  let protectiveMeasured = 0
  for (const factor of spec.factors) {
    const scored = scoreScale(factor, answers)
    factors[factor.id] = scored
    if (scored.present === null) continue
    if (factor.kind === 'risk') {
      if (scored.present) risk++
    } else {
      protectiveMeasured++
      if (scored.present) protective++
    }
  }
  const indicators: Record<string, boolean | null> = {}
  for (const indicator of spec.indicators)
    indicators[indicator.id] = indicatorValue(indicator, answers)
  const who5 = who5Index(spec.who5, answers)
  const gender = answers[spec.background.genderItem]
  const grade = answers[spec.background.gradeItem]
  return {
    specVersion: spec.version,
    background: {
      gender: typeof gender === 'number' ? gender : null,
      grade: typeof grade === 'number' ? grade : null,
    },
    factors,
    indicators,
    who5,
    riskFactorsPresent: risk,
    protectiveFactorsPresent: protective,
    protectiveShare: protectiveMeasured === 0 ? null : protective / protectiveMeasured,
    concernLevel: concernLevel(spec.concernLevels, {
      riskFactors: risk,
      protectiveFactors: protective,
      who5: who5?.index ?? null,
    }),
    flags: validityFlags(spec.validity, answers, context),
  }
}

/**
 * The scores as long-form rows, one per measure the pupil has a value for, so every aggregate
 * is a GROUP BY over stored numbers. Booleans are 0/1; missing measures have no row.
 */
export function measureValues(scores: ResponseScores): MeasureValue[] {
  const rows: MeasureValue[] = []
  const add = (measure: string, value: number | boolean | null) => {
    if (value !== null)
      rows.push({ measure, value: typeof value === 'boolean' ? Number(value) : value })
  }
  add('background.gender', scores.background.gender)
  add('background.grade', scores.background.grade)
  for (const [id, factor] of Object.entries(scores.factors)) {
    add(`factor.${id}.score`, factor.score)
    add(`factor.${id}.present`, factor.present)
  }
  for (const [id, value] of Object.entries(scores.indicators)) add(`indicator.${id}`, value)
  if (scores.who5) {
    add('who5.index', scores.who5.index)
    add('who5.reduced-wellbeing', scores.who5.reducedWellbeing)
    add('who5.likely-depression', scores.who5.likelyDepression)
  }
  add('factors.risk-count', scores.riskFactorsPresent)
  add('factors.protective-count', scores.protectiveFactorsPresent)
  add('factors.protective-share', scores.protectiveShare)
  add('concern-level', scores.concernLevel)
  return rows
}
