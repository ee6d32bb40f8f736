import { assertFinite } from './assertions.ts'
import { regularizedIncompleteBeta } from './incomplete-beta.ts'

function assertDegreesOfFreedom(df: number): void {
  assertFinite('df', df)
  if (df <= 0) throw new RangeError(`df must be positive, got ${df}`)
}

/** P(T ≥ t) for t ≥ 0, computed directly so small tail probabilities keep their precision. */
function upperTail(t: number, df: number): number {
  if (t === Infinity) return 0
  const tSquared = t * t
  // Both x and 1 − x from their own quotients: for small t or large df, x is within 1e-10 of 1.
  return (
    0.5 * regularizedIncompleteBeta(df / (df + tSquared), df / 2, 0.5, tSquared / (df + tSquared))
  )
}

/**
 * The cumulative distribution function of Student's t distribution with `df` degrees of freedom,
 * P(T ≤ t) = 1 − I_(df/(df+t²))(df/2, 1/2)/2 for t ≥ 0 and symmetric below (Abramowitz & Stegun
 * 26.7.1 with 26.5.27; Numerical Recipes 3rd ed., §6.14).
 *
 * Relative error about 1e-15 for df up to 100, 1e-13 up to 1e5 and 1e-10 at 1e6: the continued
 * fraction loses digits as df/2 grows, far beyond any group of pupils.
 *
 * @param t the value of the statistic; ±Infinity give 1 and 0
 * @param df degrees of freedom, a positive finite number (need not be an integer: Welch's df)
 * @returns P(T ≤ t), in [0, 1]
 * @throws {RangeError} if t is NaN or df is not a positive finite number
 * @example
 * studentTCdf(1, 1) // => 0.7499999999999998 (Cauchy: exactly 3/4)
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) throw new RangeError('t must be a number, got NaN')
  assertDegreesOfFreedom(df)
  const tail = upperTail(Math.abs(t), df)
  return t < 0 ? tail : 1 - tail
}

/**
 * The quantile function (inverse CDF) of Student's t distribution: the t with P(T ≤ t) = p, found
 * by bracketing and bisection on the tail probability {@link studentTCdf} is built from.
 *
 * @param p a probability strictly between 0 and 1
 * @param df degrees of freedom, a positive finite number
 * @returns the p-quantile of t with `df` degrees of freedom
 * @throws {RangeError} if p is not in (0, 1) or df is not a positive finite number
 * @example
 * studentTQuantile(0.975, 5).toFixed(4) // => '2.5706'
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`)
  assertDegreesOfFreedom(df)
  if (p === 0.5) return 0
  // Solve on the smaller tail: 1 − p for p near 1 is exact in floating point, and a tiny tail
  // keeps its relative precision instead of being lost next to 1.
  const tail = Math.min(p, 1 - p)
  let low = 0
  let high = 1
  while (upperTail(high, df) > tail) {
    low = high
    high *= 2
  }
  for (let i = 0; i < 2000; i++) {
    const middle = (low + high) / 2
    if (middle === low || middle === high) break
    if (upperTail(middle, df) > tail) low = middle
    else high = middle
  }
  const t = (low + high) / 2
  return p < 0.5 ? -t : t
}
