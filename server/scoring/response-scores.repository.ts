import type { Kysely } from 'kysely'
import { measureValues, scoreResponse } from '../../analysis/scoring/score-response.ts'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import type { Database } from '../db/schema.ts'

export interface ScoringContext {
  spec: ScoringSpec
  pageItems: ReadonlyMap<string, readonly string[]>
}

/** A completed response's scores as rows, and the columns of its response row they set. */
export function scoredResponse(
  responseId: string,
  answers: Record<string, unknown>,
  completionSeconds: number | null,
  context: ScoringContext,
) {
  const scores = scoreResponse(context.spec, answers, {
    pageItems: context.pageItems,
    completionSeconds,
  })
  return {
    rows: measureValues(scores).map((row) => ({
      response_id: responseId,
      measure: row.measure,
      value: row.value,
      spec_version: scores.specVersion,
    })),
    columns: {
      quality_flags_json: JSON.stringify(scores.flags),
      gender: scores.background.gender,
      flagged: scores.flags.length > 0 ? 1 : 0,
    },
  }
}

/**
 * Scores a completed response and stores its long-form scores and validity flags, replacing any
 * earlier scores. Call it inside the transaction that completes (or re-scores) the response, so
 * a complete response always has scores from exactly one spec version. (A response completed
 * in its first request is inserted with its scores instead: see saveResponse.)
 */
export async function storeScores(
  db: Kysely<Database>,
  responseId: string,
  answers: Record<string, unknown>,
  completionSeconds: number | null,
  context: ScoringContext,
): Promise<void> {
  const { rows, columns } = scoredResponse(responseId, answers, completionSeconds, context)
  await db.deleteFrom('response_scores').where('response_id', '=', responseId).execute()
  if (rows.length > 0) await db.insertInto('response_scores').values(rows).execute()
  await db.updateTable('responses').set(columns).where('id', '=', responseId).execute()
}
