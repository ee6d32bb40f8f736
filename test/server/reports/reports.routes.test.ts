import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { DEMO_SCHOOL_NAMES, IMPROVING_SCHOOL } from '../../../server/demo/demo-dataset.ts'
import { seedDemo } from '../../../server/demo/demo-seed.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoApi, demoFacts } from '../../support/demo-api.ts'

describe('the print-ready round report on the demo municipality', () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const report = demoApi(() => db, 'sqlite', 'reports')
  const lastClosed = () => facts.rounds.filter((r) => r.state === 'closed').at(-1)!.id

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
  }, 120_000)
  afterAll(async () => db.close())

  it('is a complete HTML document for A4 with key messages, response rate, themes and method', async () => {
    const response = await report(`round/${lastClosed()}`, {})
    expect(response.status).toBe(200)
    expect(response.type).toBe('text/html; charset=UTF-8')
    const html = response.body as string
    expect(html.startsWith('<!doctype html><html lang="da">')).toBe(true)
    expect(html).toContain('@page { size: A4; margin: 18mm }')
    for (const heading of [
      'Hovedbudskaber',
      'Svarprocent',
      'Indikatorer',
      'Beskyttelses- og risikofaktorer',
      'Trivsel (WHO-5) og bekymringsniveau',
      'Metode',
    ]) {
      expect(html).toContain(`<h2>${heading}</h2>`)
    }
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3)
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain('Mindste gruppestørrelse (k): 5.')
    expect(html).toContain('aldrig et enkelt barn')
    expect(html).toMatch(/\d+ %/)
  })

  it('says so when there is no earlier round to compare with', async () => {
    const first = facts.rounds.find((r) => r.state !== 'draft')!.id
    const response = await report(`round/${first}`, {})
    expect(response.status).toBe(200)
    expect(response.body).toContain('Der er ingen måling fra året før at sammenligne med.')
  })

  it('compares a school with the rest of the municipality when there is no year before', async () => {
    const first = facts.rounds.find((r) => r.state !== 'draft')!.id
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const response = await report(`round/${first}`, { school })
    expect(response.status).toBe(200)
    const html = response.body as string
    expect(html).toContain('skolen sammenlignes med resten af kommunen i samme måling')
    expect(html).not.toContain('Der er ingen måling fra året før at sammenligne med.')
    // Each measure's line says how the school differs from the others, in words.
    expect(html).toMatch(/(reel forskel|inden for normal variation)/)
  })

  it('writes numbers the English way in an English report', async () => {
    const response = await report(`round/${lastClosed()}`, { lang: 'en' })
    expect(response.status).toBe(200)
    const html = response.body as string
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true)
    expect(html).toMatch(/<td class="number">\d+%<\/td>/)
    expect(html).not.toMatch(/<td class="number">\d+ %<\/td>/)
    expect(html).toMatch(/<td class="number">\d+\.\d<\/td>/)
    const danish = (await report(`round/${lastClosed()}`, {})).body as string
    expect(danish).toMatch(/<td class="number">\d+\s%<\/td>/)
    expect(danish).toMatch(/<td class="number">\d+,\d<\/td>/)
  })

  it('shows no figure for a suppressed group when k is large', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const response = await report(`round/${lastClosed()}`, { school }, { k: 150 })
    expect(response.status).toBe(200)
    const html = response.body as string
    expect(html).toContain('Mindste gruppestørrelse (k): 150.')
    // A suppressed group gets the words instead of a figure and no n beside them.
    const rows = [
      ...html.matchAll(
        /<tr><td>[^<]*<\/td><td class="number[^"]*">([^<]*)<\/td><td class="number">([^<]*)<\/td>/g,
      ),
    ]
    const suppressed = rows.filter(([, value]) => value === 'for få besvarelser')
    expect(suppressed.length).toBeGreaterThan(0)
    for (const [, , n] of suppressed) expect(n).toBe('')
    for (const [, value, n] of rows) {
      if (value!.endsWith('%')) expect(Number(n)).toBeGreaterThanOrEqual(150)
    }
  })

  it('keeps a school user to their own school', async () => {
    const other = DEMO_SCHOOL_NAMES.find((name) => name !== IMPROVING_SCHOOL)!
    const denied = await report(
      `round/${lastClosed()}`,
      { school: facts.schoolId(other) },
      { user: 2 },
    )
    expect(denied.status).toBe(404)
    const own = await report(`round/${lastClosed()}`, {}, { user: 2 })
    expect(own.status).toBe(200)
    expect(own.body).toContain(`<h1>${IMPROVING_SCHOOL} `)
  })

  it('escapes a school name that holds markup', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    await db.kysely
      .updateTable('schools')
      .set({ name: '<script>alert(1)</script>' })
      .where('id', '=', school)
      .execute()
    try {
      for (const params of [{}, { school }] as Record<string, string>[]) {
        const response = await report(`round/${lastClosed()}`, params)
        expect(response.status).toBe(200)
        expect(response.body).not.toMatch(/<script/i)
        expect(response.body).toContain('&lt;script&gt;')
      }
    } finally {
      await db.kysely
        .updateTable('schools')
        .set({ name: IMPROVING_SCHOOL })
        .where('id', '=', school)
        .execute()
    }
  })

  it('writes the report to the audit log', async () => {
    const round = lastClosed()
    const reports = () =>
      db.kysely
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'report.round')
        .where('entity_id', '=', round)
        .execute()
    const before = (await reports()).length
    await report(`round/${round}`, { lang: 'en' })
    const rows = await reports()
    expect(rows).toHaveLength(before + 1)
    const row = rows.find((r) => JSON.parse(r.details_json).lang === 'en')!
    expect(row.entity_type).toBe('round')
    expect(JSON.parse(row.details_json)).toEqual({ lang: 'en', school: null })
  })
})
