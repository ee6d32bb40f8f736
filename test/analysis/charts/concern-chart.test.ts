import { describe, expect, it } from 'vitest'
import { concernChart, type ConcernChartInput } from '../../../analysis/charts/concern-chart.ts'
import { CONCERN_COLOURS } from '../../../analysis/charts/palette.ts'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import { dataRows, svgTexts } from './spec-data.ts'

const input: ConcernChartInput = {
  locale: 'da',
  groups: [
    { label: '7.A', n: 24, shares: [0.5, 0.25, 0.125, 0.125] },
    { label: '7.B', suppressed: true },
    { label: '8.A', n: 1500, shares: [0.62, 0.2, 0.1, 0.08] },
  ],
}

describe('concernChart', () => {
  it('has four ordered segments per shown group that fill the bar exactly', () => {
    const segments = dataRows(concernChart(input).spec).filter((r) => 'level' in r)
    const sevenA = segments.filter((s) => s.group === '7.A')
    expect(sevenA.map((s) => s.levelLabel)).toEqual([
      'Trives',
      'Begyndende bekymring',
      'Bekymring',
      'Alvorlig bekymring',
    ])
    expect(sevenA.map((s) => [s.start, s.end])).toEqual([
      [0, 0.5],
      [0.5, 0.75],
      [0.75, 0.875],
      [0.875, 1],
    ])
    expect(sevenA[0]).toMatchObject({ n: 24, shareText: '50\u00a0%' })
  })

  it('scales shares that do not quite add up to 1', () => {
    const { spec } = concernChart({
      locale: 'da',
      groups: [{ label: '9.A', n: 30, shares: [0.334, 0.333, 0.333, 0.001] }],
    })
    const last = dataRows(spec).filter((r) => 'level' in r)[3]
    expect(last?.end).toBeCloseTo(1, 12)
  })

  it('keeps a suppressed group as a row with the text and no segments, never a zero', () => {
    const rows = dataRows(concernChart(input).spec).filter((r) => r.group === '7.B')
    expect(rows).toEqual([{ group: '7.B', suppressed: true, n: null, text: 'for få besvarelser' }])
  })

  it('colours the levels with the sequential palette in order', () => {
    const json = JSON.stringify(concernChart(input).spec)
    expect(json).toContain(
      `"domain":["Trives","Begyndende bekymring","Bekymring","Alvorlig bekymring"],"range":${JSON.stringify(CONCERN_COLOURS)}`,
    )
  })

  it('names every group, its n and its shares in the alt text, in either language', () => {
    const da = concernChart(input)
    expect(da.title).toBe('Bekymringsniveau')
    expect(da.altText).toContain(
      '7.A (n = 24): Trives 50\u00a0%, Begyndende bekymring 25\u00a0%, Bekymring 13\u00a0%, Alvorlig bekymring 13\u00a0%.',
    )
    expect(da.altText).toContain('7.B: for få besvarelser.')
    expect(da.altText).toContain('8.A (n = 1.500)')
    const en = concernChart({ ...input, locale: 'en' })
    expect(en.title).toBe('Level of concern')
    expect(en.altText).toContain(
      '7.A (n = 24): Thriving 50%, Beginning concern 25%, Concern 13%, Serious concern 13%.',
    )
  })

  it('refuses shares that are negative or all zero', () => {
    expect(() =>
      concernChart({ locale: 'da', groups: [{ label: 'x', n: 5, shares: [0, 0, 0, 0] }] }),
    ).toThrow(RangeError)
    expect(() =>
      concernChart({ locale: 'da', groups: [{ label: 'x', n: 5, shares: [1.2, -0.2, 0, 0] }] }),
    ).toThrow(RangeError)
  })

  it('renders to an SVG with the title, the level legend and the suppressed text', async () => {
    const { spec, title } = concernChart(input)
    const texts = svgTexts(await renderSvg(spec))
    expect(texts).toContain(title)
    expect(texts).toEqual(
      expect.arrayContaining(['Trives', 'Alvorlig bekymring', 'for få besvarelser']),
    )
  })
})
