import type { ChartBundle, ChartLocale } from './chart-data.ts'
import { formatCount, formatFigure, vegaFormat } from './chart-format.ts'
import { chartFrame, FIT_TO_CHART_WIDTH, rowsHeight } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { CONCERN_COLOURS, NOTE_TEXT_COLOUR } from './palette.ts'

/** A group's shares of pupils at concern levels 1–4 (thriving → serious concern), or suppressed. */
export type ConcernGroup =
  | { label: string; n: number; shares: [number, number, number, number] }
  | { label: string; suppressed: true }

export interface ConcernChartInput {
  groups: ConcernGroup[]
  locale: ChartLocale
}

/** Below this share a segment is too narrow for its percentage; the tooltip and alt text have it. */
const MIN_LABELLED_SHARE = 0.07

/**
 * How pupils spread over the four concern levels, one 100 % stacked bar per group: the levels in
 * order from thriving to serious concern, coloured light to dark with a colour-blind-safe
 * sequential scheme, each wide enough segment labelled with its whole percent, and n in a text
 * column. Shares are scaled to add up to exactly 100 % (rounding upstream may leave them a hair
 * off). A suppressed group keeps its row with "for få besvarelser" and no bar. Rows keep their
 * input order.
 *
 * @param input - the groups and the locale
 * @returns the spec, its title and its alt text
 * @throws RangeError when a shown group's shares are negative or add up to zero
 * @example
 * concernChart({ locale: 'en', groups: [{ label: '8.A', n: 24, shares: [0.5, 0.25, 0.125, 0.125] }] }).altText
 * // → 'Stacked bars of the share of pupils at each level of concern: Level of concern. 8.A (n = 24):
 * //    Thriving 50%, Beginning concern 25%, Concern 13%, Serious concern 13%.'
 */
export function concernChart(input: ConcernChartInput): ChartBundle {
  const { groups, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.concern
  const segments = groups.flatMap((g) => {
    if ('suppressed' in g) return []
    const total = g.shares.reduce((s, x) => s + x, 0)
    if (g.shares.some((x) => x < 0) || !(total > 0)) {
      throw new RangeError(`the concern shares of ${g.label} must be non-negative and not all zero`)
    }
    let start = 0
    return g.shares.map((raw, index) => {
      const share = raw / total
      const segment = {
        group: g.label,
        level: index + 1,
        levelLabel: texts.concernLevels[index],
        share,
        start,
        end: start + share,
        mid: start + share / 2,
        n: g.n,
        shareText: formatFigure(share, 'proportion', locale),
      }
      start += share
      return segment
    })
  })
  const rows = groups.map((g) =>
    'suppressed' in g
      ? { group: g.label, suppressed: true, n: null, text: texts.suppressed }
      : { group: g.label, suppressed: false, n: g.n, text: `n = ${formatCount(g.n, locale)}` },
  )
  const altText = [
    `${texts.chartKinds.concern}: ${title}.`,
    ...rows.map((row) => {
      if (row.suppressed) return `${row.group}: ${texts.suppressed}.`
      const shares = segments
        .filter((s) => s.group === row.group)
        .map((s) => `${s.levelLabel} ${s.shareText}`)
      return `${row.group} (${row.text}): ${shares.join(', ')}.`
    }),
  ].join(' ')
  const x = {
    type: 'quantitative' as const,
    title: texts.shareOfPupils,
    scale: { domain: [0, 1] },
    axis: { format: vegaFormat('proportion') },
  }
  const spec: ChartBundle['spec'] = {
    ...chartFrame(title, altText, locale),
    ...FIT_TO_CHART_WIDTH,
    height: rowsHeight(rows.length),
    encoding: {
      y: {
        field: 'group',
        type: 'nominal',
        title: null,
        scale: { domain: rows.map((r) => r.group) },
      },
    },
    layer: [
      {
        data: { values: segments },
        layer: [
          {
            mark: { type: 'bar', height: { band: 0.7 }, stroke: 'white', strokeWidth: 1 },
            encoding: {
              x: { ...x, field: 'start' },
              x2: { field: 'end' },
              color: {
                field: 'levelLabel',
                type: 'ordinal',
                title: null,
                scale: { domain: texts.concernLevels, range: [...CONCERN_COLOURS] },
              },
              tooltip: [
                { field: 'group', title: texts.group },
                { field: 'levelLabel', title: ' ' },
                { field: 'shareText', title: texts.share },
                { field: 'n', title: texts.answers },
              ],
            },
          },
          {
            transform: [{ filter: `datum.share >= ${MIN_LABELLED_SHARE}` }],
            mark: { type: 'text', fontSize: 10 },
            encoding: {
              x: { ...x, field: 'mid' },
              text: { field: 'shareText' },
              // White on the darkest level only: each colour keeps 4.5:1 contrast with its text.
              color: { condition: { test: 'datum.level === 4', value: 'white' }, value: 'black' },
            },
          },
        ],
      },
      {
        // A column right of the plot: n, or why there is no bar.
        data: { values: rows },
        mark: { type: 'text', align: 'left', dx: 10 },
        encoding: {
          x: { value: 'width' },
          text: { field: 'text' },
          color: {
            condition: { test: 'datum.suppressed', value: NOTE_TEXT_COLOUR },
            value: 'black',
          },
        },
      },
    ],
  }
  return { spec, title, altText }
}
