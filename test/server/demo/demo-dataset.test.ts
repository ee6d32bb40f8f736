import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Model } from 'survey-core'
import { describe, expect, it } from 'vitest'
import {
  DEMO_SCHOOL_NAMES,
  generateDemoDataset,
  IMPROVING_SCHOOL,
  type DemoResponse,
} from '../../../server/demo/demo-dataset.ts'
import type { ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'
import { DEFINITIONS_ROOT } from '../../support/databases.ts'

const survey = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
)
const spec: ScoringSpec = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'scoring.json'), 'utf8'),
)
const years = ['2023/24', '2024/25', '2025/26']
const dataset = generateDemoDataset(survey, spec, { schoolYears: years })
const complete = (year: number): DemoResponse[] =>
  dataset[year]!.responses.filter((r) => r.complete)

const share = (
  responses: DemoResponse[],
  test: (r: DemoResponse) => boolean | undefined,
): number => {
  const known = responses.filter((r) => test(r) !== undefined)
  return known.filter((r) => test(r)).length / known.length
}

describe('the demo data generator', () => {
  it('is deterministic for its fixed seed', () => {
    const again = generateDemoDataset(survey, spec, { schoolYears: years })
    expect(again[2]!.responses.slice(0, 50)).toEqual(dataset[2]!.responses.slice(0, 50))
    expect(
      generateDemoDataset(survey, spec, { schoolYears: years, seed: 7 })[0]!.responses[0],
    ).not.toEqual(dataset[0]!.responses[0])
  })

  it('makes a municipality of about 1,500 pupils a year in grades 7–9', () => {
    for (const year of dataset) {
      const expected = year.classes.reduce((sum, c) => sum + c.expectedPupils, 0)
      expect(expected).toBeGreaterThan(1300)
      expect(expected).toBeLessThan(2000)
      expect(year.responses.length / expected).toBeGreaterThan(0.75)
      expect(new Set(year.classes.map((c) => c.grade))).toEqual(new Set([7, 8, 9]))
      expect(new Set(year.classes.map((c) => c.schoolIndex)).size).toBe(DEMO_SCHOOL_NAMES.length)
    }
  })

  it('writes answers survey-core accepts: visible required items answered, hidden items absent', () => {
    const model = new Model(survey)
    for (const response of complete(2).slice(0, 120)) {
      model.data = response.answers
      for (const question of model.getAllQuestions()) {
        const value = response.answers[question.name]
        if (!question.isVisible) expect(value, `${question.name} is hidden`).toBeUndefined()
        else if (question.isRequired) expect(value, `${question.name} is required`).toBeDefined()
        if (value !== undefined) {
          const allowed = question.visibleChoices?.map((c: { value: unknown }) => c.value)
          if (allowed) expect(allowed, question.name).toContain(value)
        }
      }
      expect(model.hasErrors(false, false), JSON.stringify(response.answers)).toBe(false)
      expect(response.answers[spec.background.gradeItem]).toBe(response.grade)
    }
  })

  it('correlates answers as the domain expects: low parental monitoring goes with more drinking', () => {
    const monitoring = spec.factors.find((f) => f.id === 'parental-monitoring')!
    const drunk = spec.indicators.find((i) => i.id === 'alcohol-ever')!
    const responses = complete(2)
    const score = (r: DemoResponse) => {
      const values = monitoring.items
        .map((i) => r.answers[i.item])
        .filter((v): v is number => v !== undefined)
      return values.reduce((a, b) => a + b, 0) / values.length
    }
    const drank = (r: DemoResponse) =>
      r.answers[drunk.item] === undefined
        ? undefined
        : drunk.countedValues.includes(r.answers[drunk.item]!)
    const low = responses.filter((r) => score(r) < monitoring.cutPoint)
    const high = responses.filter((r) => score(r) >= monitoring.cutPoint)
    expect(low.length).toBeGreaterThan(100)
    expect(share(low, drank)).toBeGreaterThan(share(high, drank) * 1.3)
    // Older pupils drink more.
    expect(
      share(
        responses.filter((r) => r.grade === 9),
        drank,
      ),
    ).toBeGreaterThan(
      share(
        responses.filter((r) => r.grade === 7),
        drank,
      ) * 1.5,
    )
  })

  it('plants an improvement in one school between the first and the last year', () => {
    const school = DEMO_SCHOOL_NAMES.indexOf(IMPROVING_SCHOOL)
    const drunk30 = spec.indicators.find((i) => i.id === 'alcohol-ever')!
    const drank = (r: DemoResponse) =>
      r.answers[drunk30.item] === undefined
        ? undefined
        : drunk30.countedValues.includes(r.answers[drunk30.item]!)
    const first = share(
      complete(0).filter((r) => r.schoolIndex === school),
      drank,
    )
    const last = share(
      complete(2).filter((r) => r.schoolIndex === school),
      drank,
    )
    expect(first - last).toBeGreaterThan(0.1)
  })

  it('plants a few invalid responses for the validity rules, and most are valid', () => {
    const all = dataset.flatMap((y) => y.responses)
    const planted = all.filter((r) => r.plantedProblems.length > 0)
    expect(planted.length / all.length).toBeGreaterThan(0.01)
    expect(planted.length / all.length).toBeLessThan(0.08)
    const dishonest = all.filter((r) => r.plantedProblems.includes('honesty'))
    for (const r of dishonest)
      expect(spec.validity.honesty.flaggedValues).toContain(r.answers[spec.validity.honesty.item])
    const honest = all.filter((r) => r.plantedProblems.length === 0)
    for (const r of honest.slice(0, 500)) {
      expect(spec.validity.fictitiousDrug.flaggedValues).not.toContain(
        r.answers[spec.validity.fictitiousDrug.item],
      )
      for (const c of spec.validity.impossibleCombinations) {
        const [a, b] = [r.answers[c.item], r.answers[c.atMost]]
        if (a !== undefined && b !== undefined) expect(a).toBeLessThanOrEqual(b)
      }
      expect(r.completionSeconds).toBeGreaterThanOrEqual(spec.validity.minCompletionSeconds)
    }
  })
})
