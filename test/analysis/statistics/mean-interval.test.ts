import { describe, expect, it } from 'vitest'
import { meanInterval } from '../../../analysis/statistics/mean-interval.ts'

describe('meanInterval', () => {
  it('gives the mean, sample SD and 95 % t-interval', () => {
    // Computed by hand: mean 40/8 = 5, squared deviations sum to 32, sd = √(32/7).
    // Bounds: 5 ∓ t_(0.975, 7)·sd/√8 with t = 2.3646242515927853 (mpmath findroot on betainc),
    // giving 3.2125120817637891 and 6.7874879182362109 (mpmath, 40 digits); R's
    // t.test(c(2, 4, 4, 4, 5, 5, 7, 9))$conf.int prints 3.212512 6.787488.
    expect(meanInterval([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({
      kind: 'meanInterval',
      n: 8,
      mean: 5,
      sd: expect.closeTo(Math.sqrt(32 / 7), 14),
      lower: expect.closeTo(3.212512081763789, 12),
      upper: expect.closeTo(6.787487918236211, 12),
    })
  })

  it('takes another confidence level and small samples', () => {
    // mpmath: t_(0.995, 7) = 3.4994832973504939 → [2.3546392794246555, 7.6453607205753445].
    const ninetyNine = meanInterval([2, 4, 4, 4, 5, 5, 7, 9], 0.99)
    if (ninetyNine.kind !== 'meanInterval') throw new Error('expected an interval')
    expect(ninetyNine.lower).toBeCloseTo(2.3546392794246556, 12)
    expect(ninetyNine.upper).toBeCloseTo(7.645360720575344, 12)

    // mpmath: mean 8/3, sd 1.2583057392117916, t_(0.975, 2) = 4.3026527297494639 →
    // [−0.45913807302122220, 5.7924714063545555].
    const three = meanInterval([1.5, 2.5, 4])
    if (three.kind !== 'meanInterval') throw new Error('expected an interval')
    expect(three.mean).toBeCloseTo(8 / 3, 14)
    expect(three.sd).toBeCloseTo(1.2583057392117916, 14)
    expect(three.lower).toBeCloseTo(-0.4591380730212222, 12)
    expect(three.upper).toBeCloseTo(5.792471406354555, 12)
  })

  it('collapses to the mean when every value is the same', () => {
    expect(meanInterval([3, 3, 3])).toEqual({
      kind: 'meanInterval',
      n: 3,
      mean: 3,
      sd: 0,
      lower: 3,
      upper: 3,
    })
  })

  it('is insufficient with fewer than two values', () => {
    expect(meanInterval([])).toEqual({ kind: 'insufficient', reason: expect.any(String) })
    expect(meanInterval([4])).toEqual({ kind: 'insufficient', reason: expect.any(String) })
  })

  it('throws for non-finite values and an impossible confidence level', () => {
    expect(() => meanInterval([1, Number.NaN])).toThrow(/values\[1\] must be a finite number/)
    expect(() => meanInterval([1, Infinity])).toThrow(RangeError)
    expect(() => meanInterval([1, 2], 1)).toThrow(/confidence/)
    expect(() => meanInterval([1, 2], 0)).toThrow(/confidence/)
  })
})
