import { beforeEach, describe, expect, it } from 'vitest'
import { ensureClassCodes } from '../../../server/class-codes/class-codes.repository.ts'
import { loadWebAssets } from '../../../server/web-assets/web-assets.ts'
import { DIST_DIR } from '../../../web/build.ts'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

describe('staff pages', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({ webAssets: loadWebAssets(DIST_DIR) })
    await ensureClassCodes(world.db.kysely, world.a.roundId, [world.a.classId], world.clock.now())
  })

  const page = (path: string, cookie?: string) =>
    world.app.request(path, { headers: cookie ? { cookie } : {} })

  it('sends a visitor without a session to the sign-in page', async () => {
    const response = await page(`/staff/rounds/${world.a.roundId}/progress`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(
      `/staff/login?next=${encodeURIComponent(`/staff/rounds/${world.a.roundId}/progress`)}`,
    )
    const login = await page('/staff/login?next=https://evil.example')
    expect(login.status).toBe(200)
    const html = await login.text()
    expect(html).toContain('data-next="/staff"')
    expect(html).toMatch(/<label for="email">E-mail<\/label>/)
    expect(html).not.toMatch(/<script>(?!<\/script>)/)
  })

  it('lists the rounds and shows response rates per class, escaping names', async () => {
    await world.db.kysely
      .updateTable('classes')
      .set({ label: '<b>8.B</b>' })
      .where('id', '=', world.a.classId)
      .execute()
    const cookie = await world.login(world.emails.analystA)
    const list = await (await page('/staff', cookie)).text()
    expect(list).toContain('SSP Aby Kommune')
    expect(list).not.toContain('Udskriv koder')
    // A round links its report (HTML and PDF) once it has been open; a draft has none yet.
    const reportLink = `/api/reports/round/${world.a.roundId}?format=pdf`
    await world.db.kysely
      .updateTable('survey_rounds')
      .set({ state: 'draft' })
      .where('id', '=', world.a.roundId)
      .execute()
    expect(await (await page('/staff', cookie)).text()).not.toContain(reportLink)
    await world.db.kysely
      .updateTable('survey_rounds')
      .set({ state: 'closed' })
      .where('id', '=', world.a.roundId)
      .execute()
    expect(await (await page('/staff', cookie)).text()).toContain(reportLink)
    const progress = await page(`/staff/rounds/${world.a.roundId}/progress`, cookie)
    expect(progress.status).toBe(200)
    const html = await progress.text()
    expect(html).toContain('0 af 22 elever har svaret (0 %)')
    expect(html).toContain('&lt;b&gt;8.B&lt;/b&gt;')
    expect(progress.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('does not show another municipality’s round', async () => {
    const cookie = await world.login(world.emails.adminB)
    const response = await page(`/staff/rounds/${world.a.roundId}/progress`, cookie)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('Aby')
  })
})
