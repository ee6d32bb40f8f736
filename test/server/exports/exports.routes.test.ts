import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { seedDemo } from '../../../server/demo/demo-seed.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoApi, demoFacts, type Row } from '../../support/demo-api.ts'

describe('exports of aggregate results on the demo municipality', () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const api = demoApi(() => db, 'sqlite')
  const exportOf = demoApi(() => db, 'sqlite', 'exports')
  const lastClosed = () => facts.rounds.filter((r) => r.state === 'closed').at(-1)!.id

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
  }, 120_000)
  afterAll(async () => db.close())

  /** Reads the table part of a CSV export (up to the blank line) as records by header. */
  const csvTable = (text: string, delimiter: string) => {
    const [table, notes] = text.split('\r\n\r\n')
    const records = parse(table!, { delimiter, columns: true, bom: true }) as Record<
      string,
      string
    >[]
    return { records, notes: parse(notes!, { delimiter }) as string[][] }
  }

  it('writes CSV for Danish Excel: BOM, semicolons, decimal commas, and the API’s figures', async () => {
    const query = { measure: 'indicator.alcohol-ever', by: 'school', rounds: lastClosed() }
    const json = await api('aggregate', query)
    const file = await exportOf('aggregate', { ...query, format: 'csv-excel' })
    expect(file.status).toBe(200)
    expect(file.type).toBe('text/csv; charset=utf-8')
    expect(file.headers.get('cache-control')).toBe('no-store')
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="trivselsradar-indicator\.alcohol-ever-[A-Za-z0-9.-]+\.csv"$/,
    )
    const text = file.body as string
    expect(text.startsWith('\uFEFFMåling;Skole;Mål;n;Manglende;Andel %;Nedre 95 %;')).toBe(true)
    expect(text).toContain('\r\n')
    const { records, notes } = csvTable(text, ';')
    const rows = [...json.body.totals, ...json.body.groups] as Row[]
    expect(records).toHaveLength(rows.length)
    expect(records[0]!.Skole).toBe('I alt')
    records.forEach((record, i) => {
      const row = rows[i]!
      expect(record.Status).toBe('vist')
      if (i > 0) expect(record.Skole).toBe(row.group.school!.label)
      expect(record.n).toBe(String(row.figure!.n))
      const percent = (x: number) => (x * 100).toFixed(1).replace('.', ',')
      expect(record['Andel %']).toMatch(/^\d+,\d$/)
      expect(record['Andel %']).toBe(percent(row.figure!.proportion!))
      expect(record['Nedre 95 %']).toBe(percent(row.figure!.lower))
      expect(record['Øvre 95 %']).toBe(percent(row.figure!.upper))
      expect(record.Manglende).toBe(String((row as unknown as { missing: number }).missing))
    })
    const about = new Map(notes.map(([label, value]) => [label, value]))
    expect(about.get('Undertrykkelse af små grupper')).toBe(json.body.suppression.rule)
    expect(about.get('Mindste gruppestørrelse (k)')).toBe('5')
    expect(about.get('Definition')).toBe(json.body.measure.definition)
    expect(about.get(`Udeladt som ugyldige, ${json.body.rounds[0].label}`)).toBe(
      String(json.body.rounds[0].excludedAsInvalid),
    )
    expect(about.get('Eksporteret')).toBe(TEST_NOW.toISOString())
  })

  it('writes plain CSV with commas and decimal points, in English on request', async () => {
    const query = { measure: 'who5.index', by: 'grade', rounds: lastClosed(), lang: 'en' }
    const json = await api('aggregate', query)
    const file = await exportOf('aggregate', { ...query, format: 'csv' })
    expect(file.status).toBe(200)
    const text = file.body as string
    expect(text.startsWith('Survey round,Grade,Measure,n,Missing,Mean,Lower 95 %')).toBe(true)
    const { records } = csvTable(text, ',')
    const rows = [...json.body.totals, ...json.body.groups] as Row[]
    expect(records.map((r) => r.Grade)).toEqual(['Total', 'Grade 7', 'Grade 8', 'Grade 9'])
    records.forEach((record, i) => {
      expect(record.Mean).toMatch(/^\d+\.\d\d$/)
      expect(record.Mean).toBe(rows[i]!.figure!.mean!.toFixed(2))
      expect(Number(record.n)).toBe(rows[i]!.figure!.n)
      expect(record.SD).toMatch(/^\d+\.\d\d$/)
      expect(record.Status).toBe('shown')
    })
  })

  it('writes an XLSX workbook with numeric cells equal to the API’s and an "Om tallene" sheet', async () => {
    const query = { measure: 'indicator.drunk-30d', by: 'round,grade' }
    const json = await api('aggregate', query)
    const file = await exportOf('aggregate', { ...query, format: 'xlsx' })
    expect(file.status).toBe(200)
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="trivselsradar-indicator.drunk-30d-tidsserie.xlsx"',
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(file.body)
    const sheet = workbook.getWorksheet('Resultater')!
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual([
      'Måling',
      'Klassetrin',
      'Mål',
      'n',
      'Manglende',
      'Andel %',
      'Nedre 95 %',
      'Øvre 95 %',
      'Status',
    ])
    const rows = [...json.body.totals, ...json.body.groups] as Row[]
    expect(sheet.rowCount).toBe(rows.length + 1)
    rows.forEach((row, i) => {
      const cells = sheet.getRow(i + 2)
      if (row.status === 'suppressed') {
        expect(cells.getCell(6).value).toBeNull()
        return
      }
      expect(cells.getCell(4).value).toBe(row.figure!.n)
      expect(typeof cells.getCell(6).value).toBe('number')
      expect(cells.getCell(6).value).toBeCloseTo(row.figure!.proportion! * 100, 10)
      expect(cells.getCell(6).numFmt).toBe('0.0')
      expect(cells.getCell(8).value).toBeCloseTo(row.figure!.upper * 100, 10)
    })
    expect(sheet.getRow(2).getCell(2).value).toBe('I alt')
    const about = workbook.getWorksheet('Om tallene')!
    const notes = new Map(
      about.getSheetValues().flatMap((r) => (Array.isArray(r) ? [[r[1], r[2]] as const] : [])),
    )
    expect(notes.get('Undertrykkelse af små grupper')).toBe(json.body.suppression.rule)
    expect(notes.get('Mindste gruppestørrelse (k)')).toBe(5)
    expect(notes.get(`Scoringsversion, ${json.body.rounds[0].label}`)).toBe(facts.spec.version)
  })

  it('leaves suppressed rows’ figure cells empty with the reason, never 0', async () => {
    const query = { measure: 'indicator.alcohol-ever', by: 'school,grade', rounds: lastClosed() }
    const json = await api('aggregate', query, { k: 150 })
    const suppressed = [...json.body.totals, ...json.body.groups].filter(
      (r: Row) => r.status === 'suppressed',
    ).length
    expect(suppressed).toBeGreaterThan(0)
    const csv = await exportOf('aggregate', { ...query, format: 'csv-excel' }, { k: 150 })
    const { records } = csvTable(csv.body as string, ';')
    const hidden = records.filter((r) => r.Status === 'for få besvarelser')
    expect(hidden).toHaveLength(suppressed)
    for (const record of hidden) {
      for (const column of ['n', 'Manglende', 'Andel %', 'Nedre 95 %', 'Øvre 95 %'])
        expect(record[column]).toBe('')
    }
    const xlsx = await exportOf('aggregate', { ...query, format: 'xlsx' }, { k: 150 })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body)
    const sheet = workbook.getWorksheet('Resultater')!
    let hiddenCells = 0
    sheet.eachRow((row, number) => {
      if (number === 1 || row.getCell(10).value !== 'for få besvarelser') return
      hiddenCells++
      for (const column of [5, 6, 7, 8, 9]) expect(row.getCell(column).value).toBeNull()
    })
    expect(hiddenCells).toBe(suppressed)
  })

  it('keeps a school user to their own school', async () => {
    const own = await exportOf(
      'aggregate',
      { measure: 'who5.index', by: 'school', format: 'csv' },
      { user: 2 },
    )
    expect(own.status).toBe(200)
    const { records } = csvTable(own.body as string, ',')
    expect(records.map((r) => r.Skole)).toEqual(['I alt', 'Havneskolen'])
    const other = await exportOf(
      'aggregate',
      { measure: 'who5.index', school: facts.schoolId('Engskolen'), format: 'csv' },
      { user: 2 },
    )
    expect(other.status).toBe(404)
    expect(other.body.error.code).toBe('not_found')
  })

  it('writes every export to the audit log, without figures', async () => {
    const before = await db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'export.aggregate')
      .execute()
    const query = { measure: 'indicator.drunk-30d', by: 'gender', grade: '9', format: 'xlsx' }
    expect((await exportOf('aggregate', query, { user: 1 })).status).toBe(200)
    const entries = await db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export.aggregate')
      .orderBy('at')
      .execute()
    expect(entries).toHaveLength(before.length + 1)
    const entry = entries.find((e) => !before.some((b) => b.id === e.id))!
    expect(entry).toMatchObject({ entity_type: 'measure', entity_id: 'indicator.drunk-30d' })
    expect(entry.at).toBe(TEST_NOW.toISOString())
    expect(JSON.parse(entry.details_json)).toEqual({
      format: 'xlsx',
      measure: 'indicator.drunk-30d',
      by: ['gender'],
      filters: {
        rounds: null,
        school: null,
        grade: '9',
        gender: null,
        includeFlagged: 'false',
      },
      rows: expect.any(Number),
    })
  })

  it('refuses an unknown format with the JSON error shape', async () => {
    const bad = await exportOf('aggregate', { measure: 'who5.index', format: 'pdf' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    expect(bad.body.error.message).toMatch(/format/)
    expect((await exportOf('aggregate', { measure: 'who5.index' })).status).toBe(400)
  })
})
