import type { FactorDomain, FactorKind } from '../../survey-definitions/scoring-spec.ts'
import type { ChartBundle, ChartFigure, ChartLocale } from './chart-data.ts'
import { vegaFormat } from './chart-format.ts'
import { chartFrame, rowsHeight } from './chart-frame.ts'
import { CHART_TEXTS } from './chart-texts.ts'
import { figureFields } from './figure-fields.ts'
import { NOTE_TEXT_COLOUR, PROTECTIVE_COLOUR, REFERENCE_COLOUR, RISK_COLOUR } from './palette.ts'

/** One factor's share of pupils, with the same share in the comparison group when there is one. */
export interface ProfileFactor {
  label: string
  domain: FactorDomain
  kind: FactorKind
  figure: ChartFigure
  comparison: ChartFigure | null
}

export interface ProfileChartInput {
  groupLabel: string
  /** What the comparison markers are ("Kommunen", "2023/24"), or null when there are none. */
  comparisonLabel: string | null
  factors: ProfileFactor[]
  locale: ChartLocale
}

/** The Communities That Care domains in the order a profile shows them. */
const DOMAIN_ORDER: readonly FactorDomain[] = [
  'family',
  'school',
  'peers-individual',
  'leisure-community',
]

/** Plot width of each domain's panel; the text column and the factor labels come on top. */
const PANEL_WIDTH = 220

/**
 * A group's risk and protective factor profile: the share of pupils with each factor as a bar,
 * risk and protective in two colours, one panel per domain (family, school, peers and individual,
 * leisure and community), the comparison group's share as a black diamond on the bar, and a text
 * column with each share and its n. A suppressed factor keeps its row with "for få besvarelser"
 * and no bar. Factors keep their input order within a domain.
 *
 * @param input - the group, the comparison's label, the factors and the locale
 * @returns the spec, its title and its alt text
 * @example
 * profileChart({ groupLabel: 'Nordskolen', comparisonLabel: null, locale: 'en', factors: [
 *   { label: 'Conflict in the family', domain: 'family', kind: 'risk', comparison: null,
 *     figure: { status: 'shown', value: 0.21, lower: 0.12, upper: 0.34, n: 48 } }] }).altText
 * // → 'Bar chart of the share of pupils with each factor, by domain: Risk and protective factors:
 * //    Nordskolen. Family: Conflict in the family (risk factor) 21% (n = 48).'
 */
export function profileChart(input: ProfileChartInput): ChartBundle {
  const { groupLabel, comparisonLabel, factors, locale } = input
  const texts = CHART_TEXTS[locale]
  const title = texts.titles.profile(groupLabel)
  const domains = DOMAIN_ORDER.filter((d) => factors.some((f) => f.domain === d))
  const values = domains.flatMap((domain) =>
    factors
      .filter((f) => f.domain === domain)
      .map((f) => {
        const comparison = f.comparison ? figureFields(f.comparison, 'proportion', locale) : null
        return {
          factor: f.label,
          domain: texts.domains[domain],
          kind: texts.kinds[f.kind],
          ...figureFields(f.figure, 'proportion', locale),
          comparison: comparison?.value ?? null,
          comparisonText: comparison?.valueText ?? null,
          comparisonName: comparisonLabel,
        }
      }),
  )
  const altText = [
    `${texts.chartKinds.profile}: ${title}.`,
    ...domains.map((domain) => {
      const rows = values.filter((v) => v.domain === texts.domains[domain])
      const described = rows.map((v) => {
        const compared =
          comparisonLabel && v.comparisonText ? `, ${comparisonLabel} ${v.comparisonText}` : ''
        return `${v.factor} (${v.kind.toLowerCase()}) ${v.summaryText}${compared}`
      })
      return `${texts.domains[domain]}: ${described.join('; ')}.`
    }),
  ].join(' ')
  const x = {
    type: 'quantitative' as const,
    stack: null,
    scale: { domain: [0, 1] },
  }
  const tooltip = [
    { field: 'factor', title: texts.factor },
    { field: 'kind', title: ' ' },
    { field: 'valueText', title: texts.share },
    { field: 'intervalText', title: texts.interval },
    { field: 'n', title: texts.answers },
    ...(comparisonLabel ? [{ field: 'comparisonText', title: comparisonLabel }] : []),
  ]
  // One panel per domain, stacked, rather than a facet: each panel's rows are named explicitly
  // (keeping the input order), where a facet with independent rows unions the layers' filtered
  // data, sorts it and warns.
  const panels = domains.map((domain, index) => {
    const rows = values.filter((v) => v.domain === texts.domains[domain])
    const last = index === domains.length - 1
    const axis = last
      ? { format: vegaFormat('proportion'), title: texts.shareOfPupils }
      : { format: vegaFormat('proportion'), title: null, labels: false, ticks: false }
    return {
      title: {
        text: texts.domains[domain],
        fontSize: 12,
        anchor: 'start' as const,
        frame: 'group' as const,
      },
      width: PANEL_WIDTH,
      height: rowsHeight(rows.length),
      data: { values: rows },
      encoding: {
        y: {
          field: 'factor',
          type: 'nominal' as const,
          title: null,
          scale: { domain: rows.map((r) => r.factor) },
        },
        tooltip,
      },
      layer: [
        {
          mark: { type: 'bar' as const, height: { band: 0.7 } },
          encoding: {
            x: { ...x, field: 'value', axis },
            color: {
              field: 'kind',
              type: 'nominal' as const,
              title: null,
              scale: {
                domain: [texts.kinds.risk, texts.kinds.protective],
                range: [RISK_COLOUR, PROTECTIVE_COLOUR],
              },
            },
          },
        },
        ...(comparisonLabel
          ? [
              {
                mark: {
                  type: 'point' as const,
                  filled: true,
                  size: 70,
                  color: REFERENCE_COLOUR,
                  opacity: 1,
                },
                encoding: {
                  x: { ...x, field: 'comparison', axis },
                  shape: {
                    field: 'comparisonName',
                    type: 'nominal' as const,
                    title: null,
                    scale: { range: ['diamond'] },
                  },
                },
              },
            ]
          : []),
        {
          // A column right of the plot: the share with its n, or why there is none.
          mark: { type: 'text' as const, align: 'left' as const, dx: 10 },
          encoding: {
            x: { value: 'width' as const },
            text: { field: 'summaryText' },
            color: {
              condition: { test: 'datum.suppressed', value: NOTE_TEXT_COLOUR },
              value: 'black',
            },
          },
        },
      ],
    }
  })
  const spec: ChartBundle['spec'] = {
    ...chartFrame(title, altText, locale),
    spacing: 14,
    vconcat: panels,
    resolve: { scale: { x: 'shared', color: 'shared', shape: 'shared' } },
  }
  return { spec, title, altText }
}
