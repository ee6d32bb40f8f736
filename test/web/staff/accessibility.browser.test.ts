import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_USERS } from '../../../server/demo/demo-seed.ts'
import { chromiumAvailable } from '../../support/browser.ts'
import { startDemoBrowser, type DemoBrowser } from '../../support/demo-browser.ts'

const require = createRequire(import.meta.url)
const available = chromiumAvailable()

type Violation = { id: string; impact: string; nodes: unknown[] }

/** Serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as it is now. */
async function axe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> }
      }
    ).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }),
  )
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      ...v,
      nodes: v.nodes.map((n) => (n as { target: unknown }).target),
    }))
}

describe.skipIf(!available)('the staff pages with axe-core', () => {
  let world: DemoBrowser
  let browser: Browser
  let server: { url: string }

  beforeAll(async () => {
    world = await startDemoBrowser()
    browser = world.browser
    server = { url: world.url }
  }, 120_000)

  afterAll(async () => world?.close())

  it('finds no serious violations on the results and administration pages, at 1280 px and on a tablet', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 768, height: 1024 },
    ]) {
      // axe is injected as a script tag, which the pages' CSP would rightly refuse.
      const context = await browser.newContext({ viewport, bypassCSP: true })
      const page = await context.newPage()
      const admin = DEMO_USERS[0]
      await page.goto(`${server.url}/staff/login`)
      expect(await axe(page)).toEqual([])
      await page.getByLabel('E-mail').fill(admin.email)
      await page.getByLabel('Adgangskode').fill(admin.password)
      await page.getByRole('button', { name: 'Log ind' }).click()
      await page.waitForURL(`${server.url}/staff`, { timeout: 30_000 })
      const pages = [
        '/staff',
        '/staff/overview',
        '/staff/measures/who5.index',
        '/staff/profile',
        '/staff/compare',
        '/staff/admin/schools',
        '/staff/admin/rounds',
        '/staff/admin/users',
        '/staff/admin/audit',
      ]
      for (const path of pages) {
        await page.goto(`${server.url}${path}`)
        const charts = await page.locator('[data-chart-url]').count()
        if (charts > 0) {
          await expect
            .poll(() => page.locator('.chart-canvas svg.marks').count(), { timeout: 30_000 })
            .toBe(charts)
        }
        expect({ path, violations: await axe(page) }).toEqual({ path, violations: [] })
      }
      await context.close()
    }
  }, 240_000)
})
