import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { DefinitionSource } from './definition-files.ts'
import { findDefinitionByHash, type DefinitionSummary } from './definitions.repository.ts'

/**
 * Stores a definition unless one with the same content hash exists. A changed file becomes the
 * next version; a stored version is never changed. Safe when two instances start at once: the
 * unique hash and (questionnaire, version) constraints decide, and the loser re-reads.
 */
export async function storeDefinition(
  db: Kysely<Database>,
  source: DefinitionSource,
  now: Date,
): Promise<{ definition: DefinitionSummary; created: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await findDefinitionByHash(db, source.contentHash)
    if (existing) return { definition: existing, created: false }
    const latest = await db
      .selectFrom('questionnaire_definitions')
      .select((eb) => eb.fn.max('version').as('version'))
      .where('questionnaire_id', '=', source.questionnaireId)
      .executeTakeFirst()
    const version = Number(latest?.version ?? 0) + 1
    try {
      await db
        .insertInto('questionnaire_definitions')
        .values({
          id: randomUUID(),
          questionnaire_id: source.questionnaireId,
          version,
          title: source.title,
          survey_json: JSON.stringify(source.survey),
          scoring_spec_json: JSON.stringify(source.scoringSpec),
          scoring_spec_version: source.scoringSpec.version,
          content_hash: source.contentHash,
          created_at: now.toISOString(),
        })
        .execute()
    } catch (error) {
      // Another instance stored this content or took this version number: look again.
      if (attempt === 4) throw error
      continue
    }
    const stored = await findDefinitionByHash(db, source.contentHash)
    if (stored) return { definition: stored, created: true }
  }
  throw new Error(`could not store questionnaire "${source.questionnaireId}"`)
}

export async function storeDefinitions(
  db: Kysely<Database>,
  sources: DefinitionSource[],
  now: Date,
): Promise<Array<{ definition: DefinitionSummary; created: boolean }>> {
  const results = []
  for (const source of sources) results.push(await storeDefinition(db, source, now))
  return results
}
