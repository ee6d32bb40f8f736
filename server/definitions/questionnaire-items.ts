import { listQuestions } from '../../survey-definitions/definition-check.ts'
import type { QuestionnaireDefinition } from './definitions.repository.ts'

type Json = Record<string, unknown>

/** A SurveyJS text: a plain string or a { default, en, … } object; the Danish default. */
const danish = (text: unknown): string =>
  typeof text === 'string'
    ? text
    : typeof text === 'object' && text !== null
      ? String((text as Json).default ?? '')
      : ''

/** Every element of a SurveyJS JSON by name, descending into panels. */
function elementsByName(survey: Json): Map<string, Json> {
  const byName = new Map<string, Json>()
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return
    for (const element of elements as Json[]) {
      if (typeof element.name === 'string') byName.set(element.name, element)
      visit(element.elements ?? element.templateElements)
    }
  }
  for (const page of (survey.pages as Json[] | undefined) ?? []) visit(page.elements)
  return byName
}

/** The items of a questionnaire in page order with their Danish wording and value labels. */
export function questionnaireItems(definition: QuestionnaireDefinition) {
  const elements = elementsByName(definition.survey)
  // Only items with fixed answer values: free text could name a pupil and never leaves the server.
  return listQuestions(definition.survey)
    .filter((q) => q.values.length > 0)
    .map((q) => {
      const element = elements.get(q.name) ?? {}
      const choices = Array.isArray(element.choices) ? (element.choices as unknown[]) : []
      const labels = new Map<number, string>()
      for (const choice of choices) {
        if (typeof choice === 'object' && choice !== null) {
          const { value, text } = choice as Json
          if (typeof value === 'number') labels.set(value, danish(text) || String(value))
        }
      }
      return {
        name: q.name,
        wording: danish(element.title) || q.name,
        values: q.values.map((v) => ({ value: v, label: labels.get(v) ?? String(v) })),
      }
    })
}
