import { beforeEach, describe, expect, it } from 'vitest'
import { loadWebAssets } from '../../../server/web-assets/web-assets.ts'
import { DIST_DIR } from '../../../web/build.ts'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

const EVIL = '<script>alert(1)</script>'

describe('administration pages', () => {
  let world: TestWorld
  let admin: string
  let csrf: string
  beforeEach(async () => {
    world = await createTestWorld({ webAssets: loadWebAssets(DIST_DIR) })
    admin = await world.login(world.emails.adminA)
    csrf = csrfOf(await (await page('/staff/admin/schools', admin)).text())
  })

  const csrfOf = (html: string): string => {
    const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1]
    if (!token) throw new Error('the page has no CSRF field')
    return token
  }

  const page = (path: string, cookie: string) => world.app.request(path, { headers: { cookie } })

  const post = (
    path: string,
    fields: Record<string, string>,
    options: { cookie?: string; origin?: string } = {},
  ) =>
    world.app.request(path, {
      method: 'POST',
      headers: {
        cookie: options.cookie ?? admin,
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.origin ? { origin: options.origin } : {}),
      },
      body: new URLSearchParams(fields).toString(),
    })

  const upload = (schoolId: string, bytes: Uint8Array<ArrayBuffer>) => {
    const body = new FormData()
    body.set('csrf', csrf)
    body.set('schoolYear', '2026/27')
    body.set('file', new Blob([bytes], { type: 'text/csv' }), 'klasser.csv')
    return world.app.request(`/staff/admin/schools/${schoolId}/import`, {
      method: 'POST',
      headers: { cookie: admin },
      body,
    })
  }

  /** The CSRF token of a user's session, as their own pages would carry it. */
  const sessionCsrf = async (email: string) =>
    (
      await world.db.kysely
        .selectFrom('staff_sessions')
        .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.user_id')
        .select('staff_sessions.csrf_token')
        .where('staff_users.email', '=', email)
        .executeTakeFirstOrThrow()
    ).csrf_token

  const schoolNames = async () =>
    (
      await world.db.kysely
        .selectFrom('schools')
        .select('name')
        .where('municipality_id', '=', world.a.municipalityId)
        .orderBy('name')
        .execute()
    ).map((row) => row.name)

  const auditActions = async () =>
    (
      await world.db.kysely
        .selectFrom('audit_log')
        .select(['action', 'details_json'])
        .where('municipality_id', '=', world.a.municipalityId)
        .where('action', '!=', 'login')
        .execute()
    ).map((row) => ({ action: row.action, details: JSON.parse(row.details_json) }))

  it('shows an admin every administration page', async () => {
    for (const path of [
      '/staff/admin/schools',
      `/staff/admin/schools/${world.a.schoolId}?year=2026/27`,
      '/staff/admin/rounds',
      `/staff/rounds/${world.a.roundId}/codes`,
      '/staff/admin/users',
      '/staff/admin/audit',
    ]) {
      const response = await page(path, admin)
      expect(response.status, path).toBe(200)
      const html = await response.text()
      expect(html, path).toContain('href="/staff/admin/schools">Administration</a>')
    }
    const school = await (await page(`/staff/admin/schools/${world.a.schoolId}`, admin)).text()
    expect(school).toContain('8.B')
    expect(school).toMatch(/<label for="class-label">Klassens navn<\/label>/)
  })

  it('refuses analysts and school users, and sends visitors to sign in', async () => {
    for (const email of [world.emails.analystA, world.emails.schoolA]) {
      const cookie = await world.login(email)
      const response = await page('/staff/admin/users', cookie)
      expect(response.status).toBe(403)
      const html = await response.text()
      expect(html).toContain('Ingen adgang')
      expect(html).not.toContain('Administration</a>')
      const created = await post(
        '/staff/admin/schools',
        { csrf: await sessionCsrf(email), name: 'Ny Skole' },
        { cookie },
      )
      expect(created.status).toBe(403)
    }
    expect(await schoolNames()).toEqual(['Aby Kommune Friskole', 'Aby Kommune Skole'])
    const visitor = await world.app.request('/staff/admin/schools')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.get('location')).toContain('/staff/login?next=')
  })

  it('creates a school through the form with a valid CSRF token, audit-logged', async () => {
    const response = await post('/staff/admin/schools', { csrf, name: 'Nyskolen' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/staff/admin/schools?ok=school-created')
    expect(await schoolNames()).toContain('Nyskolen')
    expect(await auditActions()).toContainEqual({
      action: 'school.create',
      details: { name: 'Nyskolen' },
    })
    const list = await (await page('/staff/admin/schools?ok=school-created', admin)).text()
    expect(list).toContain('Skolen er oprettet.')

    const again = await post('/staff/admin/schools', { csrf, name: 'Nyskolen' })
    expect(again.status).toBe(409)
    const html = await again.text()
    expect(html).toContain('Der findes allerede en skole med det navn.')
    expect(html).toContain('aria-describedby="school-name-error"')
  })

  it('refuses a missing or wrong CSRF token, or another origin, and stores nothing', async () => {
    for (const fields of [
      { name: 'Skole Uden' } as Record<string, string>,
      { name: 'Skole Forkert', csrf: 'forkert' },
    ]) {
      const response = await post('/staff/admin/schools', fields)
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('Formularen blev afvist')
    }
    const crossSite = await post(
      '/staff/admin/schools',
      { csrf, name: 'Skole Fremmed' },
      { origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    expect(await schoolNames()).toEqual(['Aby Kommune Friskole', 'Aby Kommune Skole'])
    expect(await auditActions()).toEqual([])
  })

  it('adds a class through the form and explains a grade out of range', async () => {
    const path = `/staff/admin/schools/${world.a.schoolId}/classes`
    const ok = await post(path, {
      csrf,
      schoolYear: '2026/27',
      grade: '9',
      label: '9.A',
      expectedPupils: '24',
    })
    expect(ok.status).toBe(303)
    const bad = await post(path, {
      csrf,
      schoolYear: '2026/27',
      grade: '10',
      label: '10.A',
      expectedPupils: '24',
    })
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('Klassetrin skal være 7, 8 eller 9.')
    expect(html).toContain('aria-describedby="class-grade-error"')
    const labels = await world.db.kysely.selectFrom('classes').select('label').execute()
    expect(labels.map((row) => row.label)).toContain('9.A')
    expect(labels.map((row) => row.label)).not.toContain('10.A')
  })

  it('imports a semicolon class list with BOM and Danish headers', async () => {
    const csv =
      '\uFEFFSkole;Klasse;Klassetrin;Forventede elever\r\n' +
      'Aby Kommune Skole;8.B;8;22\r\n' +
      'Aby Kommune Skole;7.A;7;20\r\n' +
      'Nørreskolen;9.C;9;25\r\n'
    const response = await upload(world.a.schoolId, new TextEncoder().encode(csv))
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toContain('ok=import')
    const html = await (await page(location, admin)).text()
    expect(html).toContain(
      'Klasselisten er indlæst: 2 klasser og 1 skoler oprettet, 1 dubletter sprunget over.',
    )
    expect(await schoolNames()).toContain('Nørreskolen')
    const imports = (await auditActions()).filter((entry) => entry.action === 'classes.import')
    expect(imports).toHaveLength(1)
    expect(imports[0]!.details).toMatchObject({ classesCreated: 2, schoolsCreated: 1 })
  })

  it('imports a Windows-1252 class list with comma separators and English headers', async () => {
    // "Ærøskolen" in Windows-1252: Æ = 0xC6, ø = 0xF8.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('school,class,grade,expected\n'),
      0xc6,
      0x72,
      0xf8,
      ...new TextEncoder().encode('skolen,7.X,7,18\n'),
    ])
    const response = await upload(world.a.schoolId, bytes)
    expect(response.status).toBe(303)
    expect(await schoolNames()).toContain('Ærøskolen')
  })

  it('shows every bad row of a class list and stores nothing', async () => {
    const csv =
      'skole;klasse;klassetrin;forventede elever\n' +
      'Nørreskolen;7.A;7;20\n' +
      'Nørreskolen;10.A;10;20\n' +
      'Nørreskolen;8.A;8;mange\n'
    const response = await upload(world.a.schoolId, new TextEncoder().encode(csv))
    expect(response.status).toBe(422)
    const html = await response.text()
    expect(html).toContain('Filen blev ikke indlæst: 2 linjer har fejl. Intet er gemt.')
    expect(html).toMatch(/<td>3<\/td><td>Klassetrin skal være 7, 8 eller 9 \(ikke »10«\)\.<\/td>/)
    expect(html).toContain('<td>4</td>')
    expect(await schoolNames()).not.toContain('Nørreskolen')
    expect(await auditActions()).toEqual([])
  })

  it('creates, opens and closes a round and gives its classes codes through forms', async () => {
    const created = await post('/staff/admin/rounds', {
      csrf,
      name: 'Forår 2027',
      schoolYear: '2026/27',
      waveLabel: '',
      opensAt: '2027-03-01',
      closesAt: '2027-03-31',
      definitionId: world.definitionId,
    })
    expect(created.status).toBe(303)
    const round = await world.db.kysely
      .selectFrom('survey_rounds')
      .selectAll()
      .where('name', '=', 'Forår 2027')
      .executeTakeFirstOrThrow()
    expect(round.state).toBe('draft')
    expect(round.opens_at).toBe('2027-02-28T23:00:00.000Z')

    const bad = await post('/staff/admin/rounds', {
      csrf,
      name: 'Baglæns',
      schoolYear: '2026/27',
      opensAt: '2027-03-31',
      closesAt: '2027-03-01',
      definitionId: world.definitionId,
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Skriv en dato efter åbningsdatoen.')

    expect((await post(`/staff/admin/rounds/${round.id}/open`, { csrf })).status).toBe(303)
    const codes = await post(`/staff/rounds/${round.id}/codes`, { csrf })
    expect(codes.status).toBe(303)
    expect(codes.headers.get('location')).toContain('ok=codes-generated&n=1')
    const codesPage = await (await page(`/staff/rounds/${round.id}/codes`, admin)).text()
    expect(codesPage).toContain(`/api/rounds/${round.id}/code-sheet`)
    const code = /<code>([A-Z0-9-]+)<\/code>/.exec(codesPage)![1]!
    const replaced = await post(
      `/staff/rounds/${round.id}/codes/${code.replaceAll('-', '')}/revoke`,
      { csrf, replace: '1' },
    )
    expect(replaced.status).toBe(303)
    const after = await (await page(`/staff/rounds/${round.id}/codes`, admin)).text()
    expect(after).toContain('Tilbagekaldte koder')

    expect((await post(`/staff/admin/rounds/${round.id}/close`, { csrf })).status).toBe(303)
    const closedAgain = await post(`/staff/admin/rounds/${round.id}/close`, { csrf })
    expect(closedAgain.status).toBe(409)
    const state = await world.db.kysely
      .selectFrom('survey_rounds')
      .select('state')
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow()
    expect(state.state).toBe('closed')
    const actions = (await auditActions()).map((entry) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'round.create',
        'round.open',
        'codes.generate',
        'codes.revoke',
        'round.close',
      ]),
    )
  })

  it('creates a user with the API rules and pages the audit log with a filter', async () => {
    const short = await post('/staff/admin/users', {
      csrf,
      displayName: 'Ny',
      email: 'ny@aby.dk',
      role: 'analyst',
      schoolId: '',
      password: 'kort',
    })
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('Adgangskoden skal være mindst 12 tegn.')
    const ok = await post('/staff/admin/users', {
      csrf,
      displayName: 'Skolebruger',
      email: 'skole2@aby.dk',
      role: 'school',
      schoolId: world.a.otherSchoolId,
      password: 'en lang nok adgangskode',
    })
    expect(ok.status).toBe(303)
    const users = await (await page('/staff/admin/users', admin)).text()
    expect(users).toContain('skole2@aby.dk')

    for (let i = 0; i < 55; i++) {
      world.clock.advance(1000)
      await post('/staff/admin/schools', { csrf, name: `Skole ${i}` })
    }
    const first = await (await page('/staff/admin/audit', admin)).text()
    expect(first).toContain('57 poster, side 1 af 2.')
    expect(first).toContain('Ældre</a>')
    expect(first.indexOf('Skole 54')).toBeLessThan(first.indexOf('Skole 53'))
    const filtered = await (await page('/staff/admin/audit?action=user.create', admin)).text()
    expect(filtered).toContain('1 poster, side 1 af 1.')
  })

  it('shows a school named like a script as text', async () => {
    await post('/staff/admin/schools', { csrf, name: EVIL })
    const html = await (await page('/staff/admin/schools', admin)).text()
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).not.toContain(EVIL)
  })

  it('renames a school and changes, disables and reopens a user through forms', async () => {
    const renamed = await post(`/staff/admin/schools/${world.a.schoolId}/name`, {
      csrf,
      name: 'Nørreskolen',
    })
    expect(renamed.status).toBe(303)
    const school = await (
      await page(`/staff/admin/schools/${world.a.schoolId}?ok=school-renamed`, admin)
    ).text()
    expect(school).toContain('<h1 id="school-title">Nørreskolen</h1>')
    expect(school).toContain('Skolen har fået nyt navn.')
    const tooShort = await post(`/staff/admin/schools/${world.a.schoolId}/name`, {
      csrf,
      name: 'x',
    })
    expect(tooShort.status).toBe(400)
    expect(await tooShort.text()).toContain('Navnet skal være 2–120 tegn.')

    const analyst = await world.db.kysely
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', world.emails.analystA)
      .executeTakeFirstOrThrow()
    const users = await (await page('/staff/admin/users', admin)).text()
    expect(users).toContain(`action="/staff/admin/users/${analyst.id}/access"`)
    const toSchool = await post(`/staff/admin/users/${analyst.id}`, {
      csrf,
      role: 'school',
      schoolId: world.a.otherSchoolId,
    })
    expect(toSchool.status).toBe(303)
    const disabled = await post(`/staff/admin/users/${analyst.id}/access`, {
      csrf,
      disabled: 'true',
    })
    expect(disabled.headers.get('location')).toBe('/staff/admin/users?ok=user-disabled')
    const row = await world.db.kysely
      .selectFrom('staff_users')
      .select(['role', 'school_id', 'disabled'])
      .where('id', '=', analyst.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'school', school_id: world.a.otherSchoolId, disabled: 1 })

    const self = await world.db.kysely
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', world.emails.adminA)
      .executeTakeFirstOrThrow()
    const refused = await post(`/staff/admin/users/${self.id}/access`, { csrf, disabled: 'true' })
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Du kan ikke spærre dig selv')
    const wrongToken = await post(`/staff/admin/users/${analyst.id}/access`, {
      csrf: 'forkert',
      disabled: 'false',
    })
    expect(wrongToken.status).toBe(403)
    expect(
      (
        await post(`/staff/admin/users/00000000-0000-4000-8000-000000000000`, {
          csrf,
          role: 'admin',
        })
      ).status,
    ).toBe(404)
  })
})
