import type { GroupSums, MeasureKind } from '../aggregation/group-summary.ts'
import { benjaminiHochberg } from '../statistics/benjamini-hochberg.ts'
import { describeEffectSize, type EffectSizeLabel } from '../statistics/cohens-h.ts'
import { compareProportions } from '../statistics/compare-proportions.ts'
import { welchTTest } from '../statistics/welch-t-test.ts'

export interface MeasureSums {
  measure: string
  kind: MeasureKind
  baseline: GroupSums
  followUp: GroupSums
}

export type MeasureChange =
  | {
      kind: 'change'
      measure: string
      test: 'z' | 'fisher' | 'welch'
      baseline: number
      followUp: number
      difference: number
      pValue: number
      /** Benjamini–Hochberg adjusted over every measure compared at once. */
      adjustedPValue: number
      effectSize: number
      effectSizeLabel: EffectSizeLabel
      verdict: 'real-change' | 'within-normal-variation'
    }
  | { kind: 'suppressed'; measure: string; reason: 'too-few' }
  | { kind: 'insufficient'; measure: string; reason: string }

const sd = (g: GroupSums): number => {
  const mean = g.sum / g.n
  return g.n < 2 ? 0 : Math.sqrt(Math.max(0, (g.sumOfSquares - g.n * mean * mean) / (g.n - 1)))
}

/**
 * Baseline against follow-up (or last year against this year) for many measures at once
 * (DOMAIN.md, "Change"): shares by the two-proportion z-test or Fisher's exact test, means by
 * Welch's t-test, effect sizes as Cohen's h or d, p-values adjusted by Benjamini–Hochberg over all
 * measures compared, and a change called real only when its adjusted p is below 0.05. A side
 * with fewer than k respondents suppresses the comparison.
 *
 * @param measures - each measure's sums in both waves
 * @param k - the minimum group size
 * @returns one result per measure, in input order
 */
export function compareWaves(measures: MeasureSums[], k: number): MeasureChange[] {
  const partial = measures.map((m) => {
    if (m.baseline.n < k || m.followUp.n < k)
      return { kind: 'suppressed' as const, measure: m.measure, reason: 'too-few' as const }
    if (m.kind === 'proportion') {
      const result = compareProportions(
        { successes: Math.round(m.followUp.sum), n: m.followUp.n },
        { successes: Math.round(m.baseline.sum), n: m.baseline.n },
      )
      if (result.kind === 'insufficient')
        return { kind: 'insufficient' as const, measure: m.measure, reason: result.reason }
      return {
        kind: 'tested' as const,
        measure: m.measure,
        test: result.test,
        pValue: result.pValue,
        effectSize: result.cohensH,
        m,
      }
    }
    const result = welchTTest(
      { n: m.followUp.n, mean: m.followUp.sum / m.followUp.n, sd: sd(m.followUp) },
      { n: m.baseline.n, mean: m.baseline.sum / m.baseline.n, sd: sd(m.baseline) },
    )
    if (result.kind === 'insufficient')
      return { kind: 'insufficient' as const, measure: m.measure, reason: result.reason }
    return {
      kind: 'tested' as const,
      measure: m.measure,
      test: 'welch' as const,
      pValue: result.pValue,
      effectSize: result.cohensD,
      m,
    }
  })
  const tested = partial.filter((p) => p.kind === 'tested')
  const adjusted = benjaminiHochberg(tested.map((t) => t.pValue))
  const adjustedOf = new Map(tested.map((t, i) => [t.measure, adjusted[i] as number]))
  return partial.map((p): MeasureChange => {
    if (p.kind !== 'tested') return p
    const baseline = p.m.baseline.sum / p.m.baseline.n
    const followUp = p.m.followUp.sum / p.m.followUp.n
    const adjustedPValue = adjustedOf.get(p.measure) as number
    return {
      kind: 'change',
      measure: p.measure,
      test: p.test,
      baseline,
      followUp,
      difference: followUp - baseline,
      pValue: p.pValue,
      adjustedPValue,
      effectSize: p.effectSize,
      effectSizeLabel: describeEffectSize(p.effectSize),
      verdict: adjustedPValue < 0.05 ? 'real-change' : 'within-normal-variation',
    }
  })
}
