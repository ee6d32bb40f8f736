import { mean, sampleStandardDeviation } from 'simple-statistics'
import { assertFinite } from './assertions.ts'
import { insufficient, type Insufficient } from './estimate.ts'
import { studentTQuantile } from './student-t.ts'

export type MeanInterval = {
  kind: 'meanInterval'
  n: number
  mean: number
  sd: number
  lower: number
  upper: number
}

/**
 * The mean of a sample with its sample standard deviation (n − 1 in the denominator) and the
 * Student t confidence interval for the mean, mean ± t_(1−α/2, n−1) · sd/√n (Student, "The
 * probable error of a mean", Biometrika 6, 1908; R's `t.test(x)$conf.int`).
 *
 * @param values the scores, e.g. one scale score per pupil with a score
 * @param confidence the confidence level, strictly between 0 and 1; 0.95 by default
 * @returns n, mean, sd and the interval's bounds (equal to the mean when every value is the same),
 *   or Insufficient when there are fewer than two values, since no spread can be estimated
 * @throws {RangeError} if a value is not finite or confidence is not in (0, 1)
 * @example
 * meanInterval([2, 4, 4, 4, 5, 5, 7, 9])
 * // => { kind: 'meanInterval', n: 8, mean: 5, sd: 2.138089935299395,
 * //      lower: 3.21251208176379, upper: 6.787487918236209 }
 */
export function meanInterval(
  values: readonly number[],
  confidence = 0.95,
): MeanInterval | Insufficient {
  values.forEach((value, index) => assertFinite(`values[${index}]`, value))
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`)
  }
  const n = values.length
  if (n < 2) return insufficient(`a standard deviation needs at least 2 values (n = ${n})`)

  const sampleMean = mean(values)
  const sd = sampleStandardDeviation(values)
  const halfWidth = (studentTQuantile(1 - (1 - confidence) / 2, n - 1) * sd) / Math.sqrt(n)
  return {
    kind: 'meanInterval',
    n,
    mean: sampleMean,
    sd,
    lower: sampleMean - halfWidth,
    upper: sampleMean + halfWidth,
  }
}
