import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Model } from 'survey-core'
import { compileGenerator, generateResponse } from '../server/demo/response-generator.ts'
import { SeededRandom } from '../server/demo/seeded-random.ts'
import { compileAnswerValidator } from '../server/responses/answer-validator.ts'
import type { ScoringSpec } from '../survey-definitions/scoring-spec.ts'
import { opsPerSecond, type Figure } from './measure.ts'

const definitionsRoot = fileURLToPath(new URL('../survey-definitions/', import.meta.url))

/**
 * What checking one pupil's complete response to our questionnaire costs: the compiled validator
 * against survey-core validating the same responses as a server would without it (a Model per
 * request, the answers set as its data, every visible page validated), and against a Model kept
 * and reused, which is cheaper but not safe to share between requests.
 */
export async function answerValidatorBench(): Promise<Figure[]> {
  const read = (file: string) => JSON.parse(readFileSync(join(definitionsRoot, file), 'utf8'))
  const survey = read('ssp-7-9/questionnaire.json')
  const generator = compileGenerator(survey, read('ssp-7-9/scoring.json') as ScoringSpec)
  const rng = new SeededRandom(7)
  const responses = Array.from(
    { length: 100 },
    () =>
      generateResponse(
        generator,
        { grade: 8, risk: rng.normal(), support: 0, belonging: 0, wellbeing: 0 },
        rng,
      ).answers,
  )
  const validator = compileAnswerValidator(survey)
  const invalid = responses.filter((answers) => validator.validate(answers, 'complete').length > 0)
  if (invalid.length > 0) throw new Error(`${invalid.length} generated responses do not validate`)

  const surveyCoreErrors = (model: Model, answers: Record<string, number>): boolean => {
    model.data = answers
    return model.visiblePages.some((page) => page.hasErrors(false, false))
  }
  let next = 0
  const response = () => responses[next++ % responses.length] as Record<string, number>
  const compiled = await opsPerSecond(() => validator.validate(response(), 'complete'))
  const fresh = await opsPerSecond(() => surveyCoreErrors(new Model(survey), response()))
  const kept = new Model(survey)
  const reused = await opsPerSecond(() => surveyCoreErrors(kept, response()))

  return [
    {
      name: 'survey-core: new Model, set data, validate pages',
      opsPerSecond: fresh,
      baseline: 'itself',
      costRatio: 1,
    },
    {
      name: 'survey-core: reused Model, set data, validate pages',
      opsPerSecond: reused,
      baseline: 'survey-core with a new Model',
      costRatio: fresh / reused,
    },
    {
      name: 'compiled validator, complete response',
      opsPerSecond: compiled,
      baseline: 'survey-core with a new Model',
      costRatio: fresh / compiled,
    },
  ]
}
