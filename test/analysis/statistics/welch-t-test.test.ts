import { describe, expect, it } from 'vitest'
import { welchTTest } from '../../../analysis/statistics/welch-t-test.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

describe('welchTTest', () => {
  it('matches independently computed t, df, p and d', () => {
    // Computed by hand (python3 fractions): s₁²/n₁ = 0.4, s₂²/n₂ = 0.1875,
    // t = 1.5/√0.5875 = 1.9569842191603264, df = 0.5875²/(0.4²/9 + 0.1875²/11) = 218691/13289
    // = 16.456543005493266; pooled sd = √((9·4 + 11·2.25)/20) = √3.0375, d = 0.8606629658238704.
    // p: 1 − 2∫₀^t f(x; df) dx with the t density f written out in python3 (math.lgamma) and
    // integrated by Simpson's rule with 20 000, 200 000 and 2 000 000 intervals gives
    // 0.06753461342495448, 0.06753461342493206 and 0.06753461342501599 (agreeing to 1e-13);
    // mpmath (betainc, 40 digits) gives 0.067534613424953907.
    const result = welchTTest({ n: 10, mean: 5, sd: 2 }, { n: 12, mean: 3.5, sd: 1.5 })
    if (result.kind !== 'welch') throw new Error('expected a Welch test')
    expect(result.difference).toBe(1.5)
    expectRelativelyClose(result.t, 1.9569842191603264, 1e-14)
    expectRelativelyClose(result.df, 218691 / 13289, 1e-14)
    expectRelativelyClose(result.pValue, 0.06753461342495391, 1e-12)
    expectRelativelyClose(result.cohensD, 0.8606629658238704, 1e-14)
  })

  it('is antisymmetric in its groups', () => {
    const forward = welchTTest({ n: 10, mean: 5, sd: 2 }, { n: 12, mean: 3.5, sd: 1.5 })
    const backward = welchTTest({ n: 12, mean: 3.5, sd: 1.5 }, { n: 10, mean: 5, sd: 2 })
    if (forward.kind !== 'welch' || backward.kind !== 'welch') throw new Error('expected tests')
    expect(backward.t).toBe(-forward.t)
    expect(backward.df).toBeCloseTo(forward.df, 12)
    expect(backward.pValue).toBeCloseTo(forward.pValue, 15)
    expect(backward.cohensD).toBe(-forward.cohensD)
  })

  it('works when one group has no spread', () => {
    // Computed by hand: t = 1/√(4/5) = 1.118033988749895, df = n₂ − 1 = 4,
    // pooled sd = √(4·4/8) = √2, d = 1/√2. p = 2·P(T₄ ≤ −1.118...) = I_(4/(4+t²))(2, 1/2)
    // = 0.32616423534506042 (mpmath betainc, 40 digits); the closed-form CDF for 4 df,
    // 1/2 + (3/8)·(t/√(1 + t²/4))·(1 − t²/(12(1 + t²/4))), gives the same in python3 math.
    const result = welchTTest({ n: 5, mean: 4, sd: 0 }, { n: 5, mean: 3, sd: 2 })
    if (result.kind !== 'welch') throw new Error('expected a Welch test')
    expectRelativelyClose(result.t, 1.118033988749895, 1e-14)
    expectRelativelyClose(result.df, 4, 1e-14)
    expectRelativelyClose(result.cohensD, Math.SQRT1_2, 1e-14)
    expectRelativelyClose(result.pValue, 0.3261642353450604, 1e-12)
  })

  it('is insufficient with fewer than two values in a group or no spread at all', () => {
    const insufficient = { kind: 'insufficient', reason: expect.any(String) }
    expect(welchTTest({ n: 1, mean: 4, sd: 0 }, { n: 5, mean: 3, sd: 2 })).toEqual(insufficient)
    expect(welchTTest({ n: 5, mean: 4, sd: 1 }, { n: 0, mean: 0, sd: 0 })).toEqual(insufficient)
    expect(welchTTest({ n: 5, mean: 4, sd: 0 }, { n: 5, mean: 3, sd: 0 })).toEqual(insufficient)
  })

  it('throws for impossible summaries', () => {
    expect(() => welchTTest({ n: -2, mean: 4, sd: 1 }, { n: 5, mean: 3, sd: 2 })).toThrow(/a.n/)
    expect(() => welchTTest({ n: 5, mean: 4, sd: -1 }, { n: 5, mean: 3, sd: 2 })).toThrow(
      /a.sd must not be negative/,
    )
    expect(() => welchTTest({ n: 5, mean: 4, sd: 1 }, { n: 5, mean: Number.NaN, sd: 2 })).toThrow(
      /b.mean must be a finite number/,
    )
  })
})
