import { assertCount, assertFinite } from './assertions.ts'
import { insufficient, type Insufficient, type MeanSummary } from './estimate.ts'
import { studentTCdf } from './student-t.ts'

export type WelchTTest = {
  kind: 'welch'
  difference: number
  t: number
  df: number
  pValue: number
  cohensD: number
}

function assertMeanSummary(name: string, summary: MeanSummary): void {
  assertCount(`${name}.n`, summary.n)
  assertFinite(`${name}.mean`, summary.mean)
  assertFinite(`${name}.sd`, summary.sd)
  if (summary.sd < 0) throw new RangeError(`${name}.sd must not be negative, got ${summary.sd}`)
}

/**
 * Welch's t-test for the difference between two means without assuming equal variances, from
 * summary statistics: t = (m₁ − m₂)/√(s₁²/n₁ + s₂²/n₂) with the Welch–Satterthwaite degrees of
 * freedom (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1)) and a two-sided p-value from
 * Student's t (Welch, Biometrika 34, 1947; Satterthwaite, Biometrics Bulletin 2, 1946; R's
 * `t.test(x, y)`). The effect size is Cohen's d with the pooled standard deviation
 * √(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁ + n₂ − 2)) (Cohen, Statistical Power Analysis
 * for the Behavioral Sciences, 2nd ed., 1988, ch. 2).
 *
 * @param a the first group's n, mean and sample standard deviation, e.g. this year
 * @param b the second group's, e.g. the baseline
 * @returns the difference m₁ − m₂, t, df, the two-sided p-value and Cohen's d, or Insufficient
 *   when a group has fewer than 2 values or both standard deviations are 0
 * @throws {RangeError} if n is negative or not an integer, a mean or sd is not finite, or an sd
 *   is negative
 * @example
 * welchTTest({ n: 10, mean: 5, sd: 2 }, { n: 12, mean: 3.5, sd: 1.5 })
 * // => { kind: 'welch', difference: 1.5, t: 1.9569842191603264, df: 16.456543005493266,
 * //      pValue: 0.06753461342495384, cohensD: 0.8606629658238704 }
 */
export function welchTTest(a: MeanSummary, b: MeanSummary): WelchTTest | Insufficient {
  assertMeanSummary('a', a)
  assertMeanSummary('b', b)
  if (a.n < 2 || b.n < 2) {
    return insufficient(`each group needs at least 2 values (n = ${a.n} and ${b.n})`)
  }
  if (a.sd === 0 && b.sd === 0) {
    return insufficient('no variation: every value in both groups is the same')
  }
  const varianceOfMeanA = (a.sd * a.sd) / a.n
  const varianceOfMeanB = (b.sd * b.sd) / b.n
  const varianceOfDifference = varianceOfMeanA + varianceOfMeanB
  const difference = a.mean - b.mean
  const t = difference / Math.sqrt(varianceOfDifference)
  const df =
    (varianceOfDifference * varianceOfDifference) /
    ((varianceOfMeanA * varianceOfMeanA) / (a.n - 1) +
      (varianceOfMeanB * varianceOfMeanB) / (b.n - 1))
  const pooledSd = Math.sqrt(((a.n - 1) * a.sd * a.sd + (b.n - 1) * b.sd * b.sd) / (a.n + b.n - 2))
  return {
    kind: 'welch',
    difference,
    t,
    df,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
    cohensD: difference / pooledSd,
  }
}
