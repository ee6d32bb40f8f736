import { gammaln } from 'simple-statistics'
import { assertFinite } from './assertions.ts'

const RELATIVE_TOLERANCE = 1e-15
// Numerical Recipes: the fraction needs O(√max(a, b)) terms at worst.
const MAX_ITERATIONS = 100_000
const TINY = 1e-300

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI)

/** Stirling's series remainder δ(x) = lnΓ(x) − ((x − ½)·ln x − x + ln√(2π)), for x ≥ 10. */
function stirlingRemainder(x: number): number {
  const inverseSquare = 1 / (x * x)
  return (
    (1 / 12 -
      inverseSquare *
        (1 / 360 -
          inverseSquare * (1 / 1260 - inverseSquare * (1 / 1680 - inverseSquare / 1188)))) /
    x
  )
}

/**
 * ln B(a, b). For large arguments lnΓ(a + b) − lnΓ(a) − lnΓ(b) cancels millions against
 * millions and loses the digits a p-value needs, so the large parts are cancelled analytically
 * and only Stirling remainders are added (as R's `lbeta`, after DiDonato & Morris, TOMS 708).
 */
function logBeta(a: number, b: number): number {
  const p = Math.min(a, b)
  const q = Math.max(a, b)
  const sum = p + q
  if (p >= 10) {
    const correction = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(sum)
    return (
      -0.5 * Math.log(q) +
      LOG_SQRT_2PI +
      correction +
      (p - 0.5) * Math.log(p / sum) +
      q * Math.log1p(-p / sum)
    )
  }
  if (q >= 10) {
    const correction = stirlingRemainder(q) - stirlingRemainder(sum)
    return gammaln(p) + correction + p - p * Math.log(sum) + (q - 0.5) * Math.log1p(-p / sum)
  }
  return gammaln(p) + gammaln(q) - gammaln(sum)
}

/**
 * The continued fraction for I_x(a, b) (Numerical Recipes 3rd ed., §6.4), evaluated with the
 * modified Lentz method (§5.2); converges fast for x < (a + 1)/(a + b + 2).
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m
    const evenStep = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + evenStep * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + evenStep / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    const oddStep = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + oddStep * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + oddStep / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) <= RELATIVE_TOLERANCE) return h
  }
  throw new Error(`incomplete beta: continued fraction did not converge (a=${a}, b=${b}, x=${x})`)
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b) (Abramowitz & Stegun
 * 6.6.2, 26.5.1), by the continued fraction of Numerical Recipes 3rd ed., §6.4, using the
 * symmetry I_x(a, b) = 1 − I_(1−x)(b, a) where the fraction converges slowly; ln B(a, b) from
 * simple-statistics' Lanczos log-gamma, or from Stirling's series for large arguments.
 *
 * @param x the upper limit of integration, in [0, 1]
 * @param a the first shape parameter, > 0
 * @param b the second shape parameter, > 0
 * @param complementOfX 1 − x, for callers that know it more precisely than `1 - x` in floating
 *   point (x close to 1); defaults to `1 - x`
 * @returns I_x(a, b), in [0, 1]
 * @throws {RangeError} if x is outside [0, 1], a or b is not a positive finite number, or
 *   complementOfX is not in [0, 1]
 * @example
 * regularizedIncompleteBeta(0.5, 2, 3) // => 0.6875000000000002 (exactly 11/16)
 */
export function regularizedIncompleteBeta(
  x: number,
  a: number,
  b: number,
  complementOfX: number = 1 - x,
): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`x must be in [0, 1], got ${x}`)
  if (!(complementOfX >= 0 && complementOfX <= 1)) {
    throw new RangeError(`complementOfX must be in [0, 1], got ${complementOfX}`)
  }
  assertFinite('a', a)
  assertFinite('b', b)
  if (a <= 0) throw new RangeError(`a must be positive, got ${a}`)
  if (b <= 0) throw new RangeError(`b must be positive, got ${b}`)
  if (x === 0) return 0
  if (complementOfX === 0) return 1
  const y = complementOfX
  // Each logarithm from whichever of x and 1 − x is small, where it is known to full precision;
  // with a in the millions (Welch's df) a·ln x would otherwise magnify x's rounding.
  const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y)
  const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x)
  const front = Math.exp(a * logX + b * logY - logBeta(a, b))
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a
  return 1 - (front * betaContinuedFraction(y, b, a)) / b
}
