import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../../server/app.ts'
import { fixedClock } from '../../../server/clock.ts'
import type { Db } from '../../../server/db/create-db.ts'
import { DEMO_SCHOOL_NAMES, IMPROVING_SCHOOL } from '../../../server/demo/demo-dataset.ts'
import { DEMO_MUNICIPALITY, DEMO_USERS, seedDemo } from '../../../server/demo/demo-seed.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoFacts } from '../../support/demo-api.ts'
import { pdfContent, pdfText } from '../../support/pdf-text.ts'

describe('the round report as PDF', { timeout: 120_000 }, () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const lastClosed = () => facts.rounds.filter((r) => r.state === 'closed').at(-1)!.id
  const apps = new Map<number, App>()
  const cookies = new Map<string, string>()

  /** GET a report as bytes, signed in as a demo user (0 admin, 1 analyst, 2 school) at k. */
  const pdfReport = async (params: Record<string, string>, options = { k: 5, user: 1 }) => {
    const { k, user } = options
    if (!apps.has(k)) {
      apps.set(
        k,
        createApp({
          db: db.kysely,
          dialect: 'sqlite',
          clock: fixedClock(TEST_NOW),
          config: { minGroupSize: k, publicUrl: 'http://x', sessionMinutes: 60 },
          logError: () => undefined,
        }),
      )
    }
    const app = apps.get(k)!
    const id = `${k}:${user}`
    if (!cookies.has(id)) {
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: DEMO_USERS[user]!.email,
          password: DEMO_USERS[user]!.password,
        }),
      })
      cookies.set(id, login.headers.get('set-cookie')!.split(';')[0]!)
    }
    const query = new URLSearchParams({ format: 'pdf', ...params })
    const response = await app.request(`/api/reports/round/${lastClosed()}?${query}`, {
      headers: { cookie: cookies.get(id)! },
    })
    return { response, bytes: Buffer.from(await response.arrayBuffer()) }
  }

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
  }, 120_000)
  afterAll(async () => db.close())

  it('is an A4 PDF attachment of several pages with every heading, charts and page numbers', async () => {
    const { response, bytes } = await pdfReport({})
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const round = facts.rounds.find((r) => r.id === lastClosed())!
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="trivselsradar-rapport-${round.school_year.replace('/', '-')}.pdf"`,
    )
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const raw = bytes.toString('latin1')
    const pages = raw.match(/\/Type \/Page\b(?!s)/g)?.length ?? 0
    expect(pages).toBeGreaterThanOrEqual(2)
    // A4 is 595.28 × 841.89 points.
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/)
    expect(raw).toContain('/Lang (da)')
    const title = /\/Title (\d+) 0 R/.exec(raw)![1]
    expect(raw).toContain(`\n${title} 0 obj\n(${DEMO_MUNICIPALITY} ${round.school_year})`)
    expect(bytes.length).toBeLessThan(2_000_000)

    const text = pdfText(bytes)
    for (const heading of [
      'Hovedbudskaber',
      'Svarprocent',
      'Indikatorer',
      'Beskyttelses- og risikofaktorer',
      'Trivsel (WHO-5) og bekymringsniveau',
      'Metode',
    ]) {
      expect(text.split('\n')).toContain(heading)
    }
    expect(text).toContain('Mindste gruppestørrelse (k): 5.')
    expect(text).toContain('aldrig et enkelt barn')
    expect(text).toContain(`Side 1 af ${pages}`)
    expect(text).toContain(`Side ${pages} af ${pages}`)
    // The vega charts are drawn as vector paths with their own texts.
    const content = pdfContent(bytes)
    expect(content.match(/ [cl]\n/g)?.length ?? 0).toBeGreaterThan(100)
    // svg-to-pdfkit draws each glyph of a chart's texts with its own Tj.
    expect(content.match(/> Tj\n/g)?.length ?? 0).toBeGreaterThan(100)
  })

  it('shows "for få besvarelser" instead of a figure when k is large', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const { response, bytes } = await pdfReport({ school }, { k: 150, user: 1 })
    expect(response.status).toBe(200)
    const text = pdfText(bytes)
    expect(text).toContain('Mindste gruppestørrelse (k): 150.')
    expect(text).toContain('for få besvarelser')
  })

  it('keeps a school user to their own school', async () => {
    const other = DEMO_SCHOOL_NAMES.find((name) => name !== IMPROVING_SCHOOL)!
    const denied = await pdfReport({ school: facts.schoolId(other) }, { k: 5, user: 2 })
    expect(denied.response.status).toBe(404)
    const own = await pdfReport({}, { k: 5, user: 2 })
    expect(own.response.status).toBe(200)
    expect(pdfText(own.bytes)).toContain(IMPROVING_SCHOOL)
  })

  it('writes the PDF report to the audit log with its format', async () => {
    const before = await db.kysely
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'report.round')
      .execute()
    await pdfReport({ lang: 'en' })
    const after = await db.kysely
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'report.round')
      .execute()
    expect(after).toHaveLength(before.length + 1)
    expect(after.map((r) => JSON.parse(r.details_json))).toContainEqual({
      lang: 'en',
      school: null,
      format: 'pdf',
    })
  })
})
