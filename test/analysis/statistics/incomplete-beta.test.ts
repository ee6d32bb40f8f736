import { describe, expect, it } from 'vitest'
import { regularizedIncompleteBeta } from '../../../analysis/statistics/incomplete-beta.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms', () => {
    // Computed by hand: I_x(a, b) = P(Binomial(a + b − 1, x) ≥ a) for integer a, b, so
    // I_0.5(2, 3) = (6 + 4 + 1)/16 = 0.6875.
    expectRelativelyClose(regularizedIncompleteBeta(0.5, 2, 3), 0.6875, 1e-14)
    // I_x(a, 1) = xᵃ: 0.3^2.5 = 0.049295030175464945 (python3 0.3 ** 2.5).
    expectRelativelyClose(regularizedIncompleteBeta(0.3, 2.5, 1), 0.049295030175464945, 1e-14)
    // I_x(1, b) = 1 − (1 − x)ᵇ: 1 − 0.9^7 = 0.5217031 (by hand).
    expectRelativelyClose(regularizedIncompleteBeta(0.1, 1, 7), 0.5217031, 1e-14)
    // I_0.5(a, a) = 1/2 by symmetry.
    expectRelativelyClose(regularizedIncompleteBeta(0.5, 37.5, 37.5), 0.5, 1e-13)
    // I_x(1/2, 1/2) = (2/π)·asin√x: x = 0.2 → 0.29516723530086656 (python3 math).
    expectRelativelyClose(regularizedIncompleteBeta(0.2, 0.5, 0.5), 0.2951672353008666, 1e-14)
  })

  it.each([
    // Computed independently: mpmath.betainc(a, b, 0, x, regularized=True) at 40 digits.
    [0.9, 10, 2, 0.6973568802000001],
    [0.3, 50, 60, 0.00034341151876628867],
    [0.001, 0.5, 8, 0.09913017826819935],
    [0.999, 3, 0.5, 0.9407468104840537],
    [0.45, 500, 600, 0.3816937336648402],
  ])('I_%d(%d, %d) matches mpmath', (x, a, b, expected) => {
    expectRelativelyClose(regularizedIncompleteBeta(x, a, b), expected, 1e-12)
  })

  it('satisfies I_x(a, b) = 1 − I_(1−x)(b, a)', () => {
    for (const [x, a, b] of [
      [0.2, 3, 4],
      [0.7, 0.5, 9],
      [0.5, 12, 1.5],
    ] as const) {
      expect(
        regularizedIncompleteBeta(x, a, b) + regularizedIncompleteBeta(1 - x, b, a),
      ).toBeCloseTo(1, 14)
    }
  })

  it('uses a precise 1 − x when given one', () => {
    // mpmath.betainc(500000, 0.5, 0, 1 − 1e-12, regularized=True) with 1 − x exactly 1e-12, 50
    // digits: 0.9992021157716486. Computing 1 − x from the rounded x is off by 9e-5 relative.
    expectRelativelyClose(
      regularizedIncompleteBeta(1 - 1e-12, 500000, 0.5, 1e-12),
      0.9992021157716486,
      1e-14,
    )
    // mpmath.betainc(0.5, 500000, 0, 1e-12, regularized=True) = 0.0007978842283513091.
    expectRelativelyClose(
      regularizedIncompleteBeta(1e-12, 0.5, 500000),
      0.0007978842283513091,
      1e-12,
    )
  })

  it('is 0 and 1 at the ends', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0)
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1)
  })

  it('throws outside its domain', () => {
    expect(() => regularizedIncompleteBeta(-0.1, 2, 3)).toThrow(RangeError)
    expect(() => regularizedIncompleteBeta(1.1, 2, 3)).toThrow(RangeError)
    expect(() => regularizedIncompleteBeta(Number.NaN, 2, 3)).toThrow(RangeError)
    expect(() => regularizedIncompleteBeta(0.5, 0, 3)).toThrow(/a must be positive/)
    expect(() => regularizedIncompleteBeta(0.5, 2, -1)).toThrow(/b must be positive/)
    expect(() => regularizedIncompleteBeta(0.5, Infinity, 1)).toThrow(/finite/)
    expect(() => regularizedIncompleteBeta(0.5, 2, 3, -0.5)).toThrow(/complementOfX/)
  })
})
