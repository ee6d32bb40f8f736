import type { ChartFigure, ChartLocale, MeasureScale } from './chart-data.ts'
import { formatCount, formatFigure, formatInterval } from './chart-format.ts'
import { CHART_TEXTS } from './chart-texts.ts'

/** A figure as the fields of one row of a chart's inline data. */
export interface FigureFields {
  /** The figure, or null when suppressed: a suppressed group never becomes a zero. */
  value: number | null
  lower: number | null
  upper: number | null
  n: number | null
  suppressed: boolean
  /** "21 %", or the suppressed text. */
  valueText: string
  /** "18 %–25 %", the no-interval text for a shown figure without one, or null when suppressed. */
  intervalText: string | null
  /** "21 % (n = 48)", or the suppressed text: what a row's label column and the alt text say. */
  summaryText: string
}

/**
 * One released figure as chart data: numbers only when shown, the texts every chart prints beside
 * them, and for a suppressed figure nulls and "for få besvarelser" (DOMAIN.md, "Reporting rules":
 * n is always shown, a suppressed group has no number at all).
 *
 * @param figure - shown or suppressed
 * @param scale - proportion or mean
 * @param locale - da or en
 * @returns the fields to spread into a data row
 * @example
 * figureFields({ status: 'shown', value: 0.21, lower: 0.12, upper: 0.34, n: 48 }, 'proportion', 'en')
 * // → { value: 0.21, lower: 0.12, upper: 0.34, n: 48, suppressed: false, valueText: '21%',
 * //     intervalText: '12%–34%', summaryText: '21% (n = 48)' }
 */
export function figureFields(
  figure: ChartFigure,
  scale: MeasureScale,
  locale: ChartLocale,
): FigureFields {
  const texts = CHART_TEXTS[locale]
  if (figure.status === 'suppressed') {
    return {
      value: null,
      lower: null,
      upper: null,
      n: null,
      suppressed: true,
      valueText: texts.suppressed,
      intervalText: null,
      summaryText: texts.suppressed,
    }
  }
  const valueText = formatFigure(figure.value, scale, locale)
  return {
    value: figure.value,
    lower: figure.lower,
    upper: figure.upper,
    n: figure.n,
    suppressed: false,
    valueText,
    intervalText: formatInterval(figure.lower, figure.upper, scale, locale) ?? texts.noInterval,
    summaryText: `${valueText} (n = ${formatCount(figure.n, locale)})`,
  }
}
