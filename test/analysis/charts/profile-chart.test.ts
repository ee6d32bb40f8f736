import { describe, expect, it } from 'vitest'
import {
  PROTECTIVE_COLOUR,
  REFERENCE_COLOUR,
  RISK_COLOUR,
} from '../../../analysis/charts/palette.ts'
import { profileChart, type ProfileChartInput } from '../../../analysis/charts/profile-chart.ts'
import { renderSvg } from '../../../analysis/charts/render-svg.ts'
import { dataRows, shown, suppressed, svgTexts } from './spec-data.ts'

const input: ProfileChartInput = {
  groupLabel: 'Nordskolen',
  comparisonLabel: 'Kommunen',
  locale: 'da',
  factors: [
    {
      label: 'Organiseret fritid',
      domain: 'leisure-community',
      kind: 'protective',
      figure: shown(0.62, 48),
      comparison: shown(0.58, 900),
    },
    {
      label: 'Konflikter i familien',
      domain: 'family',
      kind: 'risk',
      figure: shown(0.21, 48),
      comparison: shown(0.18, 900),
    },
    {
      label: 'Lav tilknytning til skolen',
      domain: 'school',
      kind: 'risk',
      figure: suppressed,
      comparison: shown(0.12, 900),
    },
    {
      label: 'Anerkendelse i skolen',
      domain: 'school',
      kind: 'protective',
      figure: shown(0.55, 48),
      comparison: suppressed,
    },
  ],
}

describe('profileChart', () => {
  it('has one row per factor, domains in the fixed order, factors in input order within one', () => {
    const rows = dataRows(profileChart(input).spec)
    expect(rows.map((r) => [r.domain, r.factor])).toEqual([
      ['Familie', 'Konflikter i familien'],
      ['Skole', 'Lav tilknytning til skolen'],
      ['Skole', 'Anerkendelse i skolen'],
      ['Fritid og lokalsamfund', 'Organiseret fritid'],
    ])
    expect(rows[0]).toMatchObject({ kind: 'Risikofaktor', value: 0.21, n: 48, comparison: 0.18 })
  })

  it('gives a suppressed factor or comparison no number, never a zero', () => {
    const rows = dataRows(profileChart(input).spec)
    expect(rows[1]).toMatchObject({
      value: null,
      n: null,
      suppressed: true,
      summaryText: 'for få besvarelser',
      comparison: 0.12,
    })
    expect(rows[2]).toMatchObject({
      value: 0.55,
      comparison: null,
      comparisonText: 'for få besvarelser',
    })
  })

  it('colours risk and protective apart and marks the comparison', () => {
    const json = JSON.stringify(profileChart(input).spec)
    expect(json).toContain(`"range":["${RISK_COLOUR}","${PROTECTIVE_COLOUR}"]`)
    expect(json).toContain(REFERENCE_COLOUR)
    expect(json).toContain('"diamond"')
    expect(JSON.stringify(profileChart({ ...input, comparisonLabel: null }).spec)).not.toContain(
      '"diamond"',
    )
  })

  it('names the domains, factors, figures and comparisons in the alt text, in either language', () => {
    const da = profileChart(input)
    expect(da.title).toBe('Risiko- og beskyttende faktorer: Nordskolen')
    expect(da.altText).toContain(
      'Familie: Konflikter i familien (risikofaktor) 21\u00a0% (n = 48), Kommunen 18\u00a0%.',
    )
    expect(da.altText).toContain('Lav tilknytning til skolen (risikofaktor) for få besvarelser')
    const en = profileChart({ ...input, locale: 'en', comparisonLabel: 'Municipality' })
    expect(en.title).toBe('Risk and protective factors: Nordskolen')
    expect(en.altText).toContain(
      'Leisure and community: Organiseret fritid (protective factor) 62%',
    )
    expect(dataRows(en.spec).map((r) => r.domain)).toContain('Family')
  })

  it('renders to an SVG with the title and the domain names', async () => {
    const { spec, title } = profileChart(input)
    const texts = svgTexts(await renderSvg(spec))
    expect(texts).toContain(title)
    expect(texts).toEqual(expect.arrayContaining(['Familie', 'Skole', 'Fritid og lokalsamfund']))
    expect(texts).toContain('for få besvarelser')
  })
})
