import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatClassCode } from '../../../server/class-codes/class-code.ts'
import { loadWebAssets } from '../../../server/web-assets/web-assets.ts'
import { DIST_DIR } from '../../../web/build.ts'
import { chromiumAvailable, launchChromium, serveApp } from '../../support/browser.ts'
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../support/test-app.ts'

const require = createRequire(import.meta.url)
const available = chromiumAvailable()

/** Answers every question on the current page with its first option (the lowest value). */
async function answerPage(page: Page): Promise<void> {
  const groups = page.locator('.sd-page [role="radiogroup"]')
  const count = await groups.count()
  for (let i = 0; i < count; i++) {
    await groups.nth(i).locator('label').first().click()
  }
}

async function pageTitle(page: Page): Promise<string> {
  return (await page.locator('.sd-page__title').first().textContent()) ?? ''
}

/** Goes through the questionnaire from the current page; `onPage` runs before leaving each page. */
async function answerAll(
  page: Page,
  onPage: (index: number) => Promise<void> = async () => undefined,
): Promise<number> {
  for (let index = 0; index < 60; index++) {
    await answerPage(page)
    await onPage(index)
    const complete = page.locator('.sd-navigation__complete-btn')
    if (await complete.isVisible()) {
      await complete.click()
      return index + 1
    }
    const before = await pageTitle(page)
    await page.locator('.sd-navigation__next-btn').click()
    await expect.poll(() => pageTitle(page)).not.toBe(before)
  }
  throw new Error('the questionnaire never ended')
}

describe.skipIf(!available)('the pupil page in a real browser', () => {
  let world: TestWorld
  let browser: Browser
  let server: { url: string; close: () => Promise<void> }
  let code: string

  beforeAll(async () => {
    world = await createTestWorld({ webAssets: loadWebAssets(DIST_DIR) })
    // As written on the board: three groups of three.
    code = formatClassCode(await world.openRoundA())
    server = await serveApp(world.app)
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function newPage(
    options: { width?: number; bypassCSP?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page; external: string[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1024, height: 800 },
      bypassCSP: options.bypassCSP ?? false,
    })
    const page = await context.newPage()
    const external: string[] = []
    page.on('request', (request) => {
      const url = request.url()
      if (!url.startsWith(server.url) && !url.startsWith('data:')) external.push(url)
    })
    return { context, page, external }
  }

  const responses = () => world.db.kysely.selectFrom('responses').selectAll().execute()

  it('a pupil answers everything in Danish at 360 px, survives a reload and going offline, and is stored exactly once', async () => {
    const { context, page, external } = await newPage({ width: 360 })
    const before = (await responses()).length
    await page.goto(server.url)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('da')
    // Keyboard only: type the code as written on the board, in lower case, and press Enter.
    await page.locator('#code').focus()
    await page.keyboard.type(code.toLowerCase())
    await page.keyboard.press('Enter')
    await page.locator('.sd-question').first().waitFor()
    expect(await page.locator('#class-line').textContent()).toBe(
      'Du svarer for 8.B på Aby Kommune Skole.',
    )

    let titleBeforeReload = ''
    const pages = await answerAll(page, async (index) => {
      if (index === 3) {
        await page.locator('.sd-navigation__next-btn').click()
        await expect
          .poll(() => page.locator('#save-status').textContent())
          .toBe('Dine svar er gemt.')
        titleBeforeReload = await pageTitle(page)
        await page.reload()
        await page.locator('.sd-question').first().waitFor()
        expect(await pageTitle(page)).toBe(titleBeforeReload)
        await answerPage(page)
      }
      if (index === 6) {
        await page.route('**/api/responses/**', (route) => route.abort('internetdisconnected'))
        const title = await pageTitle(page)
        await page.locator('.sd-navigation__next-btn').click()
        await expect.poll(() => pageTitle(page)).not.toBe(title)
        await expect
          .poll(() => page.locator('#save-status').textContent())
          .toBe('Dine svar er gemt på enheden. De bliver sendt, når der er forbindelse igen.')
        await page.unroute('**/api/responses/**')
        await page.evaluate(() => window.dispatchEvent(new Event('online')))
        await expect
          .poll(() => page.locator('#save-status').textContent())
          .toBe('Dine svar er gemt.')
        await answerPage(page)
      }
    })
    expect(pages).toBeGreaterThan(15)
    await page.locator('#done').waitFor()
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('Dine svar er gemt.')
    expect(await page.locator('#done').textContent()).toContain('116 111')
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(
      360,
    )

    const rows = await responses()
    expect(rows.length).toBe(before + 1)
    const row = rows.find((r) => r.state === 'complete' && r.locale === 'da')!
    expect(row.class_id).toBe(world.a.classId)
    const answers = JSON.parse(row.answers_json)
    expect(answers.bg_grade).toBe(7)
    expect(Object.keys(answers).length).toBeGreaterThan(60)
    // Nothing of the answers stays on a shared device once the server has them.
    const stored = await page.evaluate(() => localStorage.getItem('trivselsradar.draft.v1'))
    expect(JSON.parse(stored!).answers).toEqual({})
    expect(external).toEqual([])

    await page.locator('#new-pupil').click()
    await page.locator('#code').waitFor()
    expect(await page.evaluate(() => localStorage.getItem('trivselsradar.draft.v1'))).toBeNull()
    await context.close()
  }, 240_000)

  it('works in Arabic from right to left, and switching language keeps the answers', async () => {
    const { context, page } = await newPage()
    await page.goto(server.url)
    await page.locator('#language').selectOption('ar')
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl')
    expect(await page.locator('#start-title').textContent()).toBe('استبيان عن الرفاهية للصفوف 7–9')
    await page.locator('#code').fill(code)
    await page.locator('#start-button').click()
    await page.locator('.sd-question').first().waitFor()
    await answerPage(page)
    await page.locator('#language').selectOption('en')
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr')
    expect(await page.locator('.sd-page [role="radiogroup"] input:checked').count()).toBe(2)
    await page.locator('#language').selectOption('ar')
    expect(await page.locator('.sd-page [role="radiogroup"] input:checked').count()).toBe(2)
    await answerAll(page)
    await page.locator('#done').waitFor()
    await expect.poll(() => page.locator('#save-status').getAttribute('data-state')).toBe('saved')
    expect(await page.locator('#done-title').textContent()).toBe('شكرًا على إجاباتك!')
    const rows = await responses()
    expect(rows.filter((r) => r.locale === 'ar' && r.state === 'complete')).toHaveLength(1)
    await context.close()
  }, 240_000)

  it('names every question and option in the accessibility tree and has no serious axe violations', async () => {
    const { context, page } = await newPage({ bypassCSP: true })
    const axe = async (): Promise<Array<{ id: string; impact: string; nodes: unknown[] }>> => {
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
      const result = await page.evaluate(() =>
        (
          window as unknown as {
            axe: {
              run: (
                o: unknown,
              ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>
            }
          }
        ).axe.run({
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'],
        }),
      )
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          ...v,
          nodes: v.nodes.map((n) => (n as { target: unknown; failureSummary: string }).target),
        }))
    }
    await page.goto(server.url)
    expect(await axe()).toEqual([])
    await page.locator('#code').fill(code)
    await page.locator('#start-button').click()
    await page.locator('.sd-question').first().waitFor()
    for (let i = 0; i < 3; i++) {
      expect(await axe()).toEqual([])
      // Every group is announced with its own question, every option with its own label.
      const groups = page.locator('.sd-page [role="radiogroup"]')
      expect(await groups.count()).toBeGreaterThan(0)
      for (let g = 0; g < (await groups.count()); g++) {
        const snapshot = await groups.nth(g).ariaSnapshot()
        const [groupLine, ...lines] = snapshot.split('\n')
        const name = /^- radiogroup "(.+)"/.exec(groupLine ?? '')?.[1]
        expect(name, snapshot).toBeTruthy()
        const questionText = await groups
          .nth(g)
          .evaluate((el) => el.closest('.sd-question')?.textContent ?? '')
        expect(questionText).toContain(name!.replace(/\s*\*$/, '').slice(0, 20))
        const radios = lines.filter((line) => line.trim().startsWith('- radio'))
        expect(radios.length).toBeGreaterThan(1)
        for (const radio of radios) expect(radio).toMatch(/- radio "[^"]+"/)
      }
      await answerPage(page)
      const before = await pageTitle(page)
      await page.locator('.sd-navigation__next-btn').click()
      await expect.poll(() => pageTitle(page)).not.toBe(before)
    }
    await context.close()
  }, 120_000)

  it('reads a question and its options aloud in the current language, and works by keyboard alone', async () => {
    const { context, page } = await newPage()
    // Record what the page asks the browser's speech synthesis to say.
    await page.addInitScript(() => {
      const spoken: Array<{ text: string; lang: string }> = []
      ;(window as unknown as { spoken: typeof spoken }).spoken = spoken
      class FakeUtterance {
        lang = ''
        rate = 1
        voice: unknown = null
        onend: (() => void) | null = null
        onerror: (() => void) | null = null
        constructor(readonly text: string) {}
      }
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance })
      Object.defineProperty(window, 'speechSynthesis', {
        value: {
          speak: (u: FakeUtterance) => spoken.push({ text: u.text, lang: u.lang }),
          cancel: () => undefined,
          getVoices: () => [],
        },
      })
    })
    await page.goto(server.url)
    await page.locator('#language').selectOption('uk')
    await page.locator('#code').fill(code)
    await page.keyboard.press('Enter')
    await page.locator('.sd-question').first().waitFor()
    const buttons = page.locator('.sd-page button.read-aloud')
    expect(await buttons.count()).toBe(await page.locator('.sd-page .sd-question').count())
    expect(await buttons.first().getAttribute('aria-label')).toMatch(/^Прочитати вголос: /)
    await buttons.first().click()
    const spoken = await page.evaluate(
      () => (window as unknown as { spoken: Array<{ text: string; lang: string }> }).spoken,
    )
    expect(spoken).toHaveLength(1)
    expect(spoken[0]!.lang).toBe('uk-UA')
    expect(spoken[0]!.text).toMatch(/клас/)
    expect(spoken[0]!.text.split('. ').length).toBeGreaterThanOrEqual(4)

    // Keyboard: Tab into the first group, arrow to an option, on through every group, Enter on Next.
    const title = await pageTitle(page)
    const firstRadio = page
      .locator('.sd-page [role="radiogroup"]')
      .first()
      .getByRole('radio')
      .first()
    await firstRadio.focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowDown')
    const groups = page.locator('.sd-page [role="radiogroup"]')
    for (let g = 1; g < (await groups.count()); g++) {
      await groups.nth(g).getByRole('radio').first().focus()
      await page.keyboard.press('Space')
    }
    expect(await page.locator('.sd-page [role="radiogroup"] input:checked').count()).toBe(
      await groups.count(),
    )
    await page.locator('.sd-navigation__next-btn').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => pageTitle(page)).not.toBe(title)
    await context.close()
  }, 120_000)

  it('lets a teacher sign in and watch the response rate of the class update by itself', async () => {
    const { context, page } = await newPage()
    await page.goto(`${server.url}/staff/rounds/${world.a.roundId}/progress`)
    await page.locator('#email').fill(world.emails.schoolA)
    await page.locator('#password').fill(TEST_PASSWORD)
    await page.locator('#password').press('Enter')
    await page.locator('#progress').waitFor()
    const completed = page.locator(`tr[data-class="${world.a.classId}"] [data-field="completed"]`)
    const before = Number(await completed.textContent())
    const answers = {
      bg_grade: 8,
      bg_gender: 2,
      who5_cheerful: 3,
      who5_calm: 3,
      who5_active: 3,
      who5_rested: 3,
      who5_interested: 3,
      hon_honest: 4,
    }
    const saved = await world.call('PUT', `/api/responses/${randomUUID()}`, {
      body: { code, answers, state: 'complete', locale: 'da' },
    })
    expect(saved.status).toBe(201)
    await expect.poll(() => completed.textContent(), { timeout: 15_000 }).toBe(String(before + 1))
    await context.close()
  }, 60_000)

  it('loads in under 400 KB over the wire, and a second load downloads nothing unchanged', async () => {
    const { context, page } = await newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    const urls = new Map<string, string>()
    const bytes = new Map<string, number>()
    const fromCache = new Set<string>()
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url))
    cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength))
    cdp.on('Network.requestServedFromCache', (e) => fromCache.add(e.requestId))
    cdp.on('Network.responseReceived', (e) => {
      if (e.response.fromDiskCache || e.response.fromPrefetchCache) fromCache.add(e.requestId)
    })
    await page.goto(server.url)
    await page.locator('#code').fill(code)
    await page.locator('#start-button').click()
    await page.locator('.sd-question').first().waitFor()
    await page.waitForLoadState('networkidle')
    const firstLoad = [...bytes.values()].reduce((a, b) => a + b, 0)
    console.log(
      `first load of the pupil page: ${(firstLoad / 1024).toFixed(1)} KB over the wire in ${bytes.size} requests`,
    )
    expect(firstLoad).toBeLessThanOrEqual(400 * 1024)

    urls.clear()
    bytes.clear()
    await page.reload()
    await page.locator('.sd-question').first().waitFor()
    await page.waitForLoadState('networkidle')
    const refetched = [...urls.entries()]
      .filter(([id, url]) => /\/assets\/|\/api\/questionnaires\//.test(url) && !fromCache.has(id))
      .map(([, url]) => url)
    expect(refetched).toEqual([])
    await context.close()
  }, 120_000)
})
