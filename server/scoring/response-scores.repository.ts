import { CompiledQuery, type Kysely } from 'kysely'
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
  await insertScoreRows(db, rows)
  await db.updateTable('responses').set(columns).where('id', '=', responseId).execute()
}

type ScoreRow = ReturnType<typeof scoredResponse>['rows'][number]

/** The INSERT text for a number of score rows, by the database's own one-row text. */
const insertTexts = new Map<string, string>()

/**
 * Inserts a response's score rows in one statement. Building the query for 74 rows anew for
 * every submission was a fifth of what scoring adds to it; the text is built once per database
 * and row count, and only the values change.
 */
export async function insertScoreRows(db: Kysely<Database>, rows: readonly ScoreRow[]) {
  if (rows.length === 0) return
  const columns = ['response_id', 'measure', 'value', 'spec_version'] as const
  const row = (r: ScoreRow) => ({
    response_id: r.response_id,
    measure: r.measure,
    value: r.value,
    spec_version: r.spec_version,
  })
  // The one-row text names the dialect and schema; it is cheap to build.
  const key = `${db.insertInto('response_scores').values(row(rows[0]!)).compile().sql}\u0000${rows.length}`
  let text = insertTexts.get(key)
  if (text === undefined) {
    text = db.insertInto('response_scores').values(rows.map(row)).compile().sql
    insertTexts.set(key, text)
  }
  await db.executeQuery(
    CompiledQuery.raw(
      text,
      rows.flatMap((r) => columns.map((c) => r[c])),
    ),
  )
}
