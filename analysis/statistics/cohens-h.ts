import { assertFinite, assertProbability } from './assertions.ts'

export type EffectSizeLabel = 'negligible' | 'small' | 'medium' | 'large'

/**
 * Cohen's h, the effect size for a difference between two proportions on the arcsine scale:
 * h = 2·asin√p₁ − 2·asin√p₂ (Cohen, Statistical Power Analysis for the Behavioral Sciences,
 * 2nd ed., 1988, §6.2).
 *
 * @param p1 the first proportion, in [0, 1]
 * @param p2 the second proportion, in [0, 1]
 * @returns h, in [−π, π]; positive when p1 > p2
 * @throws {RangeError} if a proportion is outside [0, 1] or not a number
 * @example
 * cohensH(0.45, 0.3) // => 0.3113494249059283
 */
export function cohensH(p1: number, p2: number): number {
  assertProbability('p1', p1)
  assertProbability('p2', p2)
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2))
}

/**
 * Cohen's verbal labels for a standardized effect size h or d (Cohen 1988, ch. 2 and 6):
 * below 0.2 negligible, from 0.2 small, from 0.5 medium, from 0.8 large. The sign is ignored.
 *
 * @param effectSize Cohen's h or d, of either sign
 * @returns the label for |effectSize|
 * @throws {RangeError} if effectSize is not a finite number
 * @example
 * describeEffectSize(-0.31) // => 'small'
 */
export function describeEffectSize(effectSize: number): EffectSizeLabel {
  assertFinite('effectSize', effectSize)
  const size = Math.abs(effectSize)
  if (size >= 0.8) return 'large'
  if (size >= 0.5) return 'medium'
  if (size >= 0.2) return 'small'
  return 'negligible'
}
