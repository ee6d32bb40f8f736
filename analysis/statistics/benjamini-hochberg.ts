import { assertProbability } from './assertions.ts'

/**
 * Benjamini–Hochberg adjusted p-values, controlling the false discovery rate when many measures
 * are compared at once (Benjamini & Hochberg, JRSS B 57, 1995; R's `p.adjust(p, 'BH')`): the
 * i-th smallest of m p-values becomes min over j ≥ i of p₍ⱼ₎·m/j, capped at 1. A change is
 * significant at q = 0.05 when its adjusted p-value is below 0.05.
 *
 * @param pValues the unadjusted p-values, each in [0, 1]
 * @returns the adjusted p-values in the same order as the input (empty for empty input)
 * @throws {RangeError} if a p-value is outside [0, 1] or not a number
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2])
 * // => [0.025, 0.05, 0.049999999999999996, 0.025, 0.2]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => assertProbability(`pValues[${index}]`, p))
  const m = pValues.length
  const ascending = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p)
  const adjusted = new Array<number>(m)
  // Step-up: walking down from the largest keeps the adjusted values monotone in p.
  let smallestSoFar = 1
  for (let rank = m; rank >= 1; rank--) {
    const entry = ascending[rank - 1]!
    smallestSoFar = Math.min(smallestSoFar, (entry.p * m) / rank)
    adjusted[entry.index] = smallestSoFar
  }
  return adjusted
}
