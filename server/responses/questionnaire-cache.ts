import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { findDefinition } from '../definitions/definitions.repository.ts'
import { pageItemsOf } from '../scoring/questionnaire-layout.ts'
import type { ScoringContext } from '../scoring/response-scores.repository.ts'
import { compileAnswerValidator, type AnswerValidator } from './answer-validator.ts'

/** What pupils' requests need of one questionnaire version, prepared once per process. */
export interface PreparedQuestionnaire {
  definitionId: string
  contentHash: string
  validator: AnswerValidator
  /** How completed responses are scored; undefined for a questionnaire without a scoring spec. */
  scoring: ScoringContext | undefined
  /** The SurveyJS JSON as served to browsers, raw and precompressed. */
  json: string
  brotli: Buffer
  gzip: Buffer
}

/**
 * Stored questionnaire versions never change, so what is derived from them (the compiled
 * validator, the compressed JSON) can be kept in memory by every instance without going stale.
 */
export function createQuestionnaireCache(db: Kysely<Database>) {
  const byId = new Map<string, Promise<PreparedQuestionnaire | undefined>>()
  const idByHash = new Map<string, string>()

  async function prepare(definitionId: string): Promise<PreparedQuestionnaire | undefined> {
    const definition = await findDefinition(db, definitionId)
    if (!definition) return undefined
    const json = JSON.stringify(definition.survey)
    idByHash.set(definition.contentHash, definitionId)
    return {
      definitionId,
      contentHash: definition.contentHash,
      validator: compileAnswerValidator(definition.survey),
      scoring: Array.isArray(definition.scoringSpec?.factors)
        ? { spec: definition.scoringSpec, pageItems: pageItemsOf(definition.survey) }
        : undefined,
      json,
      brotli: brotliCompressSync(json, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
        },
      }),
      gzip: gzipSync(json, { level: 9 }),
    }
  }

  return {
    get(definitionId: string): Promise<PreparedQuestionnaire | undefined> {
      let prepared = byId.get(definitionId)
      if (prepared === undefined) {
        prepared = prepare(definitionId)
        byId.set(definitionId, prepared)
        // A failed preparation (e.g. database down) must not stick.
        prepared.catch(() => byId.delete(definitionId))
      }
      return prepared
    },
    async getByHash(contentHash: string): Promise<PreparedQuestionnaire | undefined> {
      const known = idByHash.get(contentHash)
      if (known) return this.get(known)
      const row = await db
        .selectFrom('questionnaire_definitions')
        .select('id')
        .where('content_hash', '=', contentHash)
        .executeTakeFirst()
      return row ? this.get(row.id) : undefined
    },
  }
}

export type QuestionnaireCache = ReturnType<typeof createQuestionnaireCache>
