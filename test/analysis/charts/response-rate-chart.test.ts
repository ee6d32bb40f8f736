import { describe, expect, it } from 'vitest'
import { FIGURE_COLOUR } from '../../../analysis/charts/palette.ts'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import {
  responseRateChart,
  type ResponseRateChartInput,
} from '../../../analysis/charts/response-rate-chart.ts'
import { dataRows, svgTexts } from './spec-data.ts'

const input: ResponseRateChartInput = {
  locale: 'da',
  groups: [
    { label: '7.A', responded: 20, expected: 24 },
    { label: '7.B', responded: 3, expected: 0 },
    { label: '8.A', responded: 26, expected: 25 },
  ],
}

describe('responseRateChart', () => {
  it('has one row per group with the rate, the bar capped at 100 % and the counts as text', () => {
    const rows = dataRows(responseRateChart(input).spec)
    expect(rows.map((r) => r.label)).toEqual(['7.A', '7.B', '8.A'])
    expect(rows[0]).toMatchObject({ rate: 20 / 24, shownRate: 20 / 24, text: '20/24 (83\u00a0%)' })
    expect(rows[2]).toMatchObject({ rate: 26 / 25, shownRate: 1, text: '26/25 (104\u00a0%)' })
  })

  it('draws no bar for a group with no expected count and says why', () => {
    const row = dataRows(responseRateChart(input).spec)[1]
    expect(row).toMatchObject({
      rate: null,
      shownRate: null,
      noExpectedCount: true,
      rateText: 'intet forventet antal',
      text: '3/0',
    })
  })

  it('names every group in the alt text, uses the palette and switches language', () => {
    const da = responseRateChart(input)
    expect(da.title).toBe('Svarprocent')
    expect(da.altText).toContain('7.A: 20/24 (83\u00a0%). 7.B: 3/0, intet forventet antal.')
    expect(JSON.stringify(da.spec)).toContain(FIGURE_COLOUR)
    const en = responseRateChart({ ...input, locale: 'en' })
    expect(en.title).toBe('Response rate')
    expect(en.altText).toContain('7.B: 3/0, no expected count.')
  })

  it('renders to an SVG with the title and the no-expected-count text', async () => {
    const { spec, title } = responseRateChart(input)
    const texts = svgTexts(await renderSvg(spec))
    expect(texts).toContain(title)
    expect(texts).toEqual(expect.arrayContaining(['intet forventet antal', '20/24 (83\u00a0%)']))
  })
})
