import type { Kysely } from 'kysely'
import { measureValues, scoreResponse } from '../../analysis/scoring/score-response.ts'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import type { Database } from '../db/schema.ts'

export interface ScoringContext {
  spec: ScoringSpec
  pageItems: ReadonlyMap<string, readonly string[]>
}

/**
 * Scores a completed response and stores its long-form scores and validity flags, replacing any
 * earlier scores. Call it inside the transaction that completes (or re-scores) the response, so
 * a complete response always has scores from exactly one spec version.
 */
export async function storeScores(
  db: Kysely<Database>,
  responseId: string,
  answers: Record<string, unknown>,
  completionSeconds: number | null,
  context: ScoringContext,
): Promise<void> {
  const scores = scoreResponse(context.spec, answers, {
    pageItems: context.pageItems,
    completionSeconds,
  })
  await db.deleteFrom('response_scores').where('response_id', '=', responseId).execute()
  const rows = measureValues(scores).map((row) => ({
    response_id: responseId,
    measure: row.measure,
    value: row.value,
    spec_version: scores.specVersion,
  }))
  if (rows.length > 0) await db.insertInto('response_scores').values(rows).execute()
  await db
    .updateTable('responses')
    .set({
      quality_flags_json: JSON.stringify(scores.flags),
      gender: scores.background.gender,
      flagged: scores.flags.length > 0 ? 1 : 0,
    })
    .where('id', '=', responseId)
    .execute()
}
