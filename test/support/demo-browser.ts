import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { createApp } from '../../server/app.ts'
import { fixedClock } from '../../server/clock.ts'
import type { Db } from '../../server/db/create-db.ts'
import { seedDemo } from '../../server/demo/demo-seed.ts'
import { loadWebAssets } from '../../server/web-assets/web-assets.ts'
import { DIST_DIR } from '../../web/build.ts'
import { launchChromium, serveApp } from './browser.ts'
import { freshSqliteDb, TEST_NOW } from './databases.ts'

export interface DemoBrowser {
  db: Db
  browser: Browser
  /** Where the app with the demo municipality answers, e.g. http://127.0.0.1:40123. */
  url: string
  close(): Promise<void>
}

/** The real app with the demo municipality on a free port, and Chromium to visit it. */
export async function startDemoBrowser(): Promise<DemoBrowser> {
  const db = await freshSqliteDb()
  await seedDemo(db.kysely, TEST_NOW)
  const app = createApp({
    db: db.kysely,
    dialect: 'sqlite',
    clock: fixedClock(TEST_NOW),
    config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
    logError: () => undefined,
    webAssets: loadWebAssets(DIST_DIR),
  })
  const server = await serveApp(app)
  const browser = await launchChromium()
  return {
    db,
    browser,
    url: server.url,
    close: async () => {
      await browser.close()
      await server.close()
      await db.close()
    },
  }
}

const ARTIFACTS = 'test-artifacts'

/** A full-page screenshot in the gitignored test-artifacts folder, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true })
}
