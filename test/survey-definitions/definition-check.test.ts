import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Model } from 'survey-core'
import { describe, expect, it } from 'vitest'
import {
  canonicalJson,
  contentHash,
  readDefinitionFolder,
  readDefinitionSources,
} from '../../server/definitions/definition-files.ts'
import {
  checkQuestionnaire,
  checkScoringSpec,
  DefinitionError,
  listQuestions,
} from '../../survey-definitions/definition-check.ts'
import { DEFINITIONS_ROOT } from '../support/databases.ts'

const folder = join(DEFINITIONS_ROOT, 'ssp-7-9')
const shippedSurvey = (): Record<string, any> =>
  JSON.parse(readFileSync(join(folder, 'questionnaire.json'), 'utf8'))
const shippedSpec = (): Record<string, any> =>
  JSON.parse(readFileSync(join(folder, 'scoring.json'), 'utf8'))

/** Writes a definition folder with the given JSON (or raw text) to a temporary directory. */
function writeFolder(survey: unknown, spec: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'definition-'))
  mkdirSync(join(dir, 'broken'))
  writeFileSync(
    join(dir, 'broken', 'questionnaire.json'),
    typeof survey === 'string' ? survey : JSON.stringify(survey),
  )
  writeFileSync(
    join(dir, 'broken', 'scoring.json'),
    typeof spec === 'string' ? spec : JSON.stringify(spec),
  )
  return join(dir, 'broken')
}

function problemsOf(survey: unknown, spec: unknown): string[] {
  try {
    readDefinitionFolder(writeFolder(survey, spec), 'broken')
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems
    throw error
  }
  return []
}

describe('the shipped SSP questionnaire', () => {
  it('loads in survey-core without JSON errors', () => {
    const model = new Model(shippedSurvey())
    expect(model.jsonErrors ?? []).toEqual([])
    expect(model.getAllQuestions().length).toBeGreaterThan(80)
  })

  it('has unique, stable snake_case names and numeric answer values', () => {
    const questions = listQuestions(shippedSurvey())
    const names = questions.map((q) => q.name)
    expect(new Set(names).size).toBe(names.length)
    for (const question of questions) {
      expect(question.name).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/)
      expect(question.values.length, question.name).toBeGreaterThan(0)
      for (const value of question.values) expect(Number.isInteger(value), question.name).toBe(true)
    }
  })

  it('covers every theme of the domain, in Danish, English, Arabic and Ukrainian', () => {
    const survey = shippedSurvey()
    const pages = survey.pages.map((p: { name: string }) => p.name)
    for (const theme of [
      'background',
      'school',
      'loneliness',
      'family',
      'leisure',
      'absence',
      'alcohol',
      'tobacco',
      'drugs',
      'crime',
      'victim',
      'bullying',
      'digital',
      'sleep_screen',
      'who5',
      'adults',
      'future',
      'honesty',
    ]) {
      expect(pages).toContain(`page_${theme}`)
    }
    const texts: unknown[] = []
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect)
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>
        if ('default' in record && typeof record.default === 'string') texts.push(record)
        else Object.values(record).forEach(collect)
      }
    }
    collect(survey)
    expect(texts.length).toBeGreaterThan(300)
    for (const text of texts)
      expect(text).toEqual({
        default: expect.any(String),
        en: expect.any(String),
        ar: expect.any(String),
        uk: expect.any(String),
      })
  })

  it('passes its scoring-spec check and loads from the folder', () => {
    expect(checkQuestionnaire(shippedSurvey())).toEqual([])
    expect(checkScoringSpec(shippedSurvey(), shippedSpec()).problems).toEqual([])
    const sources = readDefinitionSources(DEFINITIONS_ROOT)
    expect(sources.map((s) => s.questionnaireId)).toContain('ssp-7-9')
    expect(sources[0]?.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('hashes content, not formatting or key order', () => {
    const survey = shippedSurvey()
    const reordered = Object.fromEntries(Object.entries(survey).reverse())
    expect(contentHash(reordered, shippedSpec())).toBe(contentHash(survey, shippedSpec()))
    expect(contentHash({ ...survey, title: 'x' }, shippedSpec())).not.toBe(
      contentHash(survey, shippedSpec()),
    )
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}')
  })
})

describe('a broken definition is refused with a message naming the item and the rule', () => {
  it('a factor naming a missing item', () => {
    const spec = shippedSpec()
    spec.factors[0].items[0].item = 'fam_no_such_item'
    expect(problemsOf(shippedSurvey(), spec)).toContain(
      `factor "${spec.factors[0].id}": item "fam_no_such_item" does not exist in the questionnaire`,
    )
  })

  it('a factor whose scale does not match its items', () => {
    const spec = shippedSpec()
    spec.factors[0].scale.max = 9
    expect(problemsOf(shippedSurvey(), spec).join('\n')).toMatch(
      new RegExp(
        `factor "${spec.factors[0].id}": item "\\w+" has values \\d–\\d, but the factor's scale is \\d–9`,
      ),
    )
  })

  it('an indicator counting a value the item does not have', () => {
    const spec = shippedSpec()
    const indicator = spec.indicators[0]
    indicator.countedValues = [...indicator.countedValues, 99]
    expect(problemsOf(shippedSurvey(), spec).join('\n')).toMatch(
      new RegExp(`indicator "${indicator.id}": item "${indicator.item}" has no answer value 99`),
    )
  })

  it('WHO-5 items not scored 0–5, and a validity rule on a missing page', () => {
    const survey = shippedSurvey()
    const spec = shippedSpec()
    spec.validity.straightLining.pages.push('page_nowhere')
    const who5Item = spec.who5.items[0]
    for (const page of survey.pages) {
      for (const element of page.elements) {
        if (element.name === who5Item)
          element.choices = element.choices.map((c: { value: number }) => ({
            ...c,
            value: c.value + 1,
          }))
      }
    }
    const problems = problemsOf(survey, spec)
    expect(problems.join('\n')).toMatch(new RegExp(`WHO-5: item "${who5Item}" must be scored 0–5`))
    expect(problems).toContain(
      'validity rule "straight-lining": page "page_nowhere" does not exist',
    )
  })

  it('impossible combinations over items with different answer values', () => {
    const spec = shippedSpec()
    spec.validity.impossibleCombinations[0].atMost = spec.who5.items[0]
    expect(problemsOf(shippedSurvey(), spec).join('\n')).toMatch(
      /impossible combination ".+": items ".+" and ".+" must use the same answer values/,
    )
  })

  it('unknown or missing fields in the spec', () => {
    const spec = shippedSpec()
    spec.factors[0].cutpoint = 3
    delete spec.who5
    const problems = problemsOf(shippedSurvey(), spec)
    expect(problems.join('\n')).toMatch(/scoring spec factors\.0: Unrecognized key: "cutpoint"/)
    expect(problems.join('\n')).toMatch(/scoring spec who5: /)
  })

  it('a duplicate question name and a question survey-core does not know', () => {
    const survey = shippedSurvey()
    const [first] = survey.pages[1].elements
    survey.pages[2].elements.push({ ...first })
    survey.pages[2].elements.push({ type: 'no-such-type', name: 'zz_unknown' })
    const problems = problemsOf(survey, shippedSpec())
    expect(problems).toContain(`question name "${first.name}" is used twice`)
    expect(problems.join('\n')).toMatch(/survey-core: .* \(in no-such-type "zz_unknown"\)/)
  })

  it('a file that is not JSON', () => {
    expect(problemsOf('{ "title": ', shippedSpec())[0]).toMatch(
      /questionnaire\.json is not valid JSON/,
    )
  })
})
