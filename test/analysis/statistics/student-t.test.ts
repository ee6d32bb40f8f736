import { describe, expect, it } from 'vitest'
import { studentTCdf, studentTQuantile } from '../../../analysis/statistics/student-t.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

describe('studentTQuantile', () => {
  it.each([
    // [df, printed table value t_0.975 (e.g. Abramowitz & Stegun table 26.10), value from
    // mpmath: findroot of 1 − betainc(df/2, 1/2, 0, df/(df + t²), regularized=True)/2 = 0.975]
    [1, 12.7062, 12.706204736174705],
    [2, 4.3027, 4.302652729749464],
    [5, 2.5706, 2.5705818356363155],
    [7, 2.3646, 2.3646242515927853],
    [30, 2.0423, 2.042272456301238],
    [120, 1.9799, 1.979930405082441],
  ])('t_0.975 with %d degrees of freedom', (df, table, precise) => {
    const t = studentTQuantile(0.975, df)
    expect(t).toBeCloseTo(table, 4)
    expectRelativelyClose(t, precise, 1e-13)
    expectRelativelyClose(studentTQuantile(0.025, df), -precise, 1e-13)
  })

  it('matches closed forms and non-integer degrees of freedom', () => {
    // Closed form for df = 1 (Cauchy): tan(π(p − 1/2)); p = 1e-12 → −318309886183.79065 (mpmath).
    expectRelativelyClose(studentTQuantile(1e-12, 1), -318309886183.79065, 1e-10)
    // Computed independently with mpmath findroot on betainc, as above.
    expectRelativelyClose(studentTQuantile(0.995, 16.456543005493266), 2.910107904812452, 1e-12)
    expectRelativelyClose(studentTQuantile(0.9, 3.5), 1.576576605136405, 1e-12)
    expect(studentTQuantile(0.5, 4)).toBe(0)
  })

  it('inverts the CDF', () => {
    for (const df of [0.7, 3, 16.4, 250]) {
      for (const p of [1e-9, 0.01, 0.3, 0.77, 0.999]) {
        expectRelativelyClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-11)
      }
    }
  })

  it('throws for p outside (0, 1) and invalid df', () => {
    expect(() => studentTQuantile(0, 5)).toThrow(/strictly between 0 and 1/)
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError)
    expect(() => studentTQuantile(Number.NaN, 5)).toThrow(RangeError)
    expect(() => studentTQuantile(0.9, 0)).toThrow(/df must be positive/)
    expect(() => studentTQuantile(0.9, Infinity)).toThrow(/finite/)
  })
})

describe('studentTCdf', () => {
  it('matches closed forms for 1 and 2 degrees of freedom', () => {
    // df = 1 (Cauchy): 1/2 + atan(t)/π, python3 math.
    expectRelativelyClose(studentTCdf(1, 1), 0.75, 1e-15)
    expectRelativelyClose(studentTCdf(3, 1), 0.8975836176504333, 1e-14)
    expectRelativelyClose(studentTCdf(-0.4, 1), 0.3788810584091566, 1e-14)
    // df = 2: 1/2 + t/(2√(t² + 2)), python3 math.
    expectRelativelyClose(studentTCdf(1.3, 2), 0.8383764840919798, 1e-14)
  })

  it.each([
    // Computed independently: mpmath, 1 − betainc(df/2, 1/2, 0, df/(df + t²), regularized=True)/2
    // (or the tail itself for t < 0) at 40 digits.
    [-3, 4, 0.019970984035859413],
    [2, 10, 0.9633059826146299],
    [-10, 3, 0.0010641995292070751],
    [-40, 2.5, 7.097817145246691e-5],
    [0.5, 16.456543005493266, 0.6881526525937328],
    [-6, 50, 1.0944697425399964e-7],
    [-1.5, 0.5, 0.25395089532405424],
    [2, 1e5, 0.9772485182712468],
  ])('P(T ≤ %d) with %d degrees of freedom matches mpmath', (t, df, expected) => {
    expectRelativelyClose(studentTCdf(t, df), expected, 1e-13)
  })

  it('stays accurate for a million degrees of freedom', () => {
    // mpmath as above; the continued fraction loses digits as df/2 grows, hence 1e-10.
    expectRelativelyClose(studentTCdf(-2, 1e6), 0.022750266925659603, 1e-10)
    // mpmath as above. Here df/(df + t²) is within 1e-12 of 1, so 1 − x in floating point would
    // be off by 1e-4 relative and the result by 2e-8.
    expectRelativelyClose(studentTCdf(0.001, 1e6), 0.5003989421141755, 1e-13)
  })

  it('reaches its limits', () => {
    expect(studentTCdf(0, 7)).toBe(0.5)
    expect(studentTCdf(Infinity, 7)).toBe(1)
    expect(studentTCdf(-Infinity, 7)).toBe(0)
  })

  it('throws for NaN and invalid df', () => {
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(RangeError)
    expect(() => studentTCdf(1, -2)).toThrow(/df must be positive/)
    expect(() => studentTCdf(1, Number.NaN)).toThrow(/finite/)
  })
})
