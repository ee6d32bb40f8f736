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

describe('the profile and comparison pages on the demo municipality', () => {
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
    console.log(`${path} rendered in ${(performance.now() - started).toFixed(0)} ms`)
    return { status: response.status, html }
  }
  const withResults = () => facts.rounds.filter((r) => r.state !== 'draft')

  it('shows the municipality’s profile by domain, each factor labelled and linking to its page', async () => {
    const { status, html } = await page('/staff/profile')
    expect(status).toBe(200)
    for (const domain of ['Familie', 'Skole', 'Kammerater og individ', 'Fritid og lokalsamfund']) {
      expect(html).toContain(`<caption>${domain}</caption>`)
    }
    for (const factor of facts.spec.factors) {
      expect(html).toContain(`href="/staff/measures/factor.${factor.id}.present?round=`)
      expect(html).toContain(factor.label.da)
    }
    expect(html).toContain('Risikofaktor')
    expect(html).toContain('Beskyttende faktor')
    expect(html).toMatch(/<th scope="col">Ændring siden \d{4}\/\d{2}<\/th>/)
    expect(html).toMatch(/reel ændring|inden for normal variation/)
    const [chart] = attributes(html, 'data-chart-url')
    expect(chart).toBe(`/api/analysis/charts/profile?round=${withResults().at(-1)!.id}`)
    expect(html).toContain(`href="${chart!.replaceAll('&', '&amp;')}&amp;format=svg"`)
    expect(html).toContain('<summary>Vis tal</summary>')
    expect(html).not.toContain('Figuren kunne ikke laves.')
  })

  it('shows a school’s profile against the municipality, tested against the rest', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const { status, html } = await page(`/staff/profile?school=${school}`)
    expect(status).toBe(200)
    expect(html).toContain(IMPROVING_SCHOOL)
    expect(html).toContain('<th scope="col">Kommunen</th>')
    expect(html).toContain('<th scope="col">Forskel fra resten af kommunen</th>')
    expect(attributes(html, 'data-chart-url')[0]).toContain(`school=${school}`)
  })

  it('compares Havneskolen’s baseline with the newest round, finding the planted improvement', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const { status, html } = await page(`/staff/compare?school=${school}`)
    expect(status).toBe(200)
    const rounds = withResults()
    expect(html).toMatch(new RegExp(`<option value="${rounds[0]!.id}" selected`))
    expect(html).toMatch(new RegExp(`<option value="${rounds.at(-1)!.id}" selected`))
    expect(html).toMatch(/<p class="summary"><strong>\d+ af \d+ mål ændrede sig reelt/)
    expect(html).toContain('>reel ændring</td>')
    expect(html).toContain('>inden for normal variation</td>')
    expect(html).toMatch(/procentpoint<\/td>/)
    expect(html).toMatch(/[hd] = −?\d+,\d\d \((ubetydelig|lille|mellemstor|stor)\)/)
    expect(html).toMatch(/<td>\d+\u00a0%\u00a0–\u00a0\d+\u00a0%<\/td>/)
    const [chart] = attributes(html, 'data-chart-url')
    expect(chart).toBe(
      `/api/analysis/charts/dumbbell?round=${rounds.at(-1)!.id}&school=${school}&against=baseline&baseline=${rounds[0]!.id}`,
    )
    const answer = await app.request(chart!, { headers: { cookie: cookies[analyst]! } })
    expect(answer.status).toBe(200)
    expect(html).toContain('Skolen mod resten af kommunen')
  })

  it('shows the comparison per grade, and a school against the rest of the municipality', async () => {
    const school = facts.schoolId(IMPROVING_SCHOOL)
    const byGrade = await page(`/staff/compare?school=${school}&by=grade`)
    expect(byGrade.status).toBe(200)
    expect(byGrade.html).toMatch(/<caption>Alle mål, klassetrin: \d\. klasse<\/caption>/)
    const rest = await page(`/staff/compare?school=${school}&against=rest-of-municipality`)
    expect(rest.status).toBe(200)
    expect(rest.html).toContain('<th scope="col">Resten af kommunen</th>')
    expect(attributes(rest.html, 'data-chart-url')[0]).toContain('against=rest-of-municipality')
    expect(rest.html).not.toContain('name="baseline"')
  })

  it('says so when the baseline and follow-up are the same round', async () => {
    const newest = withResults().at(-1)!.id
    const { status, html } = await page(`/staff/compare?baseline=${newest}&round=${newest}`)
    expect(status).toBe(200)
    expect(html).toContain('Vælg to forskellige målinger')
  })

  it('holds a school user to their own school and answers 404 for another', async () => {
    const other = facts.schoolId(renamed)
    expect((await page(`/staff/profile?school=${other}`, schoolUser)).status).toBe(404)
    expect((await page(`/staff/compare?school=${other}`, schoolUser)).status).toBe(404)
    const own = await page('/staff/profile', schoolUser)
    expect(own.status).toBe(200)
    expect(own.html).toContain(IMPROVING_SCHOOL)
    expect(own.html).not.toContain('name="school"')
    const compare = await page('/staff/compare', schoolUser)
    expect(compare.status).toBe(200)
    expect(compare.html).toContain('reel ændring')
    const stranger = '00000000-0000-4000-8000-000000000000'
    expect((await page(`/staff/compare?baseline=${stranger}`)).status).toBe(404)
    expect((await page('/staff/compare?by=class')).status).toBe(404)
  })

  it('shows a school named like a script as text', async () => {
    const school = facts.schoolId(renamed)
    for (const path of [
      `/staff/profile?school=${school}`,
      `/staff/compare?school=${school}`,
      `/staff/compare?school=${school}&against=rest-of-municipality`,
    ]) {
      const { status, html } = await page(path)
      expect(status).toBe(200)
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).not.toContain(EVIL)
    }
  })
})
