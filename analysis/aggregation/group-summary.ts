import type { Insufficient } from '../statistics/estimate.ts'
import { studentTQuantile } from '../statistics/student-t.ts'
import { wilsonInterval } from '../statistics/wilson-interval.ts'

/** Sums over one group's stored scores, as a GROUP BY returns them. */
export interface GroupSums {
  key: string
  n: number
  sum: number
  sumOfSquares: number
}

export type MeasureKind = 'proportion' | 'mean'

export type GroupSummary =
  | { kind: 'proportion'; n: number; proportion: number; lower: number; upper: number }
  | {
      kind: 'mean'
      n: number
      mean: number
      sd: number | null
      lower: number | null
      upper: number | null
    }
  | Insufficient

/**
 * Whether a measure is a 0/1 share (a factor present, an indicator, a WHO-5 screening flag) or a
 * score to average, read from the measure's name as analysis/scoring/score-response.ts writes it.
 */
export function measureKind(measure: string): MeasureKind {
  return /^(indicator\.|factor\..+\.present$|who5\.(reduced-wellbeing|likely-depression)$)/.test(
    measure,
  )
    ? 'proportion'
    : 'mean'
}

/**
 * A group's figure from its sums: a share with its 95 % Wilson interval for 0/1 measures, else the
 * mean with its sample SD and 95 % t-interval (n ≥ 2).
 *
 * @param kind - proportion or mean
 * @param sums - n, Σx and Σx² of the group's values
 * @returns the summary, or insufficient when the group has no values
 * @example
 * summarizeGroup('proportion', { key: 'a', n: 20, sum: 8, sumOfSquares: 8 })
 * // → { kind: 'proportion', n: 20, proportion: 0.4, lower: 0.2188…, upper: 0.6134… }
 */
export function summarizeGroup(kind: MeasureKind, sums: GroupSums): GroupSummary {
  if (sums.n === 0) return { kind: 'insufficient', reason: 'no respondents' }
  if (kind === 'proportion') {
    const interval = wilsonInterval(Math.round(sums.sum), sums.n)
    if (interval.kind === 'insufficient') return interval
    return {
      kind: 'proportion',
      n: sums.n,
      proportion: interval.proportion,
      lower: interval.lower,
      upper: interval.upper,
    }
  }
  const mean = sums.sum / sums.n
  if (sums.n < 2) return { kind: 'mean', n: sums.n, mean, sd: null, lower: null, upper: null }
  const variance = Math.max(0, (sums.sumOfSquares - sums.n * mean * mean) / (sums.n - 1))
  const sd = Math.sqrt(variance)
  const half = studentTQuantile(0.975, sums.n - 1) * (sd / Math.sqrt(sums.n))
  return { kind: 'mean', n: sums.n, mean, sd, lower: mean - half, upper: mean + half }
}
