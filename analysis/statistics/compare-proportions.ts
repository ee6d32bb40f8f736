import { assertProportionCount } from './assertions.ts'
import { cohensH } from './cohens-h.ts'
import { insufficient, type Insufficient, type ProportionCount } from './estimate.ts'
import { fisherExactTest } from './fisher-exact-test.ts'
import { twoProportionZTest } from './two-proportion-test.ts'

export type ProportionComparison = {
  kind: 'comparison'
  test: 'z' | 'fisher'
  difference: number
  pValue: number
  cohensH: number
}

/** DOMAIN.md: the normal approximation is trusted only when every expected count is at least 5. */
const MIN_EXPECTED_COUNT = 5

/**
 * Compares two groups' proportions (two waves, or a school and its municipality) as DOMAIN.md
 * prescribes: the two-proportion z-test with pooled p̂, or Fisher's exact test when any expected
 * count of the 2×2 table (row total × column total / n) is below 5; with Cohen's h as the
 * effect size.
 *
 * @param a the first group's count, e.g. this year
 * @param b the second group's count, e.g. the baseline
 * @returns which test was used, the difference p̂₁ − p̂₂, the two-sided p-value and Cohen's h,
 *   or Insufficient when a group has n = 0
 * @throws {RangeError} if a count is negative or not an integer, or successes > n
 * @example
 * compareProportions({ successes: 2, n: 10 }, { successes: 8, n: 12 })
 * // => { kind: 'comparison', test: 'fisher', difference: -0.4666666666666666,
 * //      pValue: 0.04273126254550411, cohensH: -0.9833380182474064 }
 */
export function compareProportions(
  a: ProportionCount,
  b: ProportionCount,
): ProportionComparison | Insufficient {
  assertProportionCount('a', a)
  assertProportionCount('b', b)
  if (a.n === 0 || b.n === 0) return insufficient('a group has no respondents (n = 0)')

  const total = a.n + b.n
  const successes = a.successes + b.successes
  // Expected count = row total × column total / n, so the smallest pairs the smallest margins.
  const smallestExpectedCount =
    (Math.min(a.n, b.n) * Math.min(successes, total - successes)) / total
  const difference = a.successes / a.n - b.successes / b.n
  const h = cohensH(a.successes / a.n, b.successes / b.n)

  if (smallestExpectedCount < MIN_EXPECTED_COUNT) {
    const fisher = fisherExactTest([
      [a.successes, a.n - a.successes],
      [b.successes, b.n - b.successes],
    ])
    if (fisher.kind === 'insufficient') return fisher
    return { kind: 'comparison', test: 'fisher', difference, pValue: fisher.pValue, cohensH: h }
  }
  const zTest = twoProportionZTest(a, b)
  if (zTest.kind === 'insufficient') return zTest
  return { kind: 'comparison', test: 'z', difference, pValue: zTest.pValue, cohensH: h }
}
