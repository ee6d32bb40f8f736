import { assertProportionCount } from './assertions.ts'
import { insufficient, type Insufficient, type ProportionCount } from './estimate.ts'
import { complementaryErrorFunction } from './normal-distribution.ts'

export type TwoProportionZTest = {
  kind: 'zTest'
  difference: number
  z: number
  pValue: number
}

/**
 * The two-proportion z-test with the pooled proportion p̂ = (x₁ + x₂)/(n₁ + n₂):
 * z = (p̂₁ − p̂₂)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), two-sided p = 2·(1 − Φ(|z|)) (Agresti, Categorical
 * Data Analysis, 3rd ed., ch. 3; z² is the statistic of R's `prop.test(correct = FALSE)`).
 *
 * @param a the first group's count, e.g. this year
 * @param b the second group's count, e.g. the baseline
 * @returns the difference p̂₁ − p̂₂, z and the two-sided p-value, or Insufficient when a group
 *   has n = 0 or the pooled proportion is 0 or 1 (no variation to test against)
 * @throws {RangeError} if a count is negative or not an integer, or successes > n
 * @example
 * twoProportionZTest({ successes: 45, n: 100 }, { successes: 30, n: 100 })
 * // => { kind: 'zTest', difference: 0.15000000000000002, z: 2.1908902300206647,
 * //      pValue: 0.02845973691631054 }
 */
export function twoProportionZTest(
  a: ProportionCount,
  b: ProportionCount,
): TwoProportionZTest | Insufficient {
  assertProportionCount('a', a)
  assertProportionCount('b', b)
  if (a.n === 0 || b.n === 0) return insufficient('a group has no respondents (n = 0)')
  const pooled = (a.successes + b.successes) / (a.n + b.n)
  if (pooled === 0 || pooled === 1) {
    return insufficient('no variation: every respondent in both groups gave the same answer')
  }
  const difference = a.successes / a.n - b.successes / b.n
  const z = difference / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
  return {
    kind: 'zTest',
    difference,
    z,
    pValue: Math.min(1, complementaryErrorFunction(Math.abs(z) / Math.SQRT2)),
  }
}
