import type { ChartBundle, ChartFigure, ChartLocale, MeasureScale } from './chart-data.ts'
import { vegaFormat } from './chart-format.ts'
import { chartFrame, FIT_TO_CHART_WIDTH } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { figureFields } from './figure-fields.ts'
import { CATEGORICAL_COLOURS, NOTE_TEXT_COLOUR } from './palette.ts'

/** One group's figures over time, oldest period first. */
export interface TrendSeries {
  label: string
  points: { period: string; figure: ChartFigure }[]
}

export interface TrendChartInput {
  measureLabel: string
  scale: MeasureScale
  series: TrendSeries[]
  locale: ChartLocale
}

/** Pixels from the top of the plot to the first "too few answers" note, and between notes. */
const NOTE_TOP = 10
const NOTE_SPACING = 14

/**
 * A measure over time, one line per series with its 95 % interval as a shaded band. A suppressed
 * period is a gap in the line (DOMAIN.md, "Reporting rules": a missing point, not a zero or a
 * hidden chart): its row carries nulls, and the marks use `invalid: 'break-paths-show-domains'`
 * so the path breaks there while the period keeps its place on the axis. A note "for få
 * besvarelser" stands at the top of each suppressed period, and the alt text lists every period.
 *
 * @param input - the measure's label and scale, the series (periods in order) and the locale
 * @returns the spec, its title and its alt text
 * @example
 * trendChart({ measureLabel: 'Mobning', scale: 'proportion', locale: 'da', series: [{ label: 'Skolen',
 *   points: [{ period: '2022/23', figure: { status: 'shown', value: 0.21, lower: 0.12, upper: 0.34, n: 48 } },
 *            { period: '2023/24', figure: { status: 'suppressed' } }] }] }).altText
 * // → 'Linjediagram: Mobning over tid. Skolen: 2022/23 21 % (n = 48), 2023/24 for få besvarelser.
 * //    Båndet viser 95 %-intervallet.'
 */
export function trendChart(input: TrendChartInput): ChartBundle {
  const { measureLabel, scale, series, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.trend(measureLabel)
  const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))]
  const notesPerPeriod = new Map<string, number>()
  const values = series.flatMap((s) =>
    s.points.map((point) => {
      const fields = figureFields(point.figure, scale, locale)
      const slot = fields.suppressed ? (notesPerPeriod.get(point.period) ?? 0) : 0
      if (fields.suppressed) notesPerPeriod.set(point.period, slot + 1)
      return {
        series: s.label,
        period: point.period,
        ...fields,
        note: series.length > 1 ? `${s.label}: ${texts.suppressed}` : texts.suppressed,
        noteY: NOTE_TOP + slot * NOTE_SPACING,
      }
    }),
  )
  const altText = [
    `${texts.chartKinds.trend}: ${title}.`,
    ...series.map(
      (s) =>
        `${s.label}: ${s.points
          .map((p) => `${p.period} ${figureFields(p.figure, scale, locale).summaryText}`)
          .join(', ')}.`,
    ),
    texts.intervalNote,
  ].join(' ')
  const measureTitle = scale === 'proportion' ? texts.share : texts.mean
  const y = {
    type: 'quantitative' as const,
    title: measureTitle,
    scale: scale === 'proportion' ? { domain: [0, 1] } : { zero: false },
    axis: { format: vegaFormat(scale) },
  }
  const spec: ChartBundle['spec'] = {
    ...chartFrame(title, altText, locale),
    ...FIT_TO_CHART_WIDTH,
    height: 280,
    data: { values },
    encoding: {
      x: {
        field: 'period',
        type: 'ordinal',
        title: texts.schoolYear,
        scale: { domain: periods },
        axis: { labelAngle: 0 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: texts.group,
        scale: { domain: series.map((s) => s.label), range: [...CATEGORICAL_COLOURS] },
        // The band's opacity would otherwise fade the legend's symbols.
        legend: series.length > 1 ? { symbolOpacity: 1, symbolType: 'circle' } : null,
      },
    },
    layer: [
      {
        mark: { type: 'area', opacity: 0.15, invalid: 'break-paths-show-domains' },
        encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
      },
      {
        // A whisker as well as the band: a period between two gaps has no band to show.
        mark: { type: 'rule', strokeWidth: 1.5, opacity: 0.6 },
        encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
      },
      {
        mark: { type: 'line', strokeWidth: 2, invalid: 'break-paths-show-domains' },
        encoding: { y: { ...y, field: 'value' } },
      },
      {
        mark: { type: 'point', filled: true, size: 60, opacity: 1 },
        encoding: {
          y: { ...y, field: 'value' },
          tooltip: [
            { field: 'series', title: texts.group },
            { field: 'period', title: texts.schoolYear },
            { field: 'valueText', title: measureTitle },
            { field: 'intervalText', title: texts.interval },
            { field: 'n', title: texts.answers },
          ],
        },
      },
      {
        transform: [{ filter: 'datum.suppressed' }],
        mark: { type: 'text', fontStyle: 'italic', baseline: 'top' },
        encoding: {
          y: { field: 'noteY', type: 'quantitative', scale: null },
          text: { field: 'note' },
          // A value, not the series colour the layers share: a note is not a figure.
          color: { value: NOTE_TEXT_COLOUR },
        },
      },
    ],
  }
  return { spec, title, altText }
}
