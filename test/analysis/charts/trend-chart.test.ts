import { describe, expect, it } from 'vitest'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import { CATEGORICAL_COLOURS } from '../../../analysis/charts/palette.ts'
import { trendChart, type TrendChartInput } from '../../../analysis/charts/trend-chart.ts'
import { dataRows, shown, suppressed, svgTexts } from './spec-data.ts'

const input: TrendChartInput = {
  measureLabel: 'Mobning',
  scale: 'proportion',
  locale: 'da',
  series: [
    {
      label: 'Nordskolen',
      points: [
        { period: '2021/22', figure: shown(0.21, 48) },
        { period: '2022/23', figure: suppressed },
        { period: '2023/24', figure: shown(0.25, 51) },
        { period: '2024/25', figure: shown(0.3, 55) },
      ],
    },
    {
      label: 'Kommunen',
      points: [
        { period: '2021/22', figure: shown(0.2, 480) },
        { period: '2022/23', figure: shown(0.22, 470) },
        { period: '2023/24', figure: shown(0.23, 510) },
        { period: '2024/25', figure: shown(0.21, 1500) },
      ],
    },
  ],
}

describe('trendChart', () => {
  it('has one row per series and period, a suppressed period as nulls with its note', () => {
    const { spec } = trendChart(input)
    const rows = dataRows(spec)
    expect(rows).toHaveLength(8)
    expect(rows[0]).toMatchObject({
      series: 'Nordskolen',
      period: '2021/22',
      value: 0.21,
      n: 48,
      suppressed: false,
      valueText: '21\u00a0%',
    })
    const gap = rows.find((r) => r.series === 'Nordskolen' && r.period === '2022/23')
    expect(gap).toMatchObject({ value: null, lower: null, upper: null, n: null, suppressed: true })
    expect(gap?.note).toBe('Nordskolen: for få besvarelser')
  })

  it('keeps every period on the axis in input order and breaks the line at a gap', () => {
    const { spec } = trendChart(input)
    const json = JSON.stringify(spec)
    expect(json).toContain('"domain":["2021/22","2022/23","2023/24","2024/25"]')
    expect(json).toContain('"invalid":"break-paths-show-domains"')
  })

  it('names the measure, every figure with its n and the suppressed period in title and alt text', () => {
    const { title, altText, spec } = trendChart(input)
    expect(title).toBe('Mobning over tid')
    expect(altText).toContain('Nordskolen: 2021/22 21\u00a0% (n = 48), 2022/23 for få besvarelser')
    expect(altText).toContain('2024/25 21\u00a0% (n = 1.500)')
    expect(spec.description).toBe(altText)
    expect(spec.title).toBe(title)
  })

  it('colours the series from the Okabe–Ito palette', () => {
    const json = JSON.stringify(trendChart(input).spec)
    expect(json).toContain(JSON.stringify(CATEGORICAL_COLOURS))
  })

  it('speaks English when asked', () => {
    const { title, altText } = trendChart({ ...input, locale: 'en' })
    expect(title).toBe('Mobning over time')
    expect(altText).toContain('2022/23 too few answers')
    expect(altText).toContain('21% (n = 48)')
  })

  it('shows a mean with one decimal and an axis that need not start at zero', () => {
    const { spec, altText } = trendChart({
      ...input,
      scale: 'mean',
      series: [
        {
          label: 'Nordskolen',
          points: [
            {
              period: '2023/24',
              figure: { status: 'shown', value: 62.4, lower: 58.1, upper: 66.7, n: 40 },
            },
          ],
        },
      ],
    })
    expect(altText).toContain('2023/24 62,4 (n = 40)')
    expect(dataRows(spec)[0]).toMatchObject({ intervalText: '58,1–66,7' })
    expect(JSON.stringify(spec)).toContain('"zero":false')
  })

  it('renders to an SVG whose line really breaks at the suppressed period', async () => {
    const { spec, title } = trendChart(input)
    const svg = await renderSvg(spec)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svgTexts(svg)).toContain(title)
    expect(svgTexts(svg)).toContain('Nordskolen: for få besvarelser')
    const lines = [...svg.matchAll(/aria-roledescription="line mark" d="([^"]*)"/g)].map(
      (m) => m[1] ?? '',
    )
    const moves = lines.map((d) => d.split('M').length - 1).sort()
    // The school's line is two pieces (one before the gap, one after); the municipality's is one.
    expect(moves).toEqual([1, 2])
  })
})
