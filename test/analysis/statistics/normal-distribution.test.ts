import { describe, expect, it } from 'vitest'
import {
  complementaryErrorFunction,
  standardNormalCdf,
} from '../../../analysis/statistics/normal-distribution.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

// Computed independently: mpmath.erfc at 40 digits, rounded to double; python3's math.erfc (the C
// library's) agrees with each to a relative 2e-16.
const ERFC_REFERENCE: readonly (readonly [number, number])[] = [
  [-5, 1.9999999999984626],
  [-1.2, 1.9103139782296354],
  [-0.3, 1.3286267594591274],
  [0, 1],
  [1e-10, 0.999999999887162],
  [0.05, 0.9436280222029834],
  [0.5, 0.4795001221869535],
  [0.7, 0.32219880616258156],
  [1, 0.15729920705028513],
  [1.49, 0.03510213515679579],
  [1.5, 0.033894853524689274],
  [1.51, 0.03272325187128836],
  [2, 0.004677734981047266],
  [2.2, 0.0018628462979818898],
  [3, 2.209049699858544e-5],
  [3.7, 1.6715105790914599e-7],
  [5, 1.537459794428035e-12],
  [6, 2.1519736712498913e-17],
  [10, 2.088487583762545e-45],
  [12, 1.3562611692059042e-64],
  [26.5, 2.2109076642637343e-307],
]

describe('complementaryErrorFunction', () => {
  it.each(ERFC_REFERENCE)('erfc(%d) has a relative error below 1e-14', (x, expected) => {
    expectRelativelyClose(complementaryErrorFunction(x), expected, 1e-14)
  })

  it('reaches its limits', () => {
    expect(complementaryErrorFunction(Infinity)).toBe(0)
    expect(complementaryErrorFunction(-Infinity)).toBe(2)
    expect(complementaryErrorFunction(40)).toBe(0)
  })

  it('throws for NaN', () => {
    expect(() => complementaryErrorFunction(Number.NaN)).toThrow(RangeError)
  })
})

describe('standardNormalCdf', () => {
  it('matches Φ at known points', () => {
    // Computed independently: mpmath.ncdf at 40 digits.
    expectRelativelyClose(standardNormalCdf(1.959963984540054), 0.975, 1e-15)
    expectRelativelyClose(standardNormalCdf(-1.959963984540054), 0.025000000000000015, 1e-14)
    expect(standardNormalCdf(0)).toBe(0.5)
    // Φ(−8) = 6.220960574271784e-16 (mpmath.ncdf).
    expectRelativelyClose(standardNormalCdf(-8), 6.220960574271784e-16, 1e-14)
    expect(standardNormalCdf(Infinity)).toBe(1)
    expect(standardNormalCdf(-Infinity)).toBe(0)
  })

  it('is symmetric: Φ(z) + Φ(−z) = 1', () => {
    for (const z of [0.1, 0.8, 1.4, 2.3, 3.1]) {
      expect(standardNormalCdf(z) + standardNormalCdf(-z)).toBeCloseTo(1, 15)
    }
  })

  it('throws for NaN', () => {
    expect(() => standardNormalCdf(Number.NaN)).toThrow(RangeError)
  })
})
