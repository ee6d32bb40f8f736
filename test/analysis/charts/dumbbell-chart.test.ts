import { describe, expect, it } from 'vitest'
import { dumbbellChart, type DumbbellChartInput } from '../../../analysis/charts/dumbbell-chart.ts'
import { NORMAL_VARIATION_COLOUR, REAL_CHANGE_COLOUR } from '../../../analysis/charts/palette.ts'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import { dataRows, svgTexts } from './spec-data.ts'

const input: DumbbellChartInput = {
  baselineLabel: '2023/24',
  followUpLabel: '2024/25',
  locale: 'da',
  rows: [
    {
      label: 'Mobning',
      scale: 'proportion',
      baseline: 0.21,
      followUp: 0.14,
      verdict: 'real-change',
    },
    {
      label: 'Ensomhed',
      scale: 'proportion',
      baseline: 0.3,
      followUp: 0.33,
      verdict: 'within-normal-variation',
    },
    {
      label: 'WHO-5',
      scale: 'mean',
      baseline: 60,
      followUp: 62,
      verdict: 'within-normal-variation',
    },
    { label: 'Fuld', scale: 'proportion', baseline: null, followUp: null, verdict: 'suppressed' },
    // Numbers handed over with a suppressed verdict still do not leave as numbers.
    { label: 'Ryger', scale: 'proportion', baseline: 0.05, followUp: 0.06, verdict: 'suppressed' },
  ],
}

describe('dumbbellChart', () => {
  it('has one row per proportion measure in input order; mean rows are left out', () => {
    const rows = dataRows(dumbbellChart(input).spec)
    expect(rows.map((r) => r.measure)).toEqual(['Mobning', 'Ensomhed', 'Fuld', 'Ryger'])
    expect(rows[0]).toMatchObject({
      baseline: 0.21,
      followUp: 0.14,
      verdict: 'real-change',
      verdictText: 'reel ændring',
      changeText: '21\u00a0% → 14\u00a0%',
    })
  })

  it('gives a suppressed row the text and no numbers, never a zero', () => {
    const rows = dataRows(dumbbellChart(input).spec).filter((r) => r.suppressed)
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(row).toMatchObject({
        baseline: null,
        followUp: null,
        changeText: 'for få besvarelser',
      })
    }
  })

  it('highlights real change against normal variation with the palette', () => {
    const json = JSON.stringify(dumbbellChart(input).spec)
    expect(json).toContain(
      `"domain":["reel ændring","inden for normal variation"],"range":["${REAL_CHANGE_COLOUR}","${NORMAL_VARIATION_COLOUR}"]`,
    )
  })

  it('says every change, its verdict and what was left out in the alt text, in either language', () => {
    const da = dumbbellChart(input)
    expect(da.title).toBe('Ændring fra 2023/24 til 2024/25')
    expect(da.altText).toContain('Mobning: 21\u00a0% → 14\u00a0%, reel ændring.')
    expect(da.altText).toContain('Ensomhed: 30\u00a0% → 33\u00a0%, inden for normal variation.')
    expect(da.altText).toContain('Fuld: for få besvarelser.')
    expect(da.altText).toContain('1 mål på en gennemsnitsskala er ikke vist her.')
    const en = dumbbellChart({ ...input, locale: 'en' })
    expect(en.title).toBe('Change from 2023/24 to 2024/25')
    expect(en.altText).toContain('Mobning: 21% → 14%, real change.')
    expect(en.altText).toContain('1 measure on a mean scale is not shown here.')
  })

  it('renders to an SVG with the title and the verdict legend', async () => {
    const { spec, title } = dumbbellChart(input)
    const texts = svgTexts(await renderSvg(spec))
    expect(texts).toContain(title)
    expect(texts).toEqual(expect.arrayContaining(['reel ændring', 'inden for normal variation']))
  })
})
