import { describe, expect, it } from 'vitest'
import { FIGURE_COLOUR, REFERENCE_COLOUR } from '../../../analysis/charts/palette.ts'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import { schoolsChart, type SchoolsChartInput } from '../../../analysis/charts/schools-chart.ts'
import { dataRows, shown, suppressed, svgTexts } from './spec-data.ts'

const input: SchoolsChartInput = {
  measureLabel: 'Mobning',
  scale: 'proportion',
  locale: 'da',
  reference: { label: 'Kommunen', value: 0.22 },
  groups: [
    { label: 'Åbyskolen', figure: shown(0.31, 120) },
    { label: 'Vestskolen', figure: suppressed },
    { label: 'Ærøskolen', figure: shown(0.15, 60) },
    { label: 'Bakkeskolen', figure: shown(0.26, 48) },
  ],
}

describe('schoolsChart', () => {
  it('has one row per school in Danish alphabetical order (æ, ø, å last)', () => {
    const rows = dataRows(schoolsChart(input).spec).filter((r) => 'suppressed' in r)
    expect(rows.map((r) => r.label)).toEqual([
      'Bakkeskolen',
      'Vestskolen',
      'Ærøskolen',
      'Åbyskolen',
    ])
    expect(JSON.stringify(schoolsChart(input).spec)).toContain(
      '"sort":["Bakkeskolen","Vestskolen","Ærøskolen","Åbyskolen"]',
    )
  })

  it('keeps a suppressed school as a row with the text and no number, never a zero', () => {
    const row = dataRows(schoolsChart(input).spec).find((r) => r.label === 'Vestskolen')
    expect(row).toMatchObject({
      value: null,
      lower: null,
      upper: null,
      n: null,
      suppressed: true,
      summaryText: 'for få besvarelser',
    })
  })

  it('draws the reference as a rule with its label, and leaves it out when there is none', () => {
    const { spec, altText } = schoolsChart(input)
    expect(dataRows(spec)).toContainEqual({
      label: 'Kommunen',
      value: 0.22,
      text: 'Kommunen: 22\u00a0%',
    })
    expect(altText).toContain('Kommunen: 22\u00a0%.')
    const without = schoolsChart({ ...input, reference: null })
    expect(dataRows(without.spec).some((r) => r.label === 'Kommunen')).toBe(false)
    expect(JSON.stringify(without.spec)).not.toContain(REFERENCE_COLOUR)
  })

  it('names each school with its figure and n in the alt text', () => {
    const { title, altText } = schoolsChart(input)
    expect(title).toBe('Mobning pr. skole')
    expect(altText).toContain('Bakkeskolen: 26\u00a0% (n = 48). Vestskolen: for få besvarelser.')
  })

  it('uses the palette and switches language', () => {
    expect(JSON.stringify(schoolsChart(input).spec)).toContain(FIGURE_COLOUR)
    const en = schoolsChart({ ...input, locale: 'en' })
    expect(en.title).toBe('Mobning by school')
    expect(en.altText).toContain('Vestskolen: too few answers.')
    // English order: Å and Æ sort with A.
    expect(JSON.stringify(en.spec)).toContain(
      '"sort":["Åbyskolen","Ærøskolen","Bakkeskolen","Vestskolen"]',
    )
  })

  it('renders to an SVG with the title, the suppressed text and no mark for the suppressed school', async () => {
    const { spec, title } = schoolsChart(input)
    const svg = await renderSvg(spec)
    expect(svg.startsWith('<svg')).toBe(true)
    const texts = svgTexts(svg)
    expect(texts).toContain(title)
    expect(texts).toContain('for få besvarelser')
    expect(texts).toContain('Kommunen: 22\u00a0%')
    expect(svg.match(/aria-roledescription="point"/g)).toHaveLength(3)
  })
})
