import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { forgetRoundCellSums } from '../analysis/round-cell-sums.repository.ts'
import type { Database, RoundState, SurveyRoundRow } from '../db/schema.ts'

export interface SurveyRound {
  id: string
  municipalityId: string
  definitionId: string
  name: string
  schoolYear: string
  waveLabel: string | null
  opensAt: string
  closesAt: string
  state: RoundState
  createdAt: string
  updatedAt: string
}

export const toSurveyRound = (row: SurveyRoundRow): SurveyRound => ({
  id: row.id,
  municipalityId: row.municipality_id,
  definitionId: row.definition_id,
  name: row.name,
  schoolYear: row.school_year,
  waveLabel: row.wave_label,
  opensAt: row.opens_at,
  closesAt: row.closes_at,
  state: row.state,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

export interface NewSurveyRound {
  municipalityId: string
  definitionId: string
  name: string
  schoolYear: string
  waveLabel: string | null
  opensAt: string
  closesAt: string
}

export async function insertRound(
  db: Kysely<Database>,
  input: NewSurveyRound,
  now: Date,
  state: RoundState = 'draft',
): Promise<SurveyRound> {
  const row = await db
    .insertInto('survey_rounds')
    .values({
      id: randomUUID(),
      municipality_id: input.municipalityId,
      definition_id: input.definitionId,
      name: input.name,
      school_year: input.schoolYear,
      wave_label: input.waveLabel,
      opens_at: input.opensAt,
      closes_at: input.closesAt,
      state,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toSurveyRound(row)
}

export async function listRounds(
  db: Kysely<Database>,
  municipalityId: string,
): Promise<SurveyRound[]> {
  const rows = await db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .orderBy('opens_at', 'desc')
    .execute()
  return rows.map(toSurveyRound)
}

export async function findRound(
  db: Kysely<Database>,
  municipalityId: string,
  roundId: string,
): Promise<SurveyRound | undefined> {
  const row = await db
    .selectFrom('survey_rounds')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', roundId)
    .executeTakeFirst()
  return row && toSurveyRound(row)
}

/**
 * Moves a round to `to` only if it is still in one of `from`; the condition sits in the UPDATE
 * so two admins clicking at once cannot both succeed. Returns the round, or undefined if it was
 * not in an allowed state.
 */
export async function transitionRound(
  db: Kysely<Database>,
  municipalityId: string,
  roundId: string,
  from: RoundState[],
  to: RoundState,
  now: Date,
): Promise<SurveyRound | undefined> {
  const transition = async (trx: Kysely<Database>) => {
    const row = await trx
      .updateTable('survey_rounds')
      .set({ state: to, updated_at: now.toISOString() })
      .where('municipality_id', '=', municipalityId)
      .where('id', '=', roundId)
      .where('state', 'in', from)
      .returningAll()
      .executeTakeFirst()
    // A round that is no longer closed can change: its kept result sums must go with the state.
    if (row && to !== 'closed') await forgetRoundCellSums(trx, [roundId])
    return row && toSurveyRound(row)
  }
  return db.isTransaction ? transition(db) : db.transaction().execute(transition)
}
