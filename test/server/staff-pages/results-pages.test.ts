import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../../server/app.ts'
import { fixedClock } from '../../../server/clock.ts'
import type { Db } from '../../../server/db/create-db.ts'
import { DEMO_SCHOOL_NAMES, IMPROVING_SCHOOL } from '../../../server/demo/demo-dataset.ts'
import { DEMO_USERS, seedDemo } from '../../../server/demo/demo-seed.ts'
import { loadWebAssets } from '../../../server/web-assets/web-assets.ts'
import { DIST_DIR } from '../../../web/build.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'
import { demoFacts } from '../../support/demo-api.ts'

const EVIL = '<script>alert(1)</script>'

/** The attribute values of every element carrying `name`, unescaped as a browser reads them. */
const attributes = (html: string, name: string): string[] =>
  [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) =>
    m[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"'),
  )

describe('the overview and measure pages on the demo municipality', () => {
  let db: Db
  let app: App
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const cookies: string[] = []
  const renamed = DEMO_SCHOOL_NAMES.find((name) => name !== IMPROVING_SCHOOL)!

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
    await db.kysely.updateTable('schools').set({ name: EVIL }).where('name', '=', renamed).execute()
    app = createApp({
      db: db.kysely,
      dialect: 'sqlite',
      clock: fixedClock(TEST_NOW),
      config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
      logError: () => undefined,
      webAssets: loadWebAssets(DIST_DIR),
    })
    for (const user of DEMO_USERS) {
      const response = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      })
      cookies.push(response.headers.get('set-cookie')!.split(';')[0]!)
    }
  }, 120_000)
  afterAll(async () => db.close())

  const analyst = 1
  const schoolUser = 2
  const page = async (path: string, user = analyst) => {
    const started = performance.now()
    const response = await app.request(path, { headers: { cookie: cookies[user]! } })
    const html = await response.text()
    console.log(`${path.split('?')[0]} rendered in ${(performance.now() - started).toFixed(0)} ms`)
    return { status: response.status, html }
  }

  it('shows the newest round’s key indicators with their change, each linking to its page', async () => {
    const { status, html } = await page('/staff/overview')
    expect(status).toBe(200)
    expect(html).toContain('Svarprocent')
    expect(html).toContain('href="/staff/measures/who5.index"')
    for (const indicator of facts.spec.indicators) {
      expect(html).toContain(`href="/staff/measures/indicator.${indicator.id}"`)
    }
    expect(html).toMatch(
      /[↑↓→]<\/span> [+−]\d+ procentpoint, (reel ændring|inden for normal variation)/,
    )
    expect(html).toContain('reel ændring')
    expect(html).toMatch(
      /<ol class="movers">(<li><a href="\/staff\/measures\/factor\.[^"]+">.*?<\/li>){5}<\/ol>/,
    )
    const [concern] = attributes(html, 'data-chart-url')
    expect(concern).toMatch(/^\/api\/analysis\/charts\/concern\?round=[0-9a-f-]{36}&by=school$/)
    expect(html).toContain('class="chart-alt"')
    expect(html).toContain('href="/staff/overview"')

    // The concern chart's table view: a row per school and the municipality, shares adding up.
    const table = html.match(
      /<caption>Andel af eleverne på hvert bekymringsniveau<\/caption>.*?<\/table>/s,
    )![0]
    expect(table).toContain('<th scope="col">Alvorlig bekymring</th>')
    const rows = [...table.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)]
    // The newest round is still open: the schools that have answered, in Danish order, then all.
    const schools = rows.slice(0, -1).map((r) => r[1]!)
    expect(schools.length).toBeGreaterThan(3)
    expect(schools).toEqual([...schools].sort(new Intl.Collator('da').compare))
    expect(rows.at(-1)![1]).toBe('Kommunen')
    for (const [, , cells] of rows) {
      const shares = [...cells!.matchAll(/<td>(\d+) %<\/td>/g)].map((m) => Number(m[1]))
      expect(shares).toHaveLength(4)
      expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(2)
    }
  })

  it('sends a visitor without a session to sign in, keeping the filters', async () => {
    const response = await app.request('/staff/overview?grade=8')
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `/staff/login?next=${encodeURIComponent('/staff/overview?grade=8')}`,
    )
  })

  it('keeps the filters in every link and in the form', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const { status, html } = await page(`/staff/overview?school=${school}&grade=8&gender=`)
    expect(status).toBe(200)
    expect(html).toContain(`href="/staff/measures/who5.index?school=${school}&amp;grade=8"`)
    expect(html).toMatch(new RegExp(`<option value="${school}" selected`))
    expect(html).toMatch(/<option value="8" selected/)
    expect(attributes(html, 'data-chart-url')[0]).toContain(`school=${school}&grade=8&by=grade`)

    // One click to that school's report, as HTML and as PDF, and the link answers.
    const newest = facts.rounds.filter((r) => r.state !== 'draft').at(-1)!.id
    const report = `/api/reports/round/${newest}?school=${school}`
    expect(html).toContain(`Rapport for skolen: <a href="${report}">`)
    expect(html).toContain(`href="${report}&amp;format=pdf" download`)
    const answer = await app.request(report, { headers: { cookie: cookies[analyst]! } })
    expect(answer.status).toBe(200)
    expect(await answer.text()).toContain(`<h2>Hovedbudskaber</h2>`)
  })

  it('holds a school user to their own school and answers 404 for another', async () => {
    const own = facts.schoolId(IMPROVING_SCHOOL)
    const { status, html } = await page('/staff/overview', schoolUser)
    expect(status).toBe(200)
    expect(html).toContain(IMPROVING_SCHOOL)
    expect(html).not.toContain('name="school"')
    expect(html).not.toContain('alert(1)')
    const other = facts.schoolId(renamed)
    expect((await page(`/staff/overview?school=${other}`, schoolUser)).status).toBe(404)
    expect((await page(`/staff/measures/who5.index?school=${other}`, schoolUser)).status).toBe(404)
    expect((await page(`/staff/overview?school=${own}`, schoolUser)).status).toBe(200)
  })

  it('answers 404 for an unknown measure, round or school', async () => {
    expect((await page('/staff/measures/indicator.nothing')).status).toBe(404)
    const stranger = '00000000-0000-4000-8000-000000000000'
    const unknownRound = await page(`/staff/overview?round=${stranger}`)
    expect(unknownRound.status).toBe(404)
    expect(unknownRound.html).toContain('Siden findes ikke')
    expect((await page(`/staff/overview?school=${stranger}`)).status).toBe(404)
    expect((await page('/staff/overview?grade=10')).status).toBe(404)
  })

  it('shows a measure’s definition, its charts with their API URLs and the numbers behind them', async () => {
    const indicator = facts.spec.indicators[0]!
    const id = `indicator.${indicator.id}`
    const { status, html } = await page(`/staff/measures/${id}?grade=9`)
    expect(status).toBe(200)
    expect(html).toContain(indicator.label.da)
    expect(html).toContain('Nævneren er de elever, der fik spørgsmålet')
    const newest = facts.rounds.filter((r) => r.state !== 'draft').at(-1)!.id
    const urls = attributes(html, 'data-chart-url')
    expect(urls).toEqual([
      `/api/analysis/charts/trend?grade=9&measure=${id}`,
      `/api/analysis/charts/schools?grade=9&measure=${id}&rounds=${newest}`,
    ])
    for (const url of urls) {
      expect(html).toContain(`href="${url.replaceAll('&', '&amp;')}&amp;format=svg"`)
      const chart = await app.request(url, { headers: { cookie: cookies[analyst]! } })
      expect(chart.status).toBe(200)
      expect(html).toContain((await chart.json()).altText.replaceAll('&', '&amp;').slice(0, 40))
    }
    expect(html.match(/<summary>Vis tal<\/summary>/g)).toHaveLength(2)
    expect(html).toContain('<caption>Pr. klassetrin</caption>')
    expect(html).toContain('<caption>Pr. køn</caption>')
    expect(html).toMatch(/<th scope="row">9\. klasse<\/th><td><span class="figure">\d+ %<\/span>/)

    // The question behind it, and how 9th-graders answered, as shares adding up to 100 %.
    expect(html).toContain('Spørgsmålene bag og svarene')
    const table = html.match(/<table class="figures answers">.*?<\/table>/s)![0]
    expect(table).toContain(`(${indicator.item})`)
    expect(table).toContain('Andel af eleverne i 9. klasse i kommunen')
    const shares = [...table.matchAll(/<th scope="row">[^<]+<\/th><td>(\d+) %<\/td>/g)].map((m) =>
      Number(m[1]),
    )
    expect(shares.length).toBeGreaterThan(1)
    expect(Math.abs(shares.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(shares.length)
    const answered = await db.kysely
      .selectFrom('responses as r')
      .innerJoin('classes as cl', 'cl.id', 'r.class_id')
      .select('r.answers_json')
      .where('r.round_id', '=', newest)
      .where('r.state', '=', 'complete')
      .where('r.flagged', '=', 0)
      .where('cl.grade', '=', 9)
      .execute()
    const n = answered.filter(
      (r) => JSON.parse(r.answers_json)[indicator.item] !== undefined,
    ).length
    expect(table).toContain(`<th scope="row">Besvarelser</th><td>${n}</td>`)
  })

  it('shows a school named like a script as text', async () => {
    const measure = await page('/staff/measures/who5.index')
    expect(measure.status).toBe(200)
    expect(measure.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(measure.html).not.toContain(EVIL)
    const overview = await page('/staff/overview')
    expect(overview.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(overview.html).not.toContain(EVIL)
  })
})
