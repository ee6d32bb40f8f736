import type { FactorSpec } from '../../survey-definitions/scoring-spec.ts'
import { numericAnswer, type Answers } from './answers.ts'

export interface ScaleScore {
  /** Mean of the answered items after mirroring reverse-keyed ones; null when too few answered. */
  score: number | null
  /** At risk (risk factor) or protected (protective factor); null when the score is missing. */
  present: boolean | null
  answeredItems: number
}

/** Default minimum share of a scale's items that must be answered (the national trivselsmåling's rule). */
export const DEFAULT_MIN_ANSWERED_SHARE = 0.5

/**
 * Scores one risk or protective factor for one pupil (DOMAIN.md, "Scales"): reverse-keyed items
 * are mirrored as `max + min − value`, the score is the mean of the answered items, missing when
 * fewer than ceil(share × items) are answered, and the factor is present when the score is on the
 * spec's side of the cut-point (exactly at the cut-point counts as beyond it).
 *
 * @param factor - the factor's spec
 * @param answers - the pupil's answers
 * @returns the score, whether the factor is present, and how many items were answered
 * @example
 * scoreScale({ items: [{ item: 'a' }, { item: 'b', reverse: true }], scale: { min: 1, max: 4 },
 *   cutPoint: 3, direction: '>=', ... }, { a: 4, b: 2 })
 * // → { score: 3.5, present: true, answeredItems: 2 }   (b mirrored: 4 + 1 − 2 = 3)
 */
export function scoreScale(factor: FactorSpec, answers: Answers): ScaleScore {
  const values: number[] = []
  for (const { item, reverse } of factor.items) {
    const value = numericAnswer(answers, item)
    if (value === undefined) continue
    values.push(reverse ? factor.scale.max + factor.scale.min - value : value)
  }
  const needed = Math.ceil(
    (factor.minAnsweredShare ?? DEFAULT_MIN_ANSWERED_SHARE) * factor.items.length,
  )
  if (values.length === 0 || values.length < needed) {
    return { score: null, present: null, answeredItems: values.length }
  }
  const score = values.reduce((sum, v) => sum + v, 0) / values.length
  const present = factor.direction === '>=' ? score >= factor.cutPoint : score <= factor.cutPoint
  return { score, present, answeredItems: values.length }
}
