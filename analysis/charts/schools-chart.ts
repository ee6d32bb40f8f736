import type { ChartBundle, ChartFigure, ChartLocale, MeasureScale } from './chart-data.ts'
import { formatFigure, sortLabels, vegaFormat } from './chart-format.ts'
import { chartFrame, FIT_TO_CHART_WIDTH, rowsHeight } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { figureFields } from './figure-fields.ts'
import { FIGURE_COLOUR, NOTE_TEXT_COLOUR, REFERENCE_COLOUR } from './palette.ts'

export interface SchoolsChartInput {
  measureLabel: string
  scale: MeasureScale
  groups: { label: string; figure: ChartFigure }[]
  /** The figure the schools are read against (the municipality), or null for none. */
  reference: { label: string; value: number } | null
  locale: ChartLocale
}

/**
 * One measure across schools: a dot with its 95 % interval as a whisker per school, rows in the
 * locale's alphabetical order, the reference (the municipality) as a dashed vertical rule with
 * its label, and a text column with each figure and its n (DOMAIN.md, "Benchmark row"). Dots
 * rather than bars so a mean scale that does not start at zero reads honestly. A suppressed school
 * keeps its row, with "for få besvarelser" in the text column and no mark: never a bar of zero.
 *
 * @param input - the measure's label and scale, one figure per school, the reference and the locale
 * @returns the spec, its title and its alt text
 * @example
 * schoolsChart({ measureLabel: 'Mobning', scale: 'proportion', locale: 'en',
 *   groups: [{ label: 'Vestskolen', figure: { status: 'suppressed' } }],
 *   reference: { label: 'Municipality', value: 0.2 } }).altText
 * // → 'Dot chart with 95% intervals, one row per school: Mobning by school. Vestskolen: too few
 * //    answers. Municipality: 20%.'
 */
export function schoolsChart(input: SchoolsChartInput): ChartBundle {
  const { measureLabel, scale, groups, reference, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.schools(measureLabel)
  const order = sortLabels(
    groups.map((g) => g.label),
    locale,
  )
  const values = groups
    .map((g) => ({ label: g.label, ...figureFields(g.figure, scale, locale) }))
    .sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label))
  const referenceText = reference
    ? `${reference.label}: ${formatFigure(reference.value, scale, locale)}`
    : null
  const altText = [
    `${texts.chartKinds.schools}: ${title}.`,
    ...values.map((v) => `${v.label}: ${v.summaryText}.`),
    ...(referenceText ? [`${referenceText}.`] : []),
  ].join(' ')
  const measureTitle = scale === 'proportion' ? texts.share : texts.mean
  const x = {
    type: 'quantitative' as const,
    title: measureTitle,
    scale: scale === 'proportion' ? { domain: [0, 1] } : { zero: false },
    axis: { format: vegaFormat(scale) },
  }
  const spec: ChartBundle['spec'] = {
    ...chartFrame(title, altText, locale),
    ...FIT_TO_CHART_WIDTH,
    height: rowsHeight(values.length),
    layer: [
      {
        data: { values },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, sort: order },
          tooltip: [
            { field: 'label', title: texts.school },
            { field: 'valueText', title: measureTitle },
            { field: 'intervalText', title: texts.interval },
            { field: 'n', title: texts.answers },
          ],
        },
        layer: [
          {
            mark: { type: 'rule', color: FIGURE_COLOUR, strokeWidth: 2 },
            encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
          },
          {
            mark: { type: 'point', filled: true, size: 80, color: FIGURE_COLOUR, opacity: 1 },
            encoding: { x: { ...x, field: 'value' } },
          },
          {
            // A column right of the plot: the figure with its n, or why there is none.
            mark: { type: 'text', align: 'left', dx: 10 },
            encoding: {
              x: { value: 'width' },
              text: { field: 'summaryText' },
              color: {
                condition: { test: 'datum.suppressed', value: NOTE_TEXT_COLOUR },
                value: 'black',
              },
            },
          },
        ],
      },
      ...(reference
        ? [
            {
              data: { values: [{ ...reference, text: referenceText }] },
              layer: [
                {
                  mark: { type: 'rule' as const, color: REFERENCE_COLOUR, strokeDash: [4, 3] },
                  encoding: { x: { ...x, field: 'value' } },
                },
                {
                  mark: {
                    type: 'text' as const,
                    color: REFERENCE_COLOUR,
                    baseline: 'bottom' as const,
                    dy: -4,
                  },
                  encoding: {
                    x: { ...x, field: 'value' },
                    y: { value: 0 },
                    text: { field: 'text' },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  }
  return { spec, title, altText }
}
