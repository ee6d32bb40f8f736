import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  checkQuestionnaire,
  checkScoringSpec,
  DefinitionError,
} from '../../survey-definitions/definition-check.ts'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'

/** A questionnaire and its scoring spec as read from `survey-definitions/<id>/`, checked. */
export interface DefinitionSource {
  questionnaireId: string
  title: string
  survey: Record<string, unknown>
  scoringSpec: ScoringSpec
  contentHash: string
}

/** JSON with object keys sorted, so the hash ignores formatting and key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function contentHash(survey: unknown, scoringSpec: unknown): string {
  return createHash('sha256').update(canonicalJson({ survey, scoringSpec })).digest('hex')
}

function readJson(path: string, questionnaireId: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new DefinitionError(questionnaireId, [
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    ])
  }
}

function titleOf(survey: Record<string, unknown>, fallback: string): string {
  const title = survey.title
  if (typeof title === 'string') return title
  if (title !== null && typeof title === 'object') {
    const localized = title as Record<string, unknown>
    const text = localized.default ?? localized.da
    if (typeof text === 'string') return text
  }
  return fallback
}

/** Reads and checks one definition folder; throws a DefinitionError listing every problem. */
export function readDefinitionFolder(folder: string, questionnaireId: string): DefinitionSource {
  const survey = readJson(join(folder, 'questionnaire.json'), questionnaireId)
  const specJson = readJson(join(folder, 'scoring.json'), questionnaireId)
  const problems = checkQuestionnaire(survey)
  if (problems.length > 0) throw new DefinitionError(questionnaireId, problems)
  const surveyObject = survey as Record<string, unknown>
  const checked = checkScoringSpec(surveyObject, specJson)
  if (checked.spec === undefined) throw new DefinitionError(questionnaireId, checked.problems)
  return {
    questionnaireId,
    title: titleOf(surveyObject, questionnaireId),
    survey: surveyObject,
    scoringSpec: checked.spec,
    contentHash: contentHash(surveyObject, checked.spec),
  }
}

/** Every definition under `root`: one folder per questionnaire with questionnaire.json and scoring.json. */
export function readDefinitionSources(root: string): DefinitionSource[] {
  return readdirSync(root, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'questionnaire.json')),
    )
    .map((entry) => readDefinitionFolder(join(root, entry.name), entry.name))
}
