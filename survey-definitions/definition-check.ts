import { Model } from 'survey-core'
import type { ScoringSpec } from './scoring-spec.ts'
import { scoringSpecSchema } from './scoring-spec.schema.ts'

/** A question as the checks see it: its page, type and the numeric values it can take. */
export interface QuestionInfo {
  name: string
  page: string
  type: string
  /** Numeric choice values (radiogroup, dropdown, rating); empty when the question has none. */
  values: number[]
  required: boolean
  /** The question's own `visibleIf`, and those of the panels and page around it. */
  visibleIf: string[]
}

/** A problem with a definition, naming the item and the rule so an author can fix it. */
export class DefinitionError extends Error {
  constructor(
    readonly questionnaireId: string,
    readonly problems: string[],
  ) {
    super(`questionnaire "${questionnaireId}" is refused:\n  ${problems.join('\n  ')}`)
    this.name = 'DefinitionError'
  }
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function choiceValue(choice: unknown): unknown {
  return isObject(choice) ? choice.value : choice
}

function ratingValues(element: Json): number[] {
  if (Array.isArray(element.rateValues) && element.rateValues.length > 0) {
    return element.rateValues.map(choiceValue).filter((v): v is number => typeof v === 'number')
  }
  const min = typeof element.rateMin === 'number' ? element.rateMin : 1
  const max = typeof element.rateMax === 'number' ? element.rateMax : 5
  const step = typeof element.rateStep === 'number' && element.rateStep > 0 ? element.rateStep : 1
  const values: number[] = []
  for (let v = min; v <= max + 1e-9; v += step) values.push(v)
  return values
}

/** Every question of a SurveyJS JSON in page order, descending into panels. */
export function listQuestions(survey: Json): QuestionInfo[] {
  const questions: QuestionInfo[] = []
  const conditionOf = (element: Json): string[] =>
    typeof element.visibleIf === 'string' && element.visibleIf.trim() !== ''
      ? [element.visibleIf]
      : []
  const visit = (elements: unknown, page: string, outer: string[]): void => {
    if (!Array.isArray(elements)) return
    for (const element of elements) {
      if (!isObject(element)) continue
      const type = String(element.type ?? '')
      if (type === 'panel' || type === 'paneldynamic') {
        visit(element.elements ?? element.templateElements, page, [
          ...outer,
          ...conditionOf(element),
        ])
        continue
      }
      if (type === 'html' || type === 'image') continue
      const values =
        type === 'rating'
          ? ratingValues(element)
          : Array.isArray(element.choices)
            ? element.choices.map(choiceValue).filter((v): v is number => typeof v === 'number')
            : []
      questions.push({
        name: String(element.name ?? ''),
        page,
        type,
        values,
        required: element.isRequired === true,
        visibleIf: [...outer, ...conditionOf(element)],
      })
    }
  }
  const pages = Array.isArray(survey.pages)
    ? survey.pages
    : [{ name: '', elements: survey.elements }]
  for (const page of pages) {
    if (isObject(page)) visit(page.elements, String(page.name ?? ''), conditionOf(page))
  }
  return questions
}

/** Checks the SurveyJS JSON itself: survey-core accepts it and every question has a unique name. */
export function checkQuestionnaire(survey: unknown): string[] {
  if (!isObject(survey)) return ['the questionnaire must be a JSON object']
  const problems: string[] = []
  const model = new Model(survey)
  for (const error of model.jsonErrors ?? []) {
    const at = (error as { jsonObj?: unknown }).jsonObj
    const where = isObject(at)
      ? ` (in ${String(at.type ?? 'element')} "${String(at.name ?? '')}")`
      : ''
    problems.push(`survey-core: ${error.message}${where}`)
  }
  const seen = new Set<string>()
  for (const question of listQuestions(survey)) {
    if (question.name === '') problems.push(`a question on page "${question.page}" has no name`)
    else if (seen.has(question.name))
      problems.push(`question name "${question.name}" is used twice`)
    seen.add(question.name)
  }
  const pageNames = new Set<string>()
  for (const page of Array.isArray(survey.pages) ? survey.pages : []) {
    const name = isObject(page) ? String(page.name ?? '') : ''
    if (pageNames.has(name)) problems.push(`page name "${name}" is used twice`)
    pageNames.add(name)
  }
  return problems
}

/**
 * Checks a scoring spec against its questionnaire: its shape, and that every item a rule names
 * exists and has the values the rule uses. Returns the parsed spec or the problems found.
 */
export function checkScoringSpec(
  survey: Json,
  specJson: unknown,
): { spec: ScoringSpec; problems: [] } | { spec?: undefined; problems: string[] } {
  const parsed = scoringSpecSchema.safeParse(specJson)
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) => `scoring spec ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      ),
    }
  }
  const spec = parsed.data
  const questions = new Map(listQuestions(survey).map((q) => [q.name, q]))
  const problems: string[] = []

  const requireItem = (rule: string, item: string): QuestionInfo | undefined => {
    const question = questions.get(item)
    if (question === undefined)
      problems.push(`${rule}: item "${item}" does not exist in the questionnaire`)
    else if (question.values.length === 0) {
      problems.push(`${rule}: item "${item}" has no numeric answer values`)
      return undefined
    }
    return question
  }
  const requireValues = (rule: string, question: QuestionInfo, values: number[]): void => {
    const missing = values.filter((v) => !question.values.includes(v))
    if (missing.length > 0) {
      problems.push(
        `${rule}: item "${question.name}" has no answer value ${missing.join(', ')} (it has ${question.values.join(', ')})`,
      )
    }
  }
  const unique = (kind: string, ids: string[]): void => {
    const seen = new Set<string>()
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${kind} id "${id}" is used twice`)
      seen.add(id)
    }
  }

  unique(
    'factor',
    spec.factors.map((f) => f.id),
  )
  unique(
    'indicator',
    spec.indicators.map((i) => i.id),
  )
  unique(
    'impossible combination',
    spec.validity.impossibleCombinations.map((c) => c.id),
  )

  const grade = requireItem('background "grade"', spec.background.gradeItem)
  if (grade) requireValues('background "grade"', grade, [7, 8, 9])
  requireItem('background "gender"', spec.background.genderItem)

  for (const factor of spec.factors) {
    const rule = `factor "${factor.id}"`
    if (factor.scale.min >= factor.scale.max) problems.push(`${rule}: scale min must be below max`)
    if (factor.cutPoint < factor.scale.min || factor.cutPoint > factor.scale.max) {
      problems.push(
        `${rule}: cut-point ${factor.cutPoint} lies outside the scale ${factor.scale.min}–${factor.scale.max}`,
      )
    }
    const itemNames = factor.items.map((i) => i.item)
    if (new Set(itemNames).size !== itemNames.length)
      problems.push(`${rule}: an item is listed twice`)
    for (const { item } of factor.items) {
      const question = requireItem(rule, item)
      if (question === undefined) continue
      const min = Math.min(...question.values)
      const max = Math.max(...question.values)
      if (min !== factor.scale.min || max !== factor.scale.max) {
        problems.push(
          `${rule}: item "${item}" has values ${min}–${max}, but the factor's scale is ${factor.scale.min}–${factor.scale.max}`,
        )
      }
    }
  }

  for (const indicator of spec.indicators) {
    const rule = `indicator "${indicator.id}"`
    const question = requireItem(rule, indicator.item)
    if (question) requireValues(rule, question, indicator.countedValues)
  }

  spec.who5.items.forEach((item) => {
    const question = requireItem('WHO-5', item)
    if (question && (Math.min(...question.values) !== 0 || Math.max(...question.values) !== 5)) {
      problems.push(
        `WHO-5: item "${item}" must be scored 0–5 (it has ${question.values.join(', ')})`,
      )
    }
  })
  if (spec.who5.likelyDepressionAtOrBelow > spec.who5.reducedWellbeingAtOrBelow) {
    problems.push(
      'WHO-5: the likely-depression cut-off must not exceed the reduced-wellbeing cut-off',
    )
  }

  const { honesty, fictitiousDrug, impossibleCombinations, straightLining } = spec.validity
  const honestyQuestion = requireItem('validity rule "honesty"', honesty.item)
  if (honestyQuestion)
    requireValues('validity rule "honesty"', honestyQuestion, honesty.flaggedValues)
  const drugQuestion = requireItem('validity rule "fictitious drug"', fictitiousDrug.item)
  if (drugQuestion)
    requireValues('validity rule "fictitious drug"', drugQuestion, fictitiousDrug.flaggedValues)
  for (const combination of impossibleCombinations) {
    const rule = `impossible combination "${combination.id}"`
    const a = requireItem(rule, combination.item)
    const b = requireItem(rule, combination.atMost)
    if (a && b && a.values.join(',') !== b.values.join(',')) {
      problems.push(
        `${rule}: items "${a.name}" and "${b.name}" must use the same answer values to be compared`,
      )
    }
  }
  const pageNames = (Array.isArray(survey.pages) ? survey.pages : []).map((p) =>
    isObject(p) ? String(p.name ?? '') : '',
  )
  let lastIndex = -1
  for (const page of straightLining.pages) {
    const index = pageNames.indexOf(page)
    if (index === -1)
      problems.push(`validity rule "straight-lining": page "${page}" does not exist`)
    else if (index <= lastIndex)
      problems.push(`validity rule "straight-lining": page "${page}" is out of questionnaire order`)
    else if ([...questions.values()].filter((q) => q.page === page).length < 2) {
      problems.push(`validity rule "straight-lining": page "${page}" has fewer than two items`)
    }
    lastIndex = Math.max(lastIndex, index)
  }

  return problems.length === 0 ? { spec, problems: [] } : { problems }
}
