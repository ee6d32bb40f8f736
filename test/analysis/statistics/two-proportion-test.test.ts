import { describe, expect, it } from 'vitest'
import { twoProportionZTest } from '../../../analysis/statistics/two-proportion-test.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

describe('twoProportionZTest', () => {
  it('matches prop.test without continuity correction for 45/100 vs 30/100', () => {
    // Computed by hand: pooled p̂ = 75/200 = 0.375, se = √(0.375·0.625·(2/100)) = √0.0046875,
    // z = 0.15/se = 2.1908902300206645 (z² = 4.8 exactly, R's prop.test(c(45, 30), c(100, 100),
    // correct = FALSE) "X-squared = 4.8"); p = erfc(z/√2) = 0.028459736916310577 (mpmath, 30
    // digits; R prints p-value = 0.02846).
    const result = twoProportionZTest({ successes: 45, n: 100 }, { successes: 30, n: 100 })
    if (result.kind !== 'zTest') throw new Error('expected a z-test')
    expect(result.difference).toBeCloseTo(0.15, 15)
    expectRelativelyClose(result.z, 2.1908902300206643, 1e-14)
    expect(result.z ** 2).toBeCloseTo(4.8, 12)
    expectRelativelyClose(result.pValue, 0.028459736916310575, 1e-13)
  })

  it('is antisymmetric in its groups and handles unequal sizes', () => {
    // Computed independently (mpmath, 30 digits): 12/40 vs 30/60, pooled 0.42,
    // z = −0.2/√(0.42·0.58·(1/40 + 1/60)) = −1.9851666679418605,
    // p = erfc(|z|/√2) = 0.04712593143099609.
    const forward = twoProportionZTest({ successes: 12, n: 40 }, { successes: 30, n: 60 })
    const backward = twoProportionZTest({ successes: 30, n: 60 }, { successes: 12, n: 40 })
    if (forward.kind !== 'zTest' || backward.kind !== 'zTest') throw new Error('expected z-tests')
    expectRelativelyClose(forward.z, -1.9851666679418605, 1e-14)
    expectRelativelyClose(forward.pValue, 0.04712593143099609, 1e-13)
    expect(backward.z).toBeCloseTo(-forward.z, 14)
    expect(backward.pValue).toBeCloseTo(forward.pValue, 15)
  })

  it('is insufficient without respondents or without variation', () => {
    const insufficient = { kind: 'insufficient', reason: expect.any(String) }
    expect(twoProportionZTest({ successes: 0, n: 0 }, { successes: 3, n: 10 })).toEqual(
      insufficient,
    )
    expect(twoProportionZTest({ successes: 0, n: 50 }, { successes: 0, n: 60 })).toEqual(
      insufficient,
    )
    expect(twoProportionZTest({ successes: 50, n: 50 }, { successes: 60, n: 60 })).toEqual(
      insufficient,
    )
  })

  it('throws for impossible counts', () => {
    expect(() => twoProportionZTest({ successes: 11, n: 10 }, { successes: 1, n: 10 })).toThrow(
      /a.successes \(11\) must not exceed a.n \(10\)/,
    )
    expect(() => twoProportionZTest({ successes: 1, n: 10 }, { successes: -1, n: 10 })).toThrow(
      /b.successes must be a non-negative integer/,
    )
  })
})
