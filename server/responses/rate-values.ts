import { settings } from 'survey-core'
import type { Scalar } from './answer-domains.ts'
import { UnsupportedConstructError } from './unsupported-construct-error.ts'

/**
 * The values a rating question offers, as survey-core's `QuestionRatingModel` computes them after
 * loading: the `rateValues` listed unless `autoGenerate` is true, else rateMin..rateMax by
 * rateStep (1..5 by 1), one end derived from `rateCount` if missing, at most
 * `settings.ratingMaximumRateValueCount` values, and at most ten smileys.
 * @param listed the values of `rateValues`, if any
 * @throws {UnsupportedConstructError} for settings whose outcome depends on survey-core's
 *   property order (a `rateCount` that disagrees with the rest) or that are not numbers.
 * @example
 * rateValues({ rateMin: 0, rateMax: 2, rateStep: 0.5 }, 'question "q"', []) // → [0, 0.5, 1, 1.5, 2]
 */
export function rateValues(
  json: Record<string, unknown>,
  where: string,
  listed: readonly Scalar[],
): Scalar[] {
  const useListed = listed.length > 0 && json.autoGenerate !== true
  let values: Scalar[]
  if (useListed) {
    if (json.rateCount !== undefined && json.rateCount !== listed.length) {
      throw new UnsupportedConstructError(where, '"rateCount" different from the rateValues listed')
    }
    values = [...listed]
  } else {
    const number = (key: string, fallback: number): number => {
      const value = json[key] ?? fallback
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new UnsupportedConstructError(where, `a non-numeric "${key}"`)
      }
      return value
    }
    const step = number('rateStep', 1)
    if (step <= 0) throw new UnsupportedConstructError(where, 'a "rateStep" that is not positive')
    const count = json.rateCount === undefined ? undefined : number('rateCount', 0)
    let min = number('rateMin', 1)
    let max = number('rateMax', 5)
    // survey-core derives the missing end from rateCount when only one end is given.
    if (count !== undefined && json.rateMin !== undefined && json.rateMax === undefined)
      max = min + step * (count - 1)
    if (count !== undefined && json.rateMax !== undefined && json.rateMin === undefined)
      min = max - step * (count - 1)
    if (count !== undefined && count !== Math.trunc((max - min) / step) + 1) {
      throw new UnsupportedConstructError(where, '"rateCount" that disagrees with rateMin/rateMax')
    }
    values = []
    for (let v = min; v <= max && values.length < settings.ratingMaximumRateValueCount;) {
      values.push(v)
      v = roundToStep(v + step, step)
    }
  }
  // survey-core shows at most ten smileys.
  const smileys = (json.rateType ?? json.rateDisplayMode) === 'smileys'
  return smileys ? values.slice(0, 10) : values
}

/** survey-core's `correctValue`: fractional steps are rounded to the step's decimals. */
function roundToStep(value: number, step: number): number {
  if (!value || Math.round(value) === value) return value
  let decimals = 0
  while (Math.round(step) !== step) {
    step *= 10
    decimals++
  }
  return parseFloat(value.toFixed(decimals))
}
