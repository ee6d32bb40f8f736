import { beforeEach, describe, expect, it } from 'vitest'
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../support/test-app.ts'

describe('schools, classes and users', () => {
  let world: TestWorld
  let cookie: string
  beforeEach(async () => {
    world = await createTestWorld()
    cookie = await world.login(world.emails.adminA)
  })

  it('creates schools and classes and refuses duplicates with 409', async () => {
    const created = await world.call('POST', '/api/schools', {
      cookie,
      body: { name: 'Strandskolen' },
    })
    expect(created.status).toBe(201)
    const { school } = await created.json()
    expect(
      (await world.call('POST', '/api/schools', { cookie, body: { name: 'Strandskolen' } })).status,
    ).toBe(409)
    const addClass = (label: string) =>
      world.call('POST', `/api/schools/${school.id}/classes`, {
        cookie,
        body: { schoolYear: '2026/27', grade: 7, label, expectedPupils: 21 },
      })
    expect((await addClass('7.A')).status).toBe(201)
    const duplicate = await addClass('7.A')
    expect(duplicate.status).toBe(409)
    expect((await duplicate.json()).error.message).toBe(
      'Class "7.A" already exists at this school in 2026/27.',
    )
    const list = await (
      await world.call('GET', `/api/schools/${school.id}/classes?schoolYear=2026/27`, { cookie })
    ).json()
    expect(list.classes).toMatchObject([{ label: '7.A', grade: 7, expectedPupils: 21 }])
  })

  it('refuses a class outside grades 7–9 or with an absurd size', async () => {
    for (const body of [
      { schoolYear: '2026/27', grade: 6, label: '6.A', expectedPupils: 20 },
      { schoolYear: '2026/27', grade: 8, label: '8.A', expectedPupils: 500 },
      { schoolYear: '2026', grade: 8, label: '8.A', expectedPupils: 20 },
    ]) {
      const response = await world.call('POST', `/api/schools/${world.a.schoolId}/classes`, {
        cookie,
        body,
      })
      expect(response.status).toBe(400)
    }
  })

  it('creates staff users; a school user needs a school of the municipality', async () => {
    const analyst = await world.call('POST', '/api/users', {
      cookie,
      body: {
        email: 'ny@aby.dk',
        displayName: 'Ny analytiker',
        password: 'a good long password',
        role: 'analyst',
      },
    })
    expect(analyst.status).toBe(201)
    expect((await analyst.json()).user).toMatchObject({
      email: 'ny@aby.dk',
      role: 'analyst',
      schoolId: null,
    })
    expect((await world.login('ny@aby.dk', 'a good long password')).length).toBeGreaterThan(10)
    const noSchool = await world.call('POST', '/api/users', {
      cookie,
      body: {
        email: 'skole2@aby.dk',
        displayName: 'S',
        password: 'a good long password',
        role: 'school',
      },
    })
    expect(noSchool.status).toBe(400)
    const short = await world.call('POST', '/api/users', {
      cookie,
      body: { email: 'kort@aby.dk', displayName: 'K', password: 'short', role: 'analyst' },
    })
    expect(short.status).toBe(400)
    expect((await short.json()).error.message).toMatch(/password: must be at least 12 characters/)
    const duplicate = await world.call('POST', '/api/users', {
      cookie,
      body: {
        email: world.emails.analystA,
        displayName: 'Dup',
        password: 'a good long password',
        role: 'analyst',
      },
    })
    expect(duplicate.status).toBe(409)
  })

  it('renames a school, audited, refusing a taken name and other municipalities’ schools', async () => {
    const rename = (id: string, name: string, as = cookie) =>
      world.call('PATCH', `/api/schools/${id}`, { cookie: as, body: { name } })
    const renamed = await rename(world.a.schoolId, 'Nørreskolen')
    expect(renamed.status).toBe(200)
    expect((await renamed.json()).school.name).toBe('Nørreskolen')
    const listed = await (await world.call('GET', '/api/schools', { cookie })).json()
    expect(listed.schools.map((s: { name: string }) => s.name)).toContain('Nørreskolen')

    const taken = await (
      await world.call('GET', `/api/schools/${world.a.otherSchoolId}`, { cookie })
    ).json()
    expect((await rename(world.a.schoolId, taken.school.name)).status).toBe(409)
    expect((await rename(world.b.schoolId, 'Overtaget')).status).toBe(404)
    expect((await rename(world.a.schoolId, 'x')).status).toBe(400)
    const analyst = await world.login(world.emails.analystA)
    expect((await rename(world.a.schoolId, 'Analytikerskolen', analyst)).status).toBe(403)

    const audit = await world.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'details_json'])
      .where('action', '=', 'school.rename')
      .execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.details_json)).toMatchObject({ to: 'Nørreskolen' })
  })

  it('changes, disables and re-enables a staff user, ending their sessions, and keeps an admin', async () => {
    const users = (await (await world.call('GET', '/api/users', { cookie })).json())
      .users as Array<{
      id: string
      email: string
    }>
    const idOf = (email: string) => users.find((u) => u.email === email)!.id
    const patch = (id: string, body: unknown) =>
      world.call('PATCH', `/api/users/${id}`, { cookie, body })

    // The analyst is signed in; disabling them ends that session at once.
    const analystCookie = await world.login(world.emails.analystA)
    expect((await world.call('GET', '/api/schools', { cookie: analystCookie })).status).toBe(200)
    const disabled = await patch(idOf(world.emails.analystA), { disabled: true })
    expect(disabled.status).toBe(200)
    expect((await disabled.json()).user.disabled).toBe(true)
    expect((await world.call('GET', '/api/schools', { cookie: analystCookie })).status).toBe(401)
    const refused = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.analystA, password: TEST_PASSWORD },
    })
    expect(refused.status).toBe(401)
    expect((await patch(idOf(world.emails.analystA), { disabled: false })).status).toBe(200)
    expect((await world.login(world.emails.analystA)).length).toBeGreaterThan(10)

    // A school user moves to another school; an analyst made a school user needs one.
    const moved = await patch(idOf(world.emails.schoolA), { schoolId: world.a.otherSchoolId })
    expect((await moved.json()).user.schoolId).toBe(world.a.otherSchoolId)
    expect((await patch(idOf(world.emails.analystA), { role: 'school' })).status).toBe(400)
    expect(
      (await patch(idOf(world.emails.analystA), { role: 'school', schoolId: world.b.schoolId }))
        .status,
    ).toBe(400)
    const toAnalyst = await patch(idOf(world.emails.schoolA), { role: 'analyst' })
    expect((await toAnalyst.json()).user).toMatchObject({ role: 'analyst', schoolId: null })

    // The only administrator cannot lock the municipality out, nor themselves.
    const self = idOf(world.emails.adminA)
    for (const body of [{ disabled: true }, { role: 'analyst' }]) {
      const response = await patch(self, body)
      expect(response.status).toBe(409)
      expect((await response.json()).error.message).toMatch(/yourself|administrator/)
    }
    expect((await patch(idOf(world.emails.analystA), { role: 'admin' })).status).toBe(200)
    expect((await patch(idOf(world.emails.analystA), { disabled: true })).status).toBe(200)

    // Bad input and other municipalities' users.
    expect((await patch(idOf(world.emails.analystA), {})).status).toBe(400)
    expect((await patch(idOf(world.emails.analystA), { role: 'owner' })).status).toBe(400)
    expect((await patch(idOf(world.emails.analystA), { password: 'short' })).status).toBe(400)
    expect((await patch(idOf(world.emails.analystA), { email: 'x@y.dk' })).status).toBe(400)
    const bUsers = await world.db.kysely
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', world.emails.adminB)
      .executeTakeFirstOrThrow()
    expect((await patch(bUsers.id, { disabled: true })).status).toBe(404)

    const audit = await world.db.kysely
      .selectFrom('audit_log')
      .select('details_json')
      .where('action', '=', 'user.update')
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(6)
    expect(audit.map((a) => a.details_json).join()).not.toContain(TEST_PASSWORD)
  })
})
