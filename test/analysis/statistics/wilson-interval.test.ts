import { describe, expect, it } from 'vitest'
import { wilsonInterval, Z_95 } from '../../../analysis/statistics/wilson-interval.ts'

describe('wilsonInterval', () => {
  it('matches the Wilson interval for 8 of 20', () => {
    // Computed independently: DOMAIN.md's formula in python3 with decimal.Decimal at 50 digits,
    // z = 1.959963984540054 → [0.21880653237281705, 0.6134184992377468]; R's
    // prop.test(8, 20, correct = FALSE)$conf.int prints 0.2188065 0.6134185.
    const result = wilsonInterval(8, 20)
    expect(result).toEqual({
      kind: 'interval',
      proportion: 0.4,
      lower: expect.closeTo(0.21880653237281705, 14),
      upper: expect.closeTo(0.6134184992377468, 14),
    })
  })

  it('keeps both bounds in [0, 1] when nobody or everybody has the property', () => {
    // Computed independently (python3, decimal, 50 digits): 0/10 → [0, 0.2775327998628892];
    // 10/10 → [0.7224672001371107, 1].
    const none = wilsonInterval(0, 10)
    const all = wilsonInterval(10, 10)
    if (none.kind !== 'interval' || all.kind !== 'interval') throw new Error('expected intervals')
    expect(none.proportion).toBe(0)
    expect(none.lower).toBeGreaterThanOrEqual(0)
    expect(none.lower).toBeCloseTo(0, 15)
    expect(none.upper).toBeCloseTo(0.2775327998628892, 14)
    expect(all.proportion).toBe(1)
    expect(all.lower).toBeCloseTo(0.7224672001371107, 14)
    expect(all.upper).toBeLessThanOrEqual(1)
    expect(all.upper).toBeCloseTo(1, 15)
  })

  it('accepts another z', () => {
    // Computed independently (python3 math): DOMAIN.md's z = 1.96 for 50/100 gives centre 0.5,
    // half-width 1.96/1.038416 · √(0.0025 + 0.00009604) = 0.0961702, so [0.4038298, 0.5961702].
    const result = wilsonInterval(50, 100, 1.96)
    if (result.kind !== 'interval') throw new Error('expected an interval')
    expect(result.lower).toBeCloseTo(0.4038298, 6)
    expect(result.upper).toBeCloseTo(0.5961702, 6)
    expect(Z_95).toBe(1.959963984540054)
  })

  it('is insufficient without respondents', () => {
    expect(wilsonInterval(0, 0)).toEqual({ kind: 'insufficient', reason: expect.any(String) })
  })

  it('throws for impossible counts and z', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError)
    expect(() => wilsonInterval(11, 10)).toThrow(/must not exceed n/)
    expect(() => wilsonInterval(1.5, 10)).toThrow(/integer/)
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError)
    expect(() => wilsonInterval(1, 10, 0)).toThrow(/z must be positive/)
    expect(() => wilsonInterval(1, 10, Infinity)).toThrow(/finite/)
  })
})
