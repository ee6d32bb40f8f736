import { beforeEach, describe, expect, it } from 'vitest'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

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
})
