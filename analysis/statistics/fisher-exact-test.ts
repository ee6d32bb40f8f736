import { gammaln } from 'simple-statistics'
import { assertCount } from './assertions.ts'
import { insufficient, type Insufficient } from './estimate.ts'

/** A 2×2 table of counts: rows are the groups, columns "has the property" and "has not". */
export type TwoByTwoTable = readonly [readonly [number, number], readonly [number, number]]

export type FisherExactTest = { kind: 'fisherExact'; pValue: number }

// R's fisher.test: tables as probable as the observed one, up to rounding, count as "as extreme".
const RELATIVE_TOLERANCE = 1e-7

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)
}

/**
 * Fisher's exact test of independence in a 2×2 table (Fisher, The Design of Experiments, 1935,
 * ch. II; Agresti, Categorical Data Analysis, 3rd ed., ch. 3): with both margins fixed the top-left
 * count is hypergeometric, and the two-sided p-value is the total probability of the tables no
 * more probable than the observed one (within a relative 1e-7, as R's `fisher.test`).
 * Probabilities are computed from log-factorials (simple-statistics' Lanczos `gammaln`) and
 * normalised by their sum, so large tables neither overflow nor lose precision.
 *
 * @param table `[[a, b], [c, d]]`, non-negative integer counts
 * @returns the two-sided p-value, or Insufficient when the table is empty
 * @throws {RangeError} if a count is negative or not an integer
 * @example
 * fisherExactTest([[1, 9], [11, 3]]) // => { kind: 'fisherExact', pValue: 0.0027594561852200697 }
 */
export function fisherExactTest(table: TwoByTwoTable): FisherExactTest | Insufficient {
  const [[a, b], [c, d]] = table
  assertCount('table[0][0]', a)
  assertCount('table[0][1]', b)
  assertCount('table[1][0]', c)
  assertCount('table[1][1]', d)
  const firstRow = a + b
  const secondRow = c + d
  const firstColumn = a + c
  if (firstRow + secondRow === 0) return insufficient('the table is empty (n = 0)')

  const lowest = Math.max(0, firstColumn - secondRow)
  const highest = Math.min(firstRow, firstColumn)
  const logWeights: number[] = []
  for (let x = lowest; x <= highest; x++) {
    logWeights.push(logChoose(firstRow, x) + logChoose(secondRow, firstColumn - x))
  }
  const maxLogWeight = Math.max(...logWeights)
  const weights = logWeights.map((logWeight) => Math.exp(logWeight - maxLogWeight))
  const observed = weights[a - lowest] ?? 0
  let total = 0
  let asExtreme = 0
  for (const weight of weights) {
    total += weight
    if (weight <= observed * (1 + RELATIVE_TOLERANCE)) asExtreme += weight
  }
  return { kind: 'fisherExact', pValue: Math.min(1, asExtreme / total) }
}
