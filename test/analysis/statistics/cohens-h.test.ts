import { describe, expect, it } from 'vitest'
import { cohensH, describeEffectSize } from '../../../analysis/statistics/cohens-h.ts'

describe('cohensH', () => {
  it('matches independently computed values', () => {
    // python3 math: 2·asin(√0.45) − 2·asin(√0.30) = 0.3113494249059283.
    expect(cohensH(0.45, 0.3)).toBeCloseTo(0.3113494249059283, 15)
    expect(cohensH(0.3, 0.45)).toBeCloseTo(-0.3113494249059283, 15)
    // By hand: 2·asin(1) − 2·asin(0) = π.
    expect(cohensH(1, 0)).toBeCloseTo(Math.PI, 15)
    // By hand: 2·asin√0.5 = π/2 and 2·asin√0.25 = π/3, so h = π/6.
    expect(cohensH(0.5, 0.25)).toBeCloseTo(Math.PI / 6, 15)
    expect(cohensH(0.37, 0.37)).toBe(0)
  })

  it('throws for proportions outside [0, 1]', () => {
    expect(() => cohensH(1.2, 0.3)).toThrow(/p1 must be in \[0, 1\]/)
    expect(() => cohensH(0.3, -0.1)).toThrow(/p2/)
    expect(() => cohensH(Number.NaN, 0.3)).toThrow(RangeError)
  })
})

describe('describeEffectSize', () => {
  it('uses Cohen’s thresholds 0.2, 0.5 and 0.8 on the absolute size', () => {
    expect(describeEffectSize(0)).toBe('negligible')
    expect(describeEffectSize(0.19)).toBe('negligible')
    expect(describeEffectSize(0.2)).toBe('small')
    expect(describeEffectSize(-0.31)).toBe('small')
    expect(describeEffectSize(0.5)).toBe('medium')
    expect(describeEffectSize(-0.79)).toBe('medium')
    expect(describeEffectSize(0.8)).toBe('large')
    expect(describeEffectSize(-2.4)).toBe('large')
  })

  it('throws for a non-finite size', () => {
    expect(() => describeEffectSize(Number.NaN)).toThrow(RangeError)
    expect(() => describeEffectSize(Infinity)).toThrow(RangeError)
  })
})
