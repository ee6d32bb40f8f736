import type { Kysely } from 'kysely'
import { checkScoringSpec } from '../../survey-definitions/definition-check.ts'
import { forgetRoundCellSums } from '../analysis/round-cell-sums.repository.ts'
import type { Database } from '../db/schema.ts'
import { findDefinition, latestDefinition } from '../definitions/definitions.repository.ts'
import { pageItemsOf } from './questionnaire-layout.ts'
import { storeScores } from './response-scores.repository.ts'

export interface RescoreResult {
  specVersion: string
  responses: number
  /** Versions of the questionnaire whose items the newest spec does not fit; left as they were. */
  skippedVersions: Array<{ definitionId: string; version: number; problems: string[] }>
}

/**
 * Re-scores every completed response of a questionnaire (all its versions) with the newest
 * version's scoring spec, e.g. after cut-points were recalibrated. A version whose items the
 * spec does not fit is skipped and reported, never scored wrongly. Batches of responses are
 * re-scored in their own transactions, so a failure leaves each response with one spec's scores.
 */
export async function rescoreQuestionnaire(
  db: Kysely<Database>,
  questionnaireId: string,
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<RescoreResult> {
  const latest = await latestDefinition(db, questionnaireId)
  const newest = latest && (await findDefinition(db, latest.id))
  if (!newest) throw new Error(`no questionnaire "${questionnaireId}" is loaded`)
  const spec = newest.scoringSpec
  const versions = await db
    .selectFrom('questionnaire_definitions')
    .select(['id', 'version'])
    .where('questionnaire_id', '=', questionnaireId)
    .execute()
  const skippedVersions: RescoreResult['skippedVersions'] = []
  let responses = 0
  // Closed rounds keep their result sums; scores about to change must not be read from those.
  const rounds = await db
    .selectFrom('survey_rounds')
    .select('id')
    .where(
      'definition_id',
      'in',
      versions.map((v) => v.id),
    )
    .execute()
  const forgetSums = () =>
    forgetRoundCellSums(
      db,
      rounds.map((r) => r.id),
    )
  await forgetSums()
  for (const version of versions) {
    const definition = await findDefinition(db, version.id)
    if (!definition) continue
    const fit = checkScoringSpec(definition.survey, spec)
    if (fit.problems.length > 0) {
      skippedVersions.push({
        definitionId: version.id,
        version: Number(version.version),
        problems: fit.problems,
      })
      continue
    }
    const context = { spec, pageItems: pageItemsOf(definition.survey) }
    let after = ''
    for (;;) {
      const batch = await db
        .selectFrom('responses')
        .select(['id', 'answers_json', 'completion_seconds'])
        .where('definition_id', '=', version.id)
        .where('state', '=', 'complete')
        .where('id', '>', after)
        .orderBy('id')
        .limit(options.batchSize ?? 250)
        .execute()
      if (batch.length === 0) break
      await db.transaction().execute(async (trx) => {
        for (const row of batch) {
          const answers = JSON.parse(row.answers_json) as Record<string, unknown>
          await storeScores(
            trx,
            row.id,
            answers,
            row.completion_seconds === null ? null : Number(row.completion_seconds),
            context,
          )
        }
      })
      responses += batch.length
      after = batch[batch.length - 1]!.id
      options.onProgress?.(responses)
    }
  }
  // Once more, in case a result kept sums while the scores were being replaced.
  await forgetSums()
  return { specVersion: spec.version, responses, skippedVersions }
}
