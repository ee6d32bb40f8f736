import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { formatClassCode, generateClassCode } from './class-code.ts'

export interface ClassCodeListing {
  code: string
  /** As printed: "K7M-4QX-9TB". */
  displayCode: string
  roundId: string
  classId: string
  classLabel: string
  grade: number
  schoolId: string
  schoolName: string
  createdAt: string
  revokedAt: string | null
}

/** Codes of one round in one municipality, active first, in school and class order. */
export async function listClassCodes(
  db: Kysely<Database>,
  municipalityId: string,
  roundId: string,
  options: { includeRevoked: boolean } = { includeRevoked: true },
): Promise<ClassCodeListing[]> {
  let query = db
    .selectFrom('class_codes')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'class_codes.round_id')
    .innerJoin('classes', 'classes.id', 'class_codes.class_id')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .select([
      'class_codes.code',
      'class_codes.round_id',
      'class_codes.class_id',
      'class_codes.created_at',
      'class_codes.revoked_at',
      'classes.label',
      'classes.grade',
      'schools.id as school_id',
      'schools.name as school_name',
    ])
    .where('survey_rounds.municipality_id', '=', municipalityId)
    .where('class_codes.round_id', '=', roundId)
    .orderBy('schools.name')
    .orderBy('classes.grade')
    .orderBy('classes.label')
    .orderBy('class_codes.created_at')
  if (!options.includeRevoked) query = query.where('class_codes.revoked_at', 'is', null)
  const rows = await query.execute()
  return rows.map((row) => ({
    code: row.code,
    displayCode: formatClassCode(row.code),
    roundId: row.round_id,
    classId: row.class_id,
    classLabel: row.label,
    grade: Number(row.grade),
    schoolId: row.school_id,
    schoolName: row.school_name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  }))
}

/**
 * Gives every class in `classIds` an active code for the round unless it has one. Classes that
 * already have an active code keep it, so the call can be repeated safely.
 * Returns how many codes were created.
 */
export async function ensureClassCodes(
  db: Kysely<Database>,
  roundId: string,
  classIds: string[],
  now: Date,
  random?: (max: number) => number,
): Promise<number> {
  if (classIds.length === 0) return 0
  const withCode = new Set(
    (
      await db
        .selectFrom('class_codes')
        .select('class_id')
        .where('round_id', '=', roundId)
        .where('revoked_at', 'is', null)
        .execute()
    ).map((row) => row.class_id),
  )
  let created = 0
  for (const classId of classIds) {
    if (withCode.has(classId)) continue
    // A clash of a 44-bit random code is astronomically rare; retry rather than fail.
    for (let attempt = 0; ; attempt++) {
      const result = await db
        .insertInto('class_codes')
        .values({
          code: generateClassCode(random),
          round_id: roundId,
          class_id: classId,
          created_at: now.toISOString(),
          revoked_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) {
        created++
        break
      }
      const active = await db
        .selectFrom('class_codes')
        .select('code')
        .where('round_id', '=', roundId)
        .where('class_id', '=', classId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (active !== undefined) break // another request gave the class its code meanwhile
      if (attempt >= 5) throw new Error('could not generate a unique class code')
    }
  }
  return created
}

/** Revokes an active code of the municipality; returns false if there was none to revoke. */
export async function revokeClassCode(
  db: Kysely<Database>,
  municipalityId: string,
  roundId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('class_codes')
    .set({ revoked_at: now.toISOString() })
    .where('code', '=', code)
    .where('round_id', '=', roundId)
    .where('revoked_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('survey_rounds')
          .select('survey_rounds.id')
          .whereRef('survey_rounds.id', '=', 'class_codes.round_id')
          .where('survey_rounds.municipality_id', '=', municipalityId),
      ),
    )
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export interface ActiveClassCode {
  code: string
  roundId: string
  classId: string
  schoolId: string
  grade: number
  municipalityId: string
}

/** What a pupil's code opens: the round and class, if the code exists and is not revoked. */
export async function findActiveClassCode(
  db: Kysely<Database>,
  code: string,
): Promise<ActiveClassCode | undefined> {
  const row = await db
    .selectFrom('class_codes')
    .innerJoin('classes', 'classes.id', 'class_codes.class_id')
    .innerJoin('survey_rounds', 'survey_rounds.id', 'class_codes.round_id')
    .select([
      'class_codes.code',
      'class_codes.round_id',
      'class_codes.class_id',
      'classes.school_id',
      'classes.grade',
      'survey_rounds.municipality_id',
    ])
    .where('class_codes.code', '=', code)
    .where('class_codes.revoked_at', 'is', null)
    .executeTakeFirst()
  return (
    row && {
      code: row.code,
      roundId: row.round_id,
      classId: row.class_id,
      schoolId: row.school_id,
      grade: Number(row.grade),
      municipalityId: row.municipality_id,
    }
  )
}
