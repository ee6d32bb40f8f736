import { describe, expect, it } from 'vitest'
import { compareWaves } from '../../../analysis/comparison/compare-waves.ts'

const share = (n: number, yes: number) => ({ key: 'g', n, sum: yes, sumOfSquares: yes })

describe('baseline against follow-up', () => {
  it('calls a large fall in a share a real change, and a small one within normal variation', () => {
    const [drop, noise] = compareWaves(
      [
        // 45/100 → 30/100: z = 2.1909, p = 0.02846 (pooled p̂ 0.375, z² = 4.8, computed by hand)
        {
          measure: 'indicator.drunk-30d',
          kind: 'proportion',
          baseline: share(100, 45),
          followUp: share(100, 30),
        },
        {
          measure: 'indicator.smokes-daily',
          kind: 'proportion',
          baseline: share(100, 10),
          followUp: share(100, 9),
        },
      ],
      5,
    )
    expect(drop).toMatchObject({ kind: 'change', test: 'z' })
    expect(drop?.kind === 'change' && drop.difference).toBeCloseTo(-0.15, 12)
    expect(drop?.kind === 'change' && drop.pValue).toBeCloseTo(0.0284597, 6)
    // BH over two p-values: the smaller is multiplied by 2/1 → 0.0569 ≥ 0.05 (computed by hand).
    expect(drop?.kind === 'change' && drop.adjustedPValue).toBeCloseTo(0.0569194, 6)
    expect(drop?.kind === 'change' && drop.verdict).toBe('within-normal-variation')
    expect(noise?.kind === 'change' && noise.verdict).toBe('within-normal-variation')
  })

  it('uses Fisher when counts are small, Welch for means, and suppresses small waves', () => {
    const results = compareWaves(
      [
        {
          measure: 'indicator.cannabis-ever',
          kind: 'proportion',
          baseline: share(14, 1),
          followUp: share(10, 9),
        },
        // Means 3.5 → 5 with SDs 1.5 and 2 (Welch t = 1.95698, df ≈ 16.46, p = 0.0675346: see test/analysis/statistics)
        {
          measure: 'who5.index',
          kind: 'mean',
          baseline: { key: 'g', n: 12, sum: 42, sumOfSquares: 12 * 3.5 ** 2 + 11 * 1.5 ** 2 },
          followUp: { key: 'g', n: 10, sum: 50, sumOfSquares: 10 * 25 + 9 * 4 },
        },
        {
          measure: 'indicator.tiny',
          kind: 'proportion',
          baseline: share(4, 1),
          followUp: share(30, 3),
        },
      ],
      5,
    )
    const [fisher, welch] = results
    expect(fisher).toMatchObject({ kind: 'change', test: 'fisher' })
    // Fisher's two-sided p for [[9,1],[1,13]] is 47/653752 = 7.18927e-5 (exact fractions in python).
    expect(fisher?.kind === 'change' && fisher.pValue).toBeCloseTo(47 / 653752, 12)
    expect(welch).toMatchObject({ kind: 'change', test: 'welch' })
    expect(welch?.kind === 'change' && welch.difference).toBeCloseTo(1.5, 12)
    expect(welch?.kind === 'change' && welch.pValue).toBeCloseTo(0.0675346, 6)
    expect(results[2]).toEqual({ kind: 'suppressed', measure: 'indicator.tiny', reason: 'too-few' })
    expect(fisher?.kind === 'change' && fisher.verdict).toBe('real-change')
  })
})
