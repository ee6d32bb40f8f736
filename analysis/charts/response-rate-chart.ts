import type { ChartBundle, ChartLocale } from './chart-data.ts'
import { formatCount, formatFigure, vegaFormat } from './chart-format.ts'
import { chartFrame, FIT_TO_CHART_WIDTH, rowsHeight } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { FIGURE_COLOUR, NOTE_TEXT_COLOUR } from './palette.ts'

/** How many pupils in a group answered, against how many were expected to. */
export interface ResponseRateGroup {
  label: string
  responded: number
  expected: number
}

export interface ResponseRateChartInput {
  groups: ResponseRateGroup[]
  locale: ChartLocale
}

/**
 * Response rate per group (DOMAIN.md, "Reporting rules": reports state the response rate): a bar
 * of responded / expected, drawn at most to 100 % (more answers than expected pupils happens
 * when a class grew after the count was entered; the text keeps the true figure), with a text
 * column "responded/expected (rate)". A group with no expected count gets no bar but the text
 * "intet forventet antal" where the bar would be. Rows keep their input order.
 *
 * @param input - the groups and the locale
 * @returns the spec, its title and its alt text
 * @example
 * responseRateChart({ locale: 'da', groups: [{ label: '7.A', responded: 20, expected: 24 },
 *   { label: '7.B', responded: 3, expected: 0 }] }).altText
 * // → 'Søjlediagram over svarprocent: Svarprocent. 7.A: 20/24 (83 %). 7.B: 3/0, intet forventet
 * //    antal.'
 */
export function responseRateChart(input: ResponseRateChartInput): ChartBundle {
  const { groups, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.responseRate
  const values = groups.map((g) => {
    const counts = `${formatCount(g.responded, locale)}/${formatCount(g.expected, locale)}`
    if (g.expected <= 0) {
      return {
        label: g.label,
        responded: g.responded,
        expected: g.expected,
        rate: null,
        shownRate: null,
        rateText: texts.noExpectedCount,
        noExpectedCount: true,
        text: counts,
      }
    }
    const rate = g.responded / g.expected
    const rateText = formatFigure(rate, 'proportion', locale)
    return {
      label: g.label,
      responded: g.responded,
      expected: g.expected,
      rate,
      shownRate: Math.min(rate, 1),
      rateText,
      noExpectedCount: false,
      text: `${counts} (${rateText})`,
    }
  })
  const altText = [
    `${texts.chartKinds.responseRate}: ${title}.`,
    ...values.map((v) =>
      v.noExpectedCount ? `${v.label}: ${v.text}, ${v.rateText}.` : `${v.label}: ${v.text}.`,
    ),
  ].join(' ')
  const spec: ChartBundle['spec'] = {
    ...chartFrame(title, altText, locale),
    ...FIT_TO_CHART_WIDTH,
    height: rowsHeight(values.length),
    data: { values },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        title: null,
        scale: { domain: values.map((v) => v.label) },
      },
      tooltip: [
        { field: 'label', title: texts.group },
        { field: 'responded', title: texts.responded },
        { field: 'expected', title: texts.expected },
        { field: 'rateText', title: texts.responseRate },
      ],
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 }, color: FIGURE_COLOUR },
        encoding: {
          x: {
            field: 'shownRate',
            type: 'quantitative',
            title: texts.responseRate,
            scale: { domain: [0, 1] },
            axis: { format: vegaFormat('proportion') },
          },
        },
      },
      {
        // Where the bar would be: why there is none.
        transform: [{ filter: 'datum.noExpectedCount' }],
        mark: { type: 'text', align: 'left', dx: 4, color: NOTE_TEXT_COLOUR, fontStyle: 'italic' },
        encoding: { x: { value: 0 }, text: { field: 'rateText' } },
      },
      {
        // A column right of the plot: responded/expected and the rate.
        mark: { type: 'text', align: 'left', dx: 10 },
        encoding: { x: { value: 'width' }, text: { field: 'text' } },
      },
    ],
  }
  return { spec, title, altText }
}
