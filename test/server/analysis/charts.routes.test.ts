import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { seedDemo } from '../../../server/demo/demo-seed.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoApi, demoFacts } from '../../support/demo-api.ts'

/** Every data row of a Vega-Lite spec, wherever it sits (layers, concatenations). */
function dataRows(spec: unknown): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = []
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>
      const data = record.data as { values?: Record<string, unknown>[] } | undefined
      if (data?.values) rows.push(...data.values)
      Object.entries(record)
        .filter(([key]) => key !== 'data')
        .forEach(([, value]) => visit(value))
    }
  }
  visit(spec)
  return rows
}

describe('chart specs and SVGs from released figures', () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const api = demoApi(() => db, 'sqlite')
  const lastClosed = () => facts.rounds.filter((r) => r.state === 'closed').at(-1)!.id

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
  }, 120_000)
  afterAll(async () => db.close())

  it('draws the trend of a school against the municipality over every round', async () => {
    const school = facts.schoolId('Havneskolen')
    const { status, body } = await api('charts/trend', {
      measure: 'indicator.alcohol-ever',
      school,
    })
    expect(status).toBe(200)
    expect(body.title).toMatch(/Har drukket alkohol/)
    expect(body.altText.length).toBeGreaterThan(20)
    expect(body.spec.$schema).toMatch(/vega-lite\/v6/)
    const periods = new Set(dataRows(body.spec).map((r) => r.period))
    for (const r of facts.rounds) expect(periods.has(r.school_year)).toBe(true)
    const svg = await api('charts/trend', {
      measure: 'indicator.alcohol-ever',
      school,
      format: 'svg',
    })
    expect(svg.type).toMatch(/image\/svg\+xml/)
    expect(svg.body).toMatch(/^<svg[^>]*aria-label="[^"]+"/)
  })

  it('shows schools side by side, and small schools as "for få besvarelser", never as zero', async () => {
    const k = 150
    const { body } = await api(
      'charts/schools',
      { measure: 'who5.index', rounds: lastClosed(), grade: '9' },
      { k },
    )
    const rows = dataRows(body.spec)
    const suppressed = rows.filter((r) => JSON.stringify(r).includes('for få besvarelser'))
    expect(suppressed.length).toBeGreaterThan(0)
    for (const row of suppressed) {
      for (const value of Object.values(row)) expect(value).not.toBe(0)
    }
    const svg = await api(
      'charts/schools',
      { measure: 'who5.index', rounds: lastClosed(), grade: '9', format: 'svg' },
      { k },
    )
    expect(svg.body).toContain('for få besvarelser')
  })

  it('gives the risk and protective profile, the baseline comparison, concern levels and response rates', async () => {
    const rounds = facts.rounds.filter((r) => r.state === 'closed')
    const profile = await api('charts/profile', {
      round: lastClosed(),
      school: facts.schoolId('Havneskolen'),
      lang: 'en',
    })
    expect(profile.status).toBe(200)
    expect(profile.body.title).toMatch(/[A-Za-z]/)
    expect(JSON.stringify(profile.body.spec)).toContain('Family')
    const dumbbell = await api('charts/dumbbell', {
      round: rounds[2]!.id,
      baseline: rounds[0]!.id,
      school: facts.schoolId('Havneskolen'),
    })
    expect(dumbbell.status).toBe(200)
    expect(JSON.stringify(dumbbell.body.spec)).toMatch(/reel ændring/)
    const concern = await api('charts/concern', { round: lastClosed(), by: 'grade' })
    expect(concern.status).toBe(200)
    expect(JSON.stringify(concern.body.spec)).toContain('Alvorlig bekymring')
    const rates = await api('charts/response-rates', { round: lastClosed(), format: 'svg' })
    expect(rates.status).toBe(200)
    expect(rates.body).toMatch(/^<svg/)
    // A closed round's classes answered long ago; their codes need not exist any more.
    const rateRows = dataRows(
      (await api('charts/response-rates', { round: lastClosed() })).body.spec,
    )
    expect(new Set(rateRows.map((r) => r.label)).size).toBe(10)
  })

  it('keeps a school user to their own school', async () => {
    const other = facts.schoolId('Engskolen')
    const refused = await api('charts/trend', { measure: 'who5.index', school: other }, { user: 2 })
    expect(refused.status).toBe(404)
    const own = await api('charts/schools', { measure: 'who5.index' }, { user: 2 })
    const labels = dataRows(own.body.spec).map((r) => JSON.stringify(r))
    expect(labels.some((l) => l.includes('Engskolen'))).toBe(false)
    expect(labels.some((l) => l.includes('Havneskolen'))).toBe(true)
  })
})
