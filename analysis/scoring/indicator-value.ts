import type { IndicatorSpec } from '../../survey-definitions/scoring-spec.ts'
import { numericAnswer, type Answers } from './answers.ts'

/**
 * Whether a pupil counts for a single-item indicator: true when the answer is among the spec's
 * counted values, false for any other answer, and null when the item was not answered (hidden by
 * `visibleIf` or skipped) — such pupils are outside the indicator's denominator.
 *
 * @param indicator - the indicator's spec
 * @param answers - the pupil's answers
 * @returns true, false, or null (not in the denominator)
 * @example
 * indicatorValue({ item: 'alc_drunk_30d', countedValues: [1, 2, 3, 4], ... }, { alc_drunk_30d: 0 }) // → false
 */
export function indicatorValue(indicator: IndicatorSpec, answers: Answers): boolean | null {
  const value = numericAnswer(answers, indicator.item)
  if (value === undefined) return null
  return indicator.countedValues.includes(value)
}
