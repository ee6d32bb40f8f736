import { describe, expect, it } from 'vitest'
import { compareProportions } from '../../../analysis/statistics/compare-proportions.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

describe('compareProportions', () => {
  it('uses the z-test when every expected count is at least 5', () => {
    // Expected counts (by hand): 100·75/200 = 37.5 and 100·125/200 = 62.5.
    // p: R's prop.test(c(45, 30), c(100, 100), correct = FALSE), 0.028459736916310577 (mpmath);
    // h = 2·asin√0.45 − 2·asin√0.30 = 0.3113494249059283 (python3 math).
    const result = compareProportions({ successes: 45, n: 100 }, { successes: 30, n: 100 })
    expect(result).toEqual({
      kind: 'comparison',
      test: 'z',
      difference: expect.closeTo(0.15, 15),
      pValue: expect.any(Number),
      cohensH: expect.closeTo(0.3113494249059283, 15),
    })
    if (result.kind === 'comparison')
      expectRelativelyClose(result.pValue, 0.028459736916310575, 1e-13)
  })

  it('uses Fisher when an expected count is below 5', () => {
    // Expected count of the smallest cell (by hand): 10·10/22 = 4.55 < 5.
    // p = 1256/29393 (python3 fractions, as in fisher-exact-test.test.ts);
    // h = 2·asin√0.2 − 2·asin√(2/3) = −0.9833380182474064 (python3 math).
    const result = compareProportions({ successes: 2, n: 10 }, { successes: 8, n: 12 })
    expect(result).toEqual({
      kind: 'comparison',
      test: 'fisher',
      difference: expect.closeTo(0.2 - 8 / 12, 15),
      pValue: expect.any(Number),
      cohensH: expect.closeTo(-0.9833380182474064, 15),
    })
    if (result.kind === 'comparison') expectRelativelyClose(result.pValue, 1256 / 29393, 1e-10)
  })

  it('switches exactly at an expected count of 5', () => {
    // Expected counts (by hand): 20·10/40 = 5 → z-test; 20·9/40 = 4.5 → Fisher.
    const atFive = compareProportions({ successes: 7, n: 20 }, { successes: 3, n: 20 })
    const belowFive = compareProportions({ successes: 6, n: 20 }, { successes: 3, n: 20 })
    expect(atFive).toMatchObject({ kind: 'comparison', test: 'z' })
    expect(belowFive).toMatchObject({ kind: 'comparison', test: 'fisher' })
  })

  it('gives p = 1 when nobody in either group has the property', () => {
    expect(compareProportions({ successes: 0, n: 40 }, { successes: 0, n: 30 })).toEqual({
      kind: 'comparison',
      test: 'fisher',
      difference: 0,
      pValue: 1,
      cohensH: 0,
    })
  })

  it('is insufficient when a group has no respondents', () => {
    expect(compareProportions({ successes: 0, n: 0 }, { successes: 4, n: 30 })).toEqual({
      kind: 'insufficient',
      reason: expect.any(String),
    })
  })

  it('throws for impossible counts', () => {
    expect(() => compareProportions({ successes: 5, n: 4 }, { successes: 1, n: 4 })).toThrow(
      RangeError,
    )
  })
})
