import { describe, expect, it } from 'vitest'
import { benjaminiHochberg } from '../../../analysis/statistics/benjamini-hochberg.ts'

describe('benjaminiHochberg', () => {
  it('matches p.adjust(p, "BH") for unsorted input', () => {
    // Computed by hand: sorted 0.005, 0.01, 0.03, 0.04, 0.2 times 5/rank gives 0.025, 0.025,
    // 0.05, 0.05, 0.2; the running minimum from the top changes nothing; back in input order.
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2])
    const expected = [0.025, 0.05, 0.05, 0.025, 0.2]
    adjusted.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 15))
  })

  it('takes the running minimum from the largest p-value down', () => {
    // Computed by hand: 0.01·5/1 = 0.05, 0.02·5/2 = 0.05, 0.03·5/3 = 0.05, 0.04·5/4 = 0.05,
    // 0.05·5/5 = 0.05 (R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is all 0.05).
    benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]).forEach((value) =>
      expect(value).toBeCloseTo(0.05, 15),
    )
    // By hand: sorted 0.8, 0.9 → 0.8·2/1 = 1.6 → min(1.6, 0.9) = 0.9; 0.9·2/2 = 0.9.
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9])
    // By hand: 0.001·4/1 = 0.004; 0.04·4/2 = 0.08 → min(0.08, 0.0533…) = 0.0533…;
    // 0.04·4/3 = 0.0533…; 0.7·4/4 = 0.7.
    const adjusted = benjaminiHochberg([0.7, 0.04, 0.001, 0.04])
    expect(adjusted[0]).toBeCloseTo(0.7, 15)
    expect(adjusted[1]).toBeCloseTo(0.16 / 3, 15)
    expect(adjusted[2]).toBeCloseTo(0.004, 15)
    expect(adjusted[3]).toBeCloseTo(0.16 / 3, 15)
  })

  it('keeps the order of p-values and never goes below the raw p-value or above 1', () => {
    const raw = [0.3, 0.001, 0.049, 1, 0.0125, 0.5, 0.02]
    const adjusted = benjaminiHochberg(raw)
    const byRaw = raw.map((p, index) => [p, adjusted[index]!] as const).sort((x, y) => x[0] - y[0])
    for (let i = 1; i < byRaw.length; i++)
      expect(byRaw[i]![1]).toBeGreaterThanOrEqual(byRaw[i - 1]![1])
    adjusted.forEach((value, index) => {
      expect(value).toBeGreaterThanOrEqual(raw[index]!)
      expect(value).toBeLessThanOrEqual(1)
    })
  })

  it('handles empty input and a single p-value', () => {
    expect(benjaminiHochberg([])).toEqual([])
    expect(benjaminiHochberg([0.03])).toEqual([0.03])
  })

  it('throws for p-values outside [0, 1]', () => {
    expect(() => benjaminiHochberg([0.1, 1.2])).toThrow(/pValues\[1\] must be in \[0, 1\]/)
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError)
  })
})
