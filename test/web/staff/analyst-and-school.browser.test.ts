import { parse } from 'csv-parse/sync'
import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SCHOOL_NAMES, IMPROVING_SCHOOL } from '../../../server/demo/demo-dataset.ts'
import { DEMO_USERS } from '../../../server/demo/demo-seed.ts'
import { chromiumAvailable } from '../../support/browser.ts'
import { startDemoBrowser, screenshot, type DemoBrowser } from '../../support/demo-browser.ts'
import type { Row } from '../../support/demo-api.ts'
import { pdfText } from '../../support/pdf-text.ts'

const available = chromiumAvailable()
const MEASURE = 'indicator.alcohol-ever'
const OTHER_SCHOOL = 'Engskolen'

describe.skipIf(!available)('an analyst and a school user in a real browser', () => {
  let world: DemoBrowser
  let browser: Browser
  let server: { url: string }

  beforeAll(async () => {
    world = await startDemoBrowser()
    browser = world.browser
    server = { url: world.url }
  }, 120_000)

  afterAll(async () => world?.close())

  /** Signs in through the login form in a fresh context, landing on `next`. */
  const signIn = async (
    user: (typeof DEMO_USERS)[number],
    next: string,
  ): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/staff/login?next=${encodeURIComponent(next)}`)
    await page.getByLabel('E-mail').fill(user.email)
    await page.getByLabel('Adgangskode').fill(user.password)
    await page.getByRole('button', { name: 'Log ind' }).click()
    await page.waitForURL(`${server.url}${next}`, { timeout: 30_000 })
    return { context, page }
  }

  it('downloads the aggregate as CSV for Danish Excel with the figures of the analysis API', async () => {
    const analyst = DEMO_USERS.find((u) => u.role === 'analyst')!
    const { context, page } = await signIn(analyst, `/staff/measures/${MEASURE}`)
    await page.locator('.chart-canvas svg.marks').first().waitFor({ timeout: 30_000 })

    // The measure page's own export link, as the analyst clicks it.
    const link = page.getByRole('link', { name: 'Excel (CSV med semikolon)' })
    const href = (await link.getAttribute('href'))!
    const params = new URL(href, server.url).searchParams
    expect(params.get('format')).toBe('csv-excel')
    params.delete('format')
    const query = params.toString()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      link.click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^trivselsradar-indicator\.alcohol-ever-.+\.csv$/)
    const text = readFileSync(await download.path(), 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)

    const api = await context.request.get(`${server.url}/api/analysis/aggregate?${query}`)
    expect(api.status()).toBe(200)
    const body = (await api.json()) as { totals: Row[]; groups: Row[] }
    const schools = body.groups
    expect(schools.length).toBeGreaterThan(1)
    expect(schools.some((r) => r.figure?.proportion !== undefined)).toBe(true)

    // The table ends at the first blank line; the notes on the figures follow it.
    const [table] = text.split('\r\n\r\n')
    const records = parse(table!, { delimiter: ';', columns: true, bom: true }) as Record<
      string,
      string
    >[]
    const bySchool = new Map(records.map((r) => [r.Skole, r]))
    const percent = (x: number) => (x * 100).toFixed(1).replace('.', ',')
    expect(bySchool.get('I alt')?.n).toBe(String(body.totals[0]!.figure!.n))
    for (const row of schools) {
      const record = bySchool.get(row.group.school!.label)
      expect(record, row.group.school!.label).toBeDefined()
      // Suppressed and too-small groups keep their figure cells empty, never 0.
      if (row.status === 'suppressed' || row.figure?.proportion === undefined) {
        expect(record!.n).toBe('')
        continue
      }
      expect(record!.n).toBe(String(row.figure!.n))
      expect(record!['Andel %']).toMatch(/^\d+,\d$/)
      expect(record!['Andel %']).toBe(percent(row.figure!.proportion!))
    }
    expect(records).toHaveLength(body.totals.length + schools.length)
    await context.close()
  }, 180_000)

  it('downloads the round report as a PDF from the round list, with pages and its headings', async () => {
    const analyst = DEMO_USERS.find((u) => u.role === 'analyst')!
    const { context, page } = await signIn(analyst, '/staff')
    const link = page.getByRole('link', { name: 'Rapport som PDF' }).first()
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      link.click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const bytes = readFileSync(await download.path())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const pages = bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0
    expect(pages).toBeGreaterThanOrEqual(2)
    const lines = pdfText(bytes).split('\n')
    for (const heading of ['Hovedbudskaber', 'Svarprocent', 'Indikatorer', 'Metode']) {
      expect(lines).toContain(heading)
    }
    expect(lines).toContain(`Side ${pages} af ${pages}`)
    await context.close()
  }, 180_000)

  it('offers a school user only their own school and refuses other schools’ URLs', async () => {
    const analyst = DEMO_USERS.find((u) => u.role === 'analyst')!
    const lookup = await signIn(analyst, '/staff/overview')
    const listed = await lookup.context.request.get(`${server.url}/api/schools`)
    expect(listed.status()).toBe(200)
    const { schools } = (await listed.json()) as { schools: Array<{ id: string; name: string }> }
    const other = schools.find((s) => s.name === OTHER_SCHOOL)!
    expect(other).toBeDefined()
    await lookup.context.close()

    const schoolUser = DEMO_USERS.find((u) => u.role === 'school')!
    const { context, page } = await signIn(schoolUser, '/staff/overview')
    expect(await page.locator('main').textContent()).toContain(IMPROVING_SCHOOL)
    const optionTexts = await page.locator('option').allTextContents()
    for (const name of DEMO_SCHOOL_NAMES.filter((n) => n !== IMPROVING_SCHOOL))
      expect(optionTexts.map((t) => t.trim())).not.toContain(name)
    expect(await page.locator(`option[value="${other.id}"]`).count()).toBe(0)
    await screenshot(page, 'school-overview')

    const overview = await page.goto(`${server.url}/staff/overview?school=${other.id}`)
    expect(overview?.status()).toBe(404)
    const measure = await page.goto(`${server.url}/staff/measures/who5.index?school=${other.id}`)
    expect(measure?.status()).toBe(404)
    await context.close()
  }, 180_000)
})
