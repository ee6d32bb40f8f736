import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { measureKind } from '../../../analysis/aggregation/group-summary.ts'
import { measureCatalogue } from '../../../analysis/measures/measure-catalogue.ts'
import { measureValues, type ResponseScores } from '../../../analysis/scoring/score-response.ts'
import type { ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'

const spec = JSON.parse(
  readFileSync(
    new URL('../../../survey-definitions/ssp-7-9/scoring.json', import.meta.url),
    'utf8',
  ),
) as ScoringSpec

describe('the measure catalogue', () => {
  const catalogue = measureCatalogue(spec)

  it('lists each measure once, with the kind the aggregation uses', () => {
    const ids = catalogue.map((m) => m.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const m of catalogue) expect(m.kind).toBe(measureKind(m.id))
  })

  it('names exactly the measures scoring stores (background measures aside)', () => {
    const scores: ResponseScores = {
      background: { gender: 1, grade: 9 },
      factors: Object.fromEntries(spec.factors.map((f) => [f.id, { score: 2, present: true }])),
      indicators: Object.fromEntries(spec.indicators.map((i) => [i.id, true])),
      who5: { raw: 15, index: 60, reducedWellbeing: false, likelyDepression: false },
      riskFactorsPresent: 1,
      protectiveFactorsPresent: 2,
      protectiveShare: 0.5,
      concernLevel: 2,
    } as unknown as ResponseScores
    const stored = measureValues(scores)
      .map((v) => v.measure)
      .filter((m) => !m.startsWith('background.'))
    expect(catalogue.map((m) => m.id).sort()).toEqual(stored.sort())
  })

  it('says the cut-point and the denominator in plain words, in Danish and English', () => {
    const drunk = catalogue.find((m) => m.id === 'indicator.drunk-30d')!
    expect(drunk.definition.da).toMatch(/Nævneren er de elever, der fik spørgsmålet/)
    expect(drunk.definition.en).toMatch(/denominator is the pupils who were shown/)
    const factor = catalogue.find((m) => m.group === 'factor' && m.factor?.kind === 'risk')!
    expect(factor.definition.da).toMatch(/i risiko ved et gennemsnit på (mindst|højst) \d/)
    expect(factor.polarity).toBe('higher-is-worse')
  })
})
