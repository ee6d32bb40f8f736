import { describe, expect, it } from 'vitest'
import {
  fisherExactTest,
  type TwoByTwoTable,
} from '../../../analysis/statistics/fisher-exact-test.ts'
import { expectRelativelyClose } from './expect-relatively-close.ts'

function pValue(table: TwoByTwoTable): number {
  const result = fisherExactTest(table)
  if (result.kind !== 'fisherExact') throw new Error('expected a p-value')
  return result.pValue
}

describe('fisherExactTest', () => {
  it.each([
    // Computed independently: exact rational arithmetic in python3 (fractions, math.comb), summing
    // the hypergeometric probabilities ≤ the observed one × (1 + 1e-7).
    // 41/14858; R's fisher.test(matrix(c(1, 11, 9, 3), 2)) prints p-value = 0.002759.
    [
      [
        [1, 9],
        [11, 3],
      ],
      0.0027594561852200836,
    ],
    // The same table transposed and with rows swapped.
    [
      [
        [1, 11],
        [9, 3],
      ],
      0.0027594561852200836,
    ],
    [
      [
        [9, 1],
        [3, 11],
      ],
      0.0027594561852200836,
    ],
    // 17/35: R's ?fisher.test tea-tasting example, p-value = 0.4857.
    [
      [
        [3, 1],
        [1, 3],
      ],
      0.4857142857142857,
    ],
    // 1/126.
    [
      [
        [0, 5],
        [5, 0],
      ],
      0.007936507936507936,
    ],
    // 13/63: the table x = 4 is exactly as probable as the observed x = 1 and must be counted.
    [
      [
        [1, 4],
        [4, 1],
      ],
      0.20634920634920634,
    ],
    // Large tables (exact rationals as above).
    [
      [
        [120, 280],
        [95, 315],
      ],
      0.03159425269741771,
    ],
    [
      [
        [1000, 1500],
        [1100, 1400],
      ],
      0.0045531593211995194,
    ],
  ] as const)('table %j has p = %d', (table, expected) => {
    expectRelativelyClose(pValue(table), expected, 1e-10)
  })

  it('gives p = 1 for the most probable table and when a margin is zero', () => {
    expect(
      pValue([
        [10, 10],
        [10, 10],
      ]),
    ).toBeCloseTo(1, 14)
    expect(
      pValue([
        [0, 0],
        [4, 6],
      ]),
    ).toBe(1)
    expect(
      pValue([
        [7, 12],
        [0, 1],
      ]),
    ).toBeCloseTo(1, 14)
  })

  it('is insufficient for an empty table', () => {
    expect(
      fisherExactTest([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual({
      kind: 'insufficient',
      reason: expect.any(String),
    })
  })

  it('throws for negative or fractional counts', () => {
    expect(() =>
      fisherExactTest([
        [-1, 2],
        [3, 4],
      ]),
    ).toThrow(/table\[0\]\[0\]/)
    expect(() =>
      fisherExactTest([
        [1, 2],
        [3, 4.5],
      ]),
    ).toThrow(/table\[1\]\[1\]/)
  })
})
