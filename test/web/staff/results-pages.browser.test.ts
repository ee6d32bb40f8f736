import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMPROVING_SCHOOL } from '../../../server/demo/demo-dataset.ts'
import { DEMO_USERS } from '../../../server/demo/demo-seed.ts'
import { chromiumAvailable } from '../../support/browser.ts'
import { startDemoBrowser, screenshot, type DemoBrowser } from '../../support/demo-browser.ts'

const available = chromiumAvailable()

describe.skipIf(!available)('the results pages in a real browser', () => {
  let world: DemoBrowser
  let browser: Browser
  let server: { url: string }

  beforeAll(async () => {
    world = await startDemoBrowser()
    browser = world.browser
    server = { url: world.url }
  }, 120_000)

  afterAll(async () => world?.close())

  it('signs in, opens the overview and draws the concern chart as SVG from our own server', async () => {
    const context = await browser.newContext({
      viewport: { width: 1024, height: 800 },
      acceptDownloads: true,
    })
    const page = await context.newPage()
    const external: string[] = []
    const problems: string[] = []
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(server.url) && !url.startsWith('data:')) external.push(url)
    })
    // A CSP violation (say, vega compiling expressions with eval) shows as a console error.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))

    const analyst = DEMO_USERS[1]
    await page.goto(`${server.url}/staff/login?next=/staff/overview`)
    await page.getByLabel('E-mail').fill(analyst.email)
    await page.getByLabel('Adgangskode').fill(analyst.password)
    await page.getByRole('button', { name: 'Log ind' }).click()
    await page.waitForURL(`${server.url}/staff/overview`, { timeout: 30_000 })

    const chart = page.locator('.chart-canvas svg.marks')
    await chart.first().waitFor({ timeout: 30_000 })
    expect(await chart.count()).toBe(1)
    expect(await page.locator('.chart-canvas svg.marks .mark-rect path').count()).toBeGreaterThan(4)
    expect(await page.locator('.chart-drawing').getAttribute('aria-label')).toMatch(/bekymring/i)
    await screenshot(page, 'overview')
    await page.getByRole('link', { name: /WHO-5/ }).first().click()
    await page.waitForURL(/\/staff\/measures\/who5\.index$/)
    await expect.poll(() => page.locator('.chart-canvas svg.marks').count()).toBe(2)
    await screenshot(page, 'measure')
    // Every drawn chart offers a PNG, made in the browser from the chart on screen.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hent figuren som PNG' }).first().click(),
    ])
    expect(png.suggestedFilename()).toMatch(/\.png$/)

    await page.getByRole('navigation').getByRole('link', { name: 'Profil' }).click()
    await page.waitForURL(/\/staff\/profile$/)
    await expect.poll(() => page.locator('.chart-canvas svg.marks').count()).toBe(1)
    await screenshot(page, 'profile')

    await page.getByRole('navigation').getByRole('link', { name: 'Sammenligning' }).click()
    await page.waitForURL(/\/staff\/compare$/)
    await page.getByLabel('Skole', { exact: true }).selectOption({ label: IMPROVING_SCHOOL })
    await page.getByRole('button', { name: 'Vis' }).click()
    await page.waitForURL(/\/staff\/compare\?.*school=/, { timeout: 30_000 })
    await expect
      .poll(() => page.locator('.chart-canvas svg.marks').count(), { timeout: 30_000 })
      .toBe(1)
    expect(await page.getByRole('cell', { name: 'reel ændring' }).count()).toBeGreaterThan(0)
    await screenshot(page, 'compare')
    expect(external).toEqual([])
    expect(problems).toEqual([])
    await context.close()
  }, 180_000)
})
