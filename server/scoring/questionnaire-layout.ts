import { listQuestions } from '../../survey-definitions/definition-check.ts'

/** The questionnaire's pages with their item names, in order, as the scoring needs them. */
export function pageItemsOf(survey: Record<string, unknown>): Map<string, string[]> {
  const pages = new Map<string, string[]>()
  for (const question of listQuestions(survey)) {
    pages.set(question.page, [...(pages.get(question.page) ?? []), question.name])
  }
  return pages
}
