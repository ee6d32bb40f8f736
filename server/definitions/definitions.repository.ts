import type { Kysely } from 'kysely'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import type { Database, QuestionnaireDefinitionRow } from '../db/schema.ts'

export interface QuestionnaireDefinition {
  id: string
  questionnaireId: string
  version: number
  title: string
  survey: Record<string, unknown>
  scoringSpec: ScoringSpec
  scoringSpecVersion: string
  contentHash: string
  createdAt: string
}

export type DefinitionSummary = Omit<QuestionnaireDefinition, 'survey' | 'scoringSpec'>

export function toDefinition(row: QuestionnaireDefinitionRow): QuestionnaireDefinition {
  return {
    ...toSummary(row),
    survey: JSON.parse(row.survey_json) as Record<string, unknown>,
    scoringSpec: JSON.parse(row.scoring_spec_json) as ScoringSpec,
  }
}

function toSummary(
  row: Omit<QuestionnaireDefinitionRow, 'survey_json' | 'scoring_spec_json'>,
): DefinitionSummary {
  return {
    id: row.id,
    questionnaireId: row.questionnaire_id,
    version: Number(row.version),
    title: row.title,
    scoringSpecVersion: row.scoring_spec_version,
    contentHash: row.content_hash,
    createdAt: row.created_at,
  }
}

export async function findDefinitionByHash(
  db: Kysely<Database>,
  contentHash: string,
): Promise<DefinitionSummary | undefined> {
  const row = await db
    .selectFrom('questionnaire_definitions')
    .select([
      'id',
      'questionnaire_id',
      'version',
      'title',
      'scoring_spec_version',
      'content_hash',
      'created_at',
    ])
    .where('content_hash', '=', contentHash)
    .executeTakeFirst()
  return row && toSummary(row)
}

export async function findDefinition(
  db: Kysely<Database>,
  id: string,
): Promise<QuestionnaireDefinition | undefined> {
  const row = await db
    .selectFrom('questionnaire_definitions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row && toDefinition(row)
}

/** All versions of every questionnaire, newest version first. */
export async function listDefinitions(db: Kysely<Database>): Promise<DefinitionSummary[]> {
  const rows = await db
    .selectFrom('questionnaire_definitions')
    .select([
      'id',
      'questionnaire_id',
      'version',
      'title',
      'scoring_spec_version',
      'content_hash',
      'created_at',
    ])
    .orderBy('questionnaire_id')
    .orderBy('version', 'desc')
    .execute()
  return rows.map(toSummary)
}

export async function latestDefinition(
  db: Kysely<Database>,
  questionnaireId: string,
): Promise<DefinitionSummary | undefined> {
  const row = await db
    .selectFrom('questionnaire_definitions')
    .select([
      'id',
      'questionnaire_id',
      'version',
      'title',
      'scoring_spec_version',
      'content_hash',
      'created_at',
    ])
    .where('questionnaire_id', '=', questionnaireId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row && toSummary(row)
}
