/**
 * The alternative result of every statistic here when the data cannot support it (no
 * respondents, a single value where a spread is needed, no variation to test against). Callers
 * switch on `kind`; a statistic never hands back `NaN` or `null` instead.
 */
export type Insufficient = { kind: 'insufficient'; reason: string }

/** A count of pupils with a property (`successes`) among `n` pupils: one group's proportion. */
export type ProportionCount = { successes: number; n: number }

/** One group's summary of a score: number of values, mean and sample standard deviation. */
export type MeanSummary = { n: number; mean: number; sd: number }

/**
 * Builds the {@link Insufficient} result.
 *
 * @param reason why the statistic cannot be computed, in words a report may show
 * @returns `{ kind: 'insufficient', reason }`
 * @example
 * insufficient('no respondents') // => { kind: 'insufficient', reason: 'no respondents' }
 */
export function insufficient(reason: string): Insufficient {
  return { kind: 'insufficient', reason }
}
