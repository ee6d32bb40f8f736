import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { concernLevel } from '../../../analysis/scoring/concern-level.ts'
import { indicatorValue } from '../../../analysis/scoring/indicator-value.ts'
import { scoreScale } from '../../../analysis/scoring/scale-score.ts'
import { measureValues, scoreResponse } from '../../../analysis/scoring/score-response.ts'
import { who5Index } from '../../../analysis/scoring/who5-index.ts'
import type { FactorSpec, ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'
import { listQuestions } from '../../../survey-definitions/definition-check.ts'
import { DEFINITIONS_ROOT } from '../../support/databases.ts'

const factor = (over: Partial<FactorSpec> = {}): FactorSpec => ({
  id: 'f',
  kind: 'protective',
  domain: 'family',
  label: { da: 'f', en: 'f' },
  description: { da: 'f', en: 'f' },
  items: [{ item: 'a' }, { item: 'b' }, { item: 'c', reverse: true }, { item: 'd' }],
  scale: { min: 1, max: 4 },
  cutPoint: 3,
  direction: '>=',
  ...over,
})

describe('scale scores', () => {
  it('mirrors reverse-keyed items and takes the mean of the answered items', () => {
    // a=4, b=3, c=2 → mirrored 4+1−2 = 3, d=2: mean (4+3+3+2)/4 = 3 → exactly at the cut-point counts
    expect(scoreScale(factor(), { a: 4, b: 3, c: 2, d: 2 })).toEqual({
      score: 3,
      present: true,
      answeredItems: 4,
    })
    // d skipped: mean (4+3+3)/3 = 3.333…
    expect(scoreScale(factor(), { a: 4, b: 3, c: 2 }).score).toBeCloseTo(10 / 3, 12)
  })

  it('is missing when fewer than half the items (rounded up) are answered', () => {
    expect(scoreScale(factor(), { a: 4 })).toEqual({ score: null, present: null, answeredItems: 1 })
    expect(scoreScale(factor(), { a: 4, b: 1 }).present).toBe(false) // 2 of 4 is enough: mean 2.5 < 3
    const three = factor({ items: [{ item: 'a' }, { item: 'b' }, { item: 'c' }] })
    expect(scoreScale(three, { a: 4 }).score).toBeNull() // ceil(1.5) = 2 needed
    expect(scoreScale(factor({ minAnsweredShare: 1 }), { a: 4, b: 4, c: 1 }).score).toBeNull()
  })

  it('reads the direction: at risk at or below a cut-point', () => {
    const low = factor({ kind: 'risk', direction: '<=', cutPoint: 2 })
    expect(scoreScale(low, { a: 2, b: 2, c: 3, d: 2 })).toMatchObject({ score: 2, present: true })
    expect(scoreScale(low, { a: 3, b: 2, c: 3, d: 2 }).present).toBe(false)
    // Answers that are not numbers do not count as answered.
    expect(scoreScale(low, { a: '2', b: null, c: 3 }).score).toBeNull()
  })
})

describe('WHO-5, indicators and the concern level', () => {
  const who5 = {
    items: ['w1', 'w2', 'w3', 'w4', 'w5'] as [string, string, string, string, string],
    reducedWellbeingAtOrBelow: 50,
    likelyDepressionAtOrBelow: 28,
  }

  it('scores WHO-5 as raw × 4 with its cut-offs, missing if any item is missing', () => {
    expect(who5Index(who5, { w1: 3, w2: 3, w3: 2, w4: 2, w5: 2 })).toEqual({
      raw: 12,
      index: 48,
      reducedWellbeing: true,
      likelyDepression: false,
    })
    expect(who5Index(who5, { w1: 1, w2: 2, w3: 1, w4: 2, w5: 1 })).toEqual({
      raw: 7,
      index: 28,
      reducedWellbeing: true,
      likelyDepression: true,
    })
    expect(who5Index(who5, { w1: 5, w2: 5, w3: 5, w4: 5, w5: 5 })).toEqual({
      raw: 25,
      index: 100,
      reducedWellbeing: false,
      likelyDepression: false,
    })
    expect(who5Index(who5, { w1: 5, w2: 5, w3: 5, w4: 5 })).toBeNull()
  })

  it('counts an indicator only for pupils who answered the item', () => {
    const drunk = {
      id: 'd',
      label: { da: '', en: '' },
      description: { da: '', en: '' },
      item: 'x',
      countedValues: [1, 2, 3],
      polarity: 'higher-is-worse' as const,
    }
    expect(indicatorValue(drunk, { x: 0 })).toBe(false)
    expect(indicatorValue(drunk, { x: 2 })).toBe(true)
    expect(indicatorValue(drunk, {})).toBeNull()
  })

  it('grades concern from the most serious step down, as DOMAIN.md ships it', () => {
    const shipped = {
      serious: { who5AtOrBelow: 28, riskFactorsAtLeast: 5 },
      concern: { who5AtOrBelow: 50, riskFactorsAtLeast: 3 },
      beginning: { riskFactorsAtLeast: 1, protectiveFactorsAtMost: 2 },
    }
    expect(concernLevel(shipped, { riskFactors: 0, protectiveFactors: 5, who5: 28 })).toBe(4)
    expect(concernLevel(shipped, { riskFactors: 5, protectiveFactors: 5, who5: 90 })).toBe(4)
    expect(concernLevel(shipped, { riskFactors: 3, protectiveFactors: 5, who5: null })).toBe(3)
    expect(concernLevel(shipped, { riskFactors: 0, protectiveFactors: 5, who5: 50 })).toBe(3)
    expect(concernLevel(shipped, { riskFactors: 1, protectiveFactors: 2, who5: 64 })).toBe(2)
    expect(concernLevel(shipped, { riskFactors: 1, protectiveFactors: 3, who5: 64 })).toBe(1)
    expect(concernLevel(shipped, { riskFactors: 0, protectiveFactors: 0, who5: 100 })).toBe(1)
  })
})

describe('a whole response scored by the shipped spec', () => {
  const survey = JSON.parse(
    readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
  )
  const spec: ScoringSpec = JSON.parse(
    readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'scoring.json'), 'utf8'),
  )
  const questions = listQuestions(survey)
  const pageItems = new Map<string, string[]>()
  for (const q of questions) pageItems.set(q.page, [...(pageItems.get(q.page) ?? []), q.name])
  const lowest = Object.fromEntries(questions.map((q) => [q.name, Math.min(...q.values)]))
  const context = { pageItems, completionSeconds: 900 }

  it('flags a response that answers the lowest value everywhere, for every reason that applies', () => {
    const scores = scoreResponse(spec, lowest, context)
    expect(scores.flags).toEqual(expect.arrayContaining(['honesty', 'straight-lining']))
    expect(scores.flags).not.toContain('too-fast')
    expect(scoreResponse(spec, lowest, { pageItems, completionSeconds: 60 }).flags).toContain(
      'too-fast',
    )
    expect(scores.specVersion).toBe(spec.version)
  })

  it('flags the fictitious drug and impossible combinations', () => {
    const rule = spec.validity.impossibleCombinations[0]!
    const answers = {
      ...lowest,
      [spec.validity.honesty.item]: 4,
      [rule.item]: 2,
      [rule.atMost]: 1,
      [spec.validity.fictitiousDrug.item]: spec.validity.fictitiousDrug.flaggedValues[0],
    }
    const flags = scoreResponse(spec, answers, context).flags
    expect(flags).toContain('fictitious-drug')
    expect(flags).toContain('impossible-combination')
  })

  it('writes long-form rows for every measure with a value, booleans as 0/1', () => {
    const scores = scoreResponse(spec, lowest, context)
    const rows = measureValues(scores)
    const byMeasure = new Map(rows.map((r) => [r.measure, r.value]))
    expect(byMeasure.get('who5.index')).toBe(0)
    expect(byMeasure.get('who5.likely-depression')).toBe(1)
    expect(byMeasure.get('concern-level')).toBe(4)
    expect(byMeasure.get('background.gender')).toBe(lowest[spec.background.genderItem])
    expect(byMeasure.get('background.grade')).toBe(7)
    for (const f of spec.factors) expect(byMeasure.has(`factor.${f.id}.present`)).toBe(true)
    expect(rows.every((r) => Number.isFinite(r.value))).toBe(true)
    expect(scores.riskFactorsPresent + scores.protectiveFactorsPresent).toBeLessThanOrEqual(
      spec.factors.length,
    )
  })
})
