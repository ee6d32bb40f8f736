import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { ClassRow, Database, School as SchoolRow } from '../db/schema.ts'

export interface School {
  id: string
  municipalityId: string
  name: string
  createdAt: string
}

export interface SchoolClass {
  id: string
  schoolId: string
  schoolYear: string
  grade: number
  label: string
  expectedPupils: number
  createdAt: string
}

const toSchool = (row: SchoolRow): School => ({
  id: row.id,
  municipalityId: row.municipality_id,
  name: row.name,
  createdAt: row.created_at,
})

const toSchoolClass = (row: ClassRow): SchoolClass => ({
  id: row.id,
  schoolId: row.school_id,
  schoolYear: row.school_year,
  grade: Number(row.grade),
  label: row.label,
  expectedPupils: Number(row.expected_pupils),
  createdAt: row.created_at,
})

export async function insertSchool(
  db: Kysely<Database>,
  municipalityId: string,
  name: string,
  now: Date,
): Promise<School> {
  const row = await db
    .insertInto('schools')
    .values({
      id: randomUUID(),
      municipality_id: municipalityId,
      name,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toSchool(row)
}

/** Renames a school of the municipality; undefined when it has no such school. */
export async function renameSchool(
  db: Kysely<Database>,
  municipalityId: string,
  schoolId: string,
  name: string,
): Promise<School | undefined> {
  const row = await db
    .updateTable('schools')
    .set({ name })
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', schoolId)
    .returningAll()
    .executeTakeFirst()
  return row && toSchool(row)
}

/** Schools of one municipality, optionally only one school (for a school-level user). */
export async function listSchools(
  db: Kysely<Database>,
  scope: { municipalityId: string; schoolId?: string | null },
): Promise<School[]> {
  let query = db
    .selectFrom('schools')
    .selectAll()
    .where('municipality_id', '=', scope.municipalityId)
    .orderBy('name')
  if (scope.schoolId) query = query.where('id', '=', scope.schoolId)
  return (await query.execute()).map(toSchool)
}

export async function findSchool(
  db: Kysely<Database>,
  municipalityId: string,
  schoolId: string,
): Promise<School | undefined> {
  const row = await db
    .selectFrom('schools')
    .selectAll()
    .where('municipality_id', '=', municipalityId)
    .where('id', '=', schoolId)
    .executeTakeFirst()
  return row && toSchool(row)
}

export interface NewSchoolClass {
  schoolId: string
  schoolYear: string
  grade: number
  label: string
  expectedPupils: number
}

export async function insertClass(
  db: Kysely<Database>,
  input: NewSchoolClass,
  now: Date,
): Promise<SchoolClass> {
  const row = await db
    .insertInto('classes')
    .values({
      id: randomUUID(),
      school_id: input.schoolId,
      school_year: input.schoolYear,
      grade: input.grade,
      label: input.label,
      expected_pupils: input.expectedPupils,
      created_at: now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toSchoolClass(row)
}

/** Classes of a municipality (scoped through their school), filtered as asked. */
export async function listClasses(
  db: Kysely<Database>,
  scope: { municipalityId: string; schoolId?: string | null; schoolYear?: string },
): Promise<SchoolClass[]> {
  let query = db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .selectAll('classes')
    .where('schools.municipality_id', '=', scope.municipalityId)
    .orderBy('classes.school_year')
    .orderBy('classes.grade')
    .orderBy('classes.label')
  if (scope.schoolId) query = query.where('classes.school_id', '=', scope.schoolId)
  if (scope.schoolYear) query = query.where('classes.school_year', '=', scope.schoolYear)
  return (await query.execute()).map(toSchoolClass)
}
