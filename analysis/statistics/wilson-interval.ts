import { assertCount, assertFinite } from './assertions.ts'
import { insufficient, type Insufficient } from './estimate.ts'

/** The 97.5 % standard normal quantile, so the default interval is a 95 % one. */
export const Z_95 = 1.959963984540054

export type WilsonInterval = { kind: 'interval'; proportion: number; lower: number; upper: number }

/**
 * The Wilson score interval for a proportion (Wilson, "Probable inference, the law of succession,
 * and statistical inference", JASA 22, 1927; Newcombe, Stat. Med. 17, 1998, method 3), as written
 * in DOMAIN.md: centre = (p̂ + z²/2n)/(1 + z²/n),
 * half-width = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * The same interval as R's `prop.test(x, n, correct = FALSE)$conf.int`.
 *
 * @param successes pupils with the property, an integer in [0, n]
 * @param n pupils in the denominator, a non-negative integer
 * @param z the standard normal quantile for the confidence level; 1.959963984540054 gives 95 %
 * @returns the observed proportion p̂ and the interval's bounds, or Insufficient when n = 0
 * @throws {RangeError} if a count is negative or not an integer, successes > n, or z is not a
 *   positive finite number
 * @example
 * wilsonInterval(8, 20)
 * // => { kind: 'interval', proportion: 0.4, lower: 0.21880653237281708,
 * //      upper: 0.6134184992377468 }
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number = Z_95,
): WilsonInterval | Insufficient {
  assertCount('successes', successes)
  assertCount('n', n)
  if (successes > n) throw new RangeError(`successes (${successes}) must not exceed n (${n})`)
  assertFinite('z', z)
  if (z <= 0) throw new RangeError(`z must be positive, got ${z}`)
  if (n === 0) return insufficient('no respondents (n = 0)')

  const proportion = successes / n
  const zSquared = z * z
  const denominator = 1 + zSquared / n
  const centre = (proportion + zSquared / (2 * n)) / denominator
  const halfWidth =
    (z / denominator) * Math.sqrt((proportion * (1 - proportion)) / n + zSquared / (4 * n * n))
  // The bounds lie in [0, 1] exactly; at p̂ = 0 or 1 rounding can push one a hair outside.
  return {
    kind: 'interval',
    proportion,
    lower: Math.max(0, centre - halfWidth),
    upper: Math.min(1, centre + halfWidth),
  }
}
