import { parse } from 'csv-parse/sync'
import type { Kysely } from 'kysely'
import { recordAudit } from '../audit/audit-log.repository.ts'
import type { Database } from '../db/schema.ts'
import { insertClass, insertSchool, listClasses, listSchools } from './schools.repository.ts'
import { NewClassSchema, NewSchoolSchema } from './schools.routes.ts'

export interface ClassListRow {
  line: number
  schoolName: string
  label: string
  grade: number
  expectedPupils: number
}

export interface ClassListError {
  line: number
  message: string
}

export type ClassListParse =
  { ok: true; rows: ClassListRow[] } | { ok: false; errors: ClassListError[] }

export interface ClassListImportSummary {
  schoolsCreated: number
  classesCreated: number
  duplicatesSkipped: number
}

type Column = 'school' | 'label' | 'grade' | 'expected'

/** Header names as Danish municipalities and English templates write them, lower-cased. */
const headerNames: Record<Column, string[]> = {
  school: ['skole', 'school'],
  label: ['klasse', 'class'],
  grade: ['klassetrin', 'grade'],
  expected: ['forventede elever', 'expected', 'expected pupils'],
}
const danishHeader: Record<Column, string> = {
  school: 'skole',
  label: 'klasse',
  grade: 'klassetrin',
  expected: 'forventede elever',
}

/**
 * The text of an uploaded class list: UTF-8 (with or without BOM), or Windows-1252 when the
 * bytes are not valid UTF-8 — what Danish Excel writes with "CSV (semikolonsepareret)".
 */
export function decodeClassList(bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes)
  }
  return text.replace(/^\uFEFF/, '')
}

const wholeNumber = (value: string): number | undefined =>
  /^\d{1,4}$/.test(value) ? Number(value) : undefined

/**
 * Reads a class list (columns skole;klasse;klassetrin;forventede elever, `;` or `,` separated)
 * and checks every row with the same rules as the classes API. Either all rows are valid, or
 * the answer lists every error with its line number, so nothing is stored half-way.
 */
export function parseClassList(text: string): ClassListParse {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  // The header decides the separator, so a comma inside a semicolon file stays in its field.
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ','
  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(text, {
      delimiter,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { ok: false, errors: [{ line, message: 'Filen kan ikke læses som CSV.' }] }
  }
  const [header, ...body] = records
  if (!header) return { ok: false, errors: [{ line: 1, message: 'Filen er tom.' }] }

  const names = header.record.map((name) => name.trim().toLowerCase())
  const index = {} as Record<Column, number>
  const missing: string[] = []
  for (const column of Object.keys(headerNames) as Column[]) {
    const at = names.findIndex((name) => headerNames[column].includes(name))
    if (at === -1) missing.push(danishHeader[column])
    index[column] = at
  }
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          line: header.info.lines,
          message: `Kolonneoverskriften mangler: ${missing.join(', ')}. Brug skole;klasse;klassetrin;forventede elever.`,
        },
      ],
    }
  }
  if (body.length === 0) {
    return { ok: false, errors: [{ line: 2, message: 'Filen indeholder ingen klasser.' }] }
  }

  const rows: ClassListRow[] = []
  const errors: ClassListError[] = []
  for (const { record, info } of body) {
    const field = (column: Column) => record[index[column]]?.trim() ?? ''
    const line = info.lines
    const school = NewSchoolSchema.shape.name.safeParse(field('school'))
    const label = NewClassSchema.shape.label.safeParse(field('label'))
    const grade = NewClassSchema.shape.grade.safeParse(wholeNumber(field('grade')))
    const expected = NewClassSchema.shape.expectedPupils.safeParse(wholeNumber(field('expected')))
    const problems = [
      school.success ? null : 'skolens navn skal være 2–120 tegn',
      label.success ? null : 'klassens navn skal være 1–20 tegn',
      grade.success ? null : `klassetrin skal være 7, 8 eller 9 (ikke »${field('grade')}«)`,
      expected.success
        ? null
        : `forventede elever skal være et helt tal fra 0 til 60 (ikke »${field('expected')}«)`,
    ].filter((problem) => problem !== null)
    if (school.success && label.success && grade.success && expected.success) {
      rows.push({
        line,
        schoolName: school.data,
        label: label.data,
        grade: grade.data,
        expectedPupils: expected.data,
      })
    } else {
      const message = problems.join('; ')
      errors.push({ line, message: message.charAt(0).toUpperCase() + message.slice(1) + '.' })
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows }
}

/**
 * Stores a checked class list in one transaction: schools missing from the municipality (by
 * exact name) and classes missing from the school year are created; a class that already exists
 * (same school, school year and label) is skipped as a duplicate. Audit-logged as one entry.
 */
export async function importClassList(
  db: Kysely<Database>,
  input: { municipalityId: string; userId: string; schoolYear: string; rows: ClassListRow[] },
  now: Date,
): Promise<ClassListImportSummary> {
  return db.transaction().execute(async (trx) => {
    const schoolIds = new Map(
      (await listSchools(trx, { municipalityId: input.municipalityId })).map((school) => [
        school.name,
        school.id,
      ]),
    )
    const existing = new Set(
      (
        await listClasses(trx, {
          municipalityId: input.municipalityId,
          schoolYear: input.schoolYear,
        })
      ).map((schoolClass) => `${schoolClass.schoolId}\n${schoolClass.label}`),
    )
    const summary: ClassListImportSummary = {
      schoolsCreated: 0,
      classesCreated: 0,
      duplicatesSkipped: 0,
    }
    for (const row of input.rows) {
      let schoolId = schoolIds.get(row.schoolName)
      if (schoolId === undefined) {
        schoolId = (await insertSchool(trx, input.municipalityId, row.schoolName, now)).id
        schoolIds.set(row.schoolName, schoolId)
        summary.schoolsCreated++
      }
      const key = `${schoolId}\n${row.label}`
      if (existing.has(key)) {
        summary.duplicatesSkipped++
        continue
      }
      await insertClass(
        trx,
        {
          schoolId,
          schoolYear: input.schoolYear,
          grade: row.grade,
          label: row.label,
          expectedPupils: row.expectedPupils,
        },
        now,
      )
      existing.add(key)
      summary.classesCreated++
    }
    await recordAudit(
      trx,
      {
        userId: input.userId,
        municipalityId: input.municipalityId,
        action: 'classes.import',
        entityType: 'class_list',
        entityId: null,
        details: { schoolYear: input.schoolYear, rows: input.rows.length, ...summary },
      },
      now,
    )
    return summary
  })
}
