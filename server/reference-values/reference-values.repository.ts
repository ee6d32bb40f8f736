import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, ReferenceValueRow } from '../db/schema.ts'

/** A published figure to show beside the municipality's own, with its source and year. */
export interface ReferenceValue {
  id: string
  municipalityId: string
  /** A measure id as stored in response_scores, e.g. "indicator.drunk-30d". */
  measure: string
  /** 7, 8 or 9; null for grades 7–9 together. */
  grade: number | null
  /** A proportion 0..1 for share measures, else a mean on the measure's own scale. */
  value: number
  source: string
  sourceYear: number
  note: string | null
  createdBy: string
  createdAt: string
}

export type NewReferenceValue = Omit<ReferenceValue, 'id' | 'createdAt'>

const toReferenceValue = (row: ReferenceValueRow): ReferenceValue => ({
  id: row.id,
  municipalityId: row.municipality_id,
  measure: row.measure,
  grade: row.grade === null ? null : Number(row.grade),
  value: Number(row.value),
  source: row.source,
  sourceYear: Number(row.source_year),
  note: row.note,
  createdBy: row.created_by,
  createdAt: row.created_at,
})

export async function insertReferenceValue(
  db: Kysely<Database>,
  input: NewReferenceValue,
  now: Date,
): Promise<ReferenceValue> {
  const row = await db
    .insertInto('reference_values')
    .values({
      id: randomUUID(),
      municipality_id: input.municipalityId,
      measure: input.measure,
      grade: input.grade,
      value: input.value,
      source: input.source,
      source_year: input.sourceYear,
      note: input.note,
      created_by: input.createdBy,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toReferenceValue(row)
}

/**
 * Reference values of one municipality, optionally for one measure: by measure, grades 7–9
 * together before single grades, newest source year first.
 */
export async function listReferenceValues(
  db: Kysely<Database>,
  scope: { municipalityId: string; measure?: string },
): Promise<ReferenceValue[]> {
  let query = db
    .selectFrom('reference_values')
    .selectAll()
    .where('municipality_id', '=', scope.municipalityId)
    .orderBy('measure')
    // Explicit: SQLite sorts nulls first and PostgreSQL last by default.
    .orderBy('grade', (ob) => ob.asc().nullsFirst())
    .orderBy('source_year', 'desc')
    .orderBy('created_at')
    .orderBy('id')
  if (scope.measure !== undefined) query = query.where('measure', '=', scope.measure)
  return (await query.execute()).map(toReferenceValue)
}

/** Deletes one of the municipality's reference values; returns it, or undefined if none. */
export async function deleteReferenceValue(
  db: Kysely<Database>,
  municipalityId: string,
  id: string,
): Promise<ReferenceValue | undefined> {
  const row = await db
    .deleteFrom('reference_values')
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row && toReferenceValue(row)
}
