import type { Who5Spec } from '../../survey-definitions/scoring-spec.ts'
import { numericAnswer, type Answers } from './answers.ts'

export interface Who5Score {
  /** 0–25 */
  raw: number
  /** 0–100 (raw × 4) */
  index: number
  reducedWellbeing: boolean
  likelyDepression: boolean
}

/**
 * The WHO-5 wellbeing index (WHO Collaborating Centre in Mental Health, 1998; Topp et al. 2015):
 * five items scored 0–5, raw 0–25, index = raw × 4. Missing if any item is missing. The
 * cut-offs screen, they never diagnose.
 *
 * @param spec - the WHO-5 items and cut-offs
 * @param answers - the pupil's answers
 * @returns the index with its screening flags, or null when an item is missing
 * @example
 * who5Index({ items: ['a','b','c','d','e'], reducedWellbeingAtOrBelow: 50,
 *   likelyDepressionAtOrBelow: 28 }, { a: 3, b: 3, c: 2, d: 2, e: 2 })
 * // → { raw: 12, index: 48, reducedWellbeing: true, likelyDepression: false }
 */
export function who5Index(spec: Who5Spec, answers: Answers): Who5Score | null {
  let raw = 0
  for (const item of spec.items) {
    const value = numericAnswer(answers, item)
    if (value === undefined) return null
    raw += value
  }
  const index = raw * 4
  return {
    raw,
    index,
    reducedWellbeing: index <= spec.reducedWellbeingAtOrBelow,
    likelyDepression: index <= spec.likelyDepressionAtOrBelow,
  }
}
