import type { ValiditySpec } from '../../survey-definitions/scoring-spec.ts'
import { numericAnswer, type Answers } from './answers.ts'

export type ValidityFlag =
  'honesty' | 'fictitious-drug' | 'impossible-combination' | 'straight-lining' | 'too-fast'

/** The questionnaire's pages with their items, in order (for straight-lining). */
export type PageItems = ReadonlyMap<string, readonly string[]>

/**
 * Why a response should be left out of results (DOMAIN.md, "Validity"): the honesty item, any use
 * of the fictitious drug, an impossible combination, the same answer to every item on N or more
 * consecutive multi-item pages, or completion faster than the spec's minimum.
 *
 * @param spec - the validity rules
 * @param answers - the pupil's answers
 * @param context - the page layout and the completion time in seconds (null when unknown)
 * @returns the flags raised, in a fixed order; empty for a valid response
 * @example
 * validityFlags(spec, { hon_honest: 1 }, { pageItems, completionSeconds: 900 }) // → ['honesty']
 */
export function validityFlags(
  spec: ValiditySpec,
  answers: Answers,
  context: { pageItems: PageItems; completionSeconds: number | null },
): ValidityFlag[] {
  const flags: ValidityFlag[] = []
  const honesty = numericAnswer(answers, spec.honesty.item)
  if (honesty !== undefined && spec.honesty.flaggedValues.includes(honesty)) flags.push('honesty')
  const drug = numericAnswer(answers, spec.fictitiousDrug.item)
  if (drug !== undefined && spec.fictitiousDrug.flaggedValues.includes(drug))
    flags.push('fictitious-drug')
  const impossible = spec.impossibleCombinations.some((rule) => {
    const value = numericAnswer(answers, rule.item)
    const limit = numericAnswer(answers, rule.atMost)
    return value !== undefined && limit !== undefined && value > limit
  })
  if (impossible) flags.push('impossible-combination')
  if (straightLined(spec.straightLining, answers, context.pageItems)) flags.push('straight-lining')
  if (context.completionSeconds !== null && context.completionSeconds < spec.minCompletionSeconds)
    flags.push('too-fast')
  return flags
}

/** A page is straight-lined when every item on it is answered with one and the same value. */
function pageStraightLined(items: readonly string[], answers: Answers): boolean {
  if (items.length < 2) return false
  const first = numericAnswer(answers, items[0] as string)
  if (first === undefined) return false
  return items.every((item) => numericAnswer(answers, item) === first)
}

function straightLined(
  rule: ValiditySpec['straightLining'],
  answers: Answers,
  pageItems: PageItems,
): boolean {
  let run = 0
  for (const page of rule.pages) {
    run = pageStraightLined(pageItems.get(page) ?? [], answers) ? run + 1 : 0
    if (run >= rule.minConsecutivePages) return true
  }
  return false
}
