import type { Config } from 'vega-lite'
import type { ChartLocale, MeasureScale } from './chart-data.ts'

const INTL_LOCALE: Record<ChartLocale, string> = { da: 'da-DK', en: 'en-GB' }

/**
 * A figure as a reader sees it (DOMAIN.md, "Reporting rules": percentages as whole numbers):
 * proportions as whole percent by `Intl` (Danish puts a no-break space before %), means with one
 * decimal.
 *
 * @param value - a proportion in 0..1 or a mean
 * @param scale - which of the two it is
 * @param locale - da or en
 * @returns the formatted figure
 * @example
 * formatFigure(0.214, 'proportion', 'da') // → '21 %' (with U+00A0 before %)
 * formatFigure(3.45, 'mean', 'da') // → '3,5'
 */
export function formatFigure(value: number, scale: MeasureScale, locale: ChartLocale): string {
  return scale === 'proportion'
    ? new Intl.NumberFormat(INTL_LOCALE[locale], {
        style: 'percent',
        maximumFractionDigits: 0,
      }).format(value)
    : new Intl.NumberFormat(INTL_LOCALE[locale], {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(value)
}

/**
 * A count with the locale's thousands separator.
 *
 * @param count - a whole number
 * @param locale - da or en
 * @returns the formatted count
 * @example
 * formatCount(1500, 'da') // → '1.500'
 */
export function formatCount(count: number, locale: ChartLocale): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 0 }).format(count)
}

/**
 * A 95 % interval as "lower–upper" in the figure's format, or null when there is none (a mean
 * from a single answer).
 *
 * @param lower - the lower bound, or null
 * @param upper - the upper bound, or null
 * @param scale - proportion or mean
 * @param locale - da or en
 * @returns the formatted interval, or null
 * @example
 * formatInterval(0.18, 0.25, 'proportion', 'en') // → '18%–25%'
 */
export function formatInterval(
  lower: number | null,
  upper: number | null,
  scale: MeasureScale,
  locale: ChartLocale,
): string | null {
  if (lower === null || upper === null) return null
  return `${formatFigure(lower, scale, locale)}–${formatFigure(upper, scale, locale)}`
}

/**
 * Labels in the locale's alphabetical order (Danish puts æ, ø, å after z, in that order, which
 * Vega's own sort by code point does not).
 *
 * @param labels - the labels, in any order
 * @param locale - da or en
 * @returns a sorted copy
 * @example
 * sortLabels(['Åskolen', 'Østskolen', 'Ærøskolen'], 'da') // → ['Ærøskolen', 'Østskolen', 'Åskolen']
 */
export function sortLabels(labels: readonly string[], locale: ChartLocale): string[] {
  const collator = new Intl.Collator(INTL_LOCALE[locale], { numeric: true })
  return [...labels].sort(collator.compare)
}

/**
 * Vega's d3-format pattern for a measure's axis and tooltips: whole percent or one decimal.
 *
 * @param scale - proportion or mean
 * @returns the pattern
 * @example
 * vegaFormat('proportion') // → '.0%'
 */
export function vegaFormat(scale: MeasureScale): string {
  return scale === 'proportion' ? '.0%' : ',.1f'
}

/**
 * The number locale Vega formats axes with, matching `Intl` so an axis reads like the alt text
 * (Danish: decimal comma, thousands point, "20 %").
 *
 * @param locale - da or en
 * @returns a Vega locale definition
 * @example
 * vegaLocale('da').number // → { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' kr.'], percent: ' %' }
 */
export function vegaLocale(locale: ChartLocale): NonNullable<Config['locale']> {
  return locale === 'da'
    ? {
        number: {
          decimal: ',',
          thousands: '.',
          grouping: [3],
          currency: ['', '\u00a0kr.'],
          percent: '\u00a0%',
        },
      }
    : { number: { decimal: '.', thousands: ',', grouping: [3], currency: ['£', ''] } }
}
