import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { seedDemo } from '../../../server/demo/demo-seed.ts'
import { listQuestions } from '../../../survey-definitions/definition-check.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoApi, demoFacts } from '../../support/demo-api.ts'

const ADMIN = 0
const ANALYST = 1
const SCHOOL = 2
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i

describe('the pupil-level anonymous export with its codebook', { timeout: 120_000 }, () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  let items: string[]
  const exportOf = demoApi(() => db, 'sqlite', 'exports')
  const lastClosed = () => facts.rounds.filter((r) => r.state === 'closed').at(-1)!.id
  const records = (text: string) =>
    parse(text, {
      columns: true,
      bom: true,
      delimiter: text.startsWith('\uFEFF') ? ';' : ',',
    }) as Record<string, string>[]
  const completed = () =>
    db.kysely
      .selectFrom('responses')
      .select(['id', 'answers_json', 'school_id', 'class_id'])
      .where('round_id', '=', lastClosed())
      .where('state', '=', 'complete')
      .execute()

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
    const definition = await db.kysely
      .selectFrom('questionnaire_definitions')
      .select('survey_json')
      .where('id', '=', facts.rounds.at(-1)!.definition_id)
      .executeTakeFirstOrThrow()
    items = listQuestions(JSON.parse(definition.survey_json)).map((q) => q.name)
  }, 120_000)
  afterAll(async () => db.close())

  it('gives an admin a wide CSV: one row per completed response, every item, no UUIDs', async () => {
    const file = await exportOf(
      'responses',
      { round: lastClosed(), format: 'csv', shape: 'wide' },
      { user: ADMIN },
    )
    expect(file.status).toBe(200)
    expect(file.type).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="trivselsradar-besvarelser-[A-Za-z0-9.-]+-wide\.csv"$/,
    )
    const text = file.body as string
    expect(text).not.toMatch(UUID)
    const rows = records(text)
    const responses = await completed()
    expect(rows).toHaveLength(responses.length)
    const header = Object.keys(rows[0]!)
    expect(header.slice(0, 8)).toEqual([
      'row',
      'round',
      'school',
      'class',
      'grade',
      'gender',
      'flagged',
      'flags',
    ])
    for (const item of items) expect(header).toContain(item)
    expect(header).toContain('who5.index')
    for (const column of ['id', 'started_on', 'submitted_on', 'completion_seconds', 'updated_at'])
      expect(header).not.toContain(column)
    // Nothing that looks like a date or a time of day anywhere in the file.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}/)
    expect(rows.map((r) => Number(r.row))).toEqual(responses.map((_, i) => i + 1))
    // Flagged and unflagged responses are both there, marked.
    expect(rows.some((r) => r.flagged === '1' && r.flags !== '')).toBe(true)
    expect(rows.some((r) => r.flagged === '0' && r.flags === '')).toBe(true)
  })

  it('has one long row per answered item and per stored score', async () => {
    const file = await exportOf(
      'responses',
      { round: lastClosed(), format: 'csv-excel', shape: 'long' },
      { user: ADMIN },
    )
    expect(file.status).toBe(200)
    const text = file.body as string
    expect(
      text.startsWith('\uFEFFrow;round;school;class;grade;gender;flagged;flags;variable;value'),
    ).toBe(true)
    expect(text).not.toMatch(UUID)
    const responses = await completed()
    const answered = responses
      .map((r) => JSON.parse(r.answers_json) as Record<string, unknown>)
      .reduce((sum, answers) => sum + items.filter((i) => answers[i] != null).length, 0)
    const scores = await db.kysely
      .selectFrom('response_scores as s')
      .innerJoin('responses as r', 'r.id', 's.response_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('r.round_id', '=', lastClosed())
      .where('r.state', '=', 'complete')
      .executeTakeFirstOrThrow()
    const rows = records(text)
    expect(rows).toHaveLength(answered + Number(scores.n))
    expect(rows.filter((r) => r.variable === 'who5.index')[0]!.value).toMatch(/^\d+(,\d+)?$/)
  })

  it('replaces schools and classes by pseudonyms that are stable and not the names', async () => {
    const query = { round: lastClosed(), format: 'csv', shape: 'wide', pseudonyms: 'true' }
    const first = records((await exportOf('responses', query, { user: ADMIN })).body)
    const second = records((await exportOf('responses', query, { user: ADMIN })).body)
    const named = records(
      (await exportOf('responses', { ...query, pseudonyms: 'false' }, { user: ADMIN })).body,
    )
    const schools = new Set(first.map((r) => r.school))
    expect([...schools].every((s) => /^Skole-[0-9A-F]{6}$/.test(s ?? ''))).toBe(true)
    expect(first.map((r) => r.class)).toEqual(second.map((r) => r.class))
    expect(first.map((r) => r.school)).toEqual(second.map((r) => r.school))
    const names = await db.kysely.selectFrom('schools').select('name').execute()
    for (const { name } of names) expect(schools.has(name)).toBe(false)
    expect(named.some((r) => names.some((n) => n.name === r.school))).toBe(true)
    // One pseudonym per school, one per class: the mapping is one-to-one.
    const pairs = new Set(named.map((r, i) => `${r.school}|${first[i]!.school}`))
    expect(pairs.size).toBe(schools.size)
  })

  it('refuses everyone but administrators', async () => {
    for (const user of [ANALYST, SCHOOL]) {
      const denied = await exportOf('responses', { round: lastClosed(), format: 'csv' }, { user })
      expect(denied.status).toBe(403)
      expect(denied.body.error.code).toBe('forbidden')
      const codebook = await exportOf('codebook', { round: lastClosed(), format: 'csv' }, { user })
      expect(codebook.status).toBe(403)
    }
  })

  it('blanks school, class and gender for groups with fewer than k responses', async () => {
    const responses = await completed()
    const perSchool = new Map<string, number>()
    for (const r of responses) perSchool.set(r.school_id, (perSchool.get(r.school_id) ?? 0) + 1)
    const sizes = [...perSchool.values()].sort((a, b) => a - b)
    // k between the smallest and the largest school: some schools shown, some blanked.
    const k = sizes[0]! + 1
    expect(k).toBeLessThanOrEqual(sizes.at(-1)!)
    const query = { round: lastClosed(), format: 'csv', shape: 'wide', pseudonyms: 'false' }
    const rows = records((await exportOf('responses', query, { user: ADMIN, k })).body)
    const small = [...perSchool.values()].filter((n) => n < k).reduce((a, b) => a + b, 0)
    expect(rows.filter((r) => r.school === '')).toHaveLength(small)
    for (const r of rows.filter((r) => r.school === '')) expect(r.class).toBe('')

    const all = records((await exportOf('responses', query, { user: ADMIN, k: 100_000 })).body)
    expect(all).toHaveLength(responses.length)
    for (const r of all) {
      expect(r.school).toBe('')
      expect(r.class).toBe('')
      expect(r.gender).toBe('')
      expect(r.bg_gender).toBe('')
      expect(r['background.gender']).toBe('')
      expect(r.grade).toMatch(/^[789]$/)
    }
    const codebook = await exportOf(
      'codebook',
      { round: lastClosed(), format: 'csv' },
      { user: ADMIN, k: 100_000 },
    )
    expect(codebook.body).toContain('færre end 100000 besvarelser')
  })

  it('has a codebook that lists every item with its wording and answer labels', async () => {
    const file = await exportOf('codebook', { round: lastClosed(), format: 'csv' }, { user: ADMIN })
    expect(file.status).toBe(200)
    const [table] = (file.body as string).split('\r\n\r\n')
    const entries = parse(table!, { columns: true }) as Record<string, string>[]
    const byName = new Map(entries.map((e) => [e.Variabel, e]))
    for (const item of items) {
      expect(byName.get(item)?.Type).toBe('spørgsmål')
      expect(byName.get(item)?.Tekst).not.toBe('')
      expect(byName.get(item)?.Værdier).toMatch(/^\d+ = .+/)
    }
    expect(byName.get('bg_gender')).toMatchObject({
      Tekst: 'Hvad er dit køn?',
      Værdier: '1 = Dreng; 2 = Pige; 3 = Anden / vil ikke svare',
    })
    expect(byName.get('who5.index')?.Type).toBe('score')
    expect(byName.get('who5.index')?.Definition).not.toBe('')
    expect(byName.get('flagged')?.Type).toBe('kolonne')

    const xlsx = await exportOf(
      'responses',
      { round: lastClosed(), format: 'xlsx', shape: 'wide' },
      { user: ADMIN },
    )
    expect(xlsx.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Data', 'Kodebog', 'Om filen'])
    expect(workbook.getWorksheet('Data')!.rowCount).toBe((await completed()).length + 1)
    expect(workbook.getWorksheet('Kodebog')!.rowCount).toBe(entries.length + 1)
  })

  it('writes every export to the audit log, without data', async () => {
    const entries = () =>
      db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'export.responses')
        .execute()
    const before = (await entries()).length
    const query = { round: lastClosed(), format: 'csv', shape: 'long', pseudonyms: 'false' }
    const file = await exportOf('responses', query, { user: ADMIN })
    const after = await entries()
    expect(after).toHaveLength(before + 1)
    const entry = after.at(-1)!
    expect(entry).toMatchObject({ entity_type: 'round', entity_id: lastClosed() })
    expect(JSON.parse(entry.details_json)).toEqual({
      format: 'csv',
      shape: 'long',
      pseudonyms: false,
      rows: records(file.body).length,
    })
  })
})
