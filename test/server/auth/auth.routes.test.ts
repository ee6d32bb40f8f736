import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_FAILED_LOGINS } from '../../../server/auth/login.ts'
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../../support/test-app.ts'

describe('staff sign-in', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })

  it('signs in with the right password and sets a safe session cookie', async () => {
    const response = await world.call('POST', '/api/auth/login', {
      body: { email: 'Admin@Aby.dk ', password: TEST_PASSWORD },
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.staff).toMatchObject({
      email: world.emails.adminA,
      role: 'admin',
      municipalityId: world.a.municipalityId,
    })
    expect(body.staff.passwordHash).toBeUndefined()
    const cookie = response.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^tr_session=[\w-]{40,};/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).not.toContain('Secure')
  })

  it('marks the cookie Secure behind https', async () => {
    const response = await world.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: world.emails.adminA, password: TEST_PASSWORD }),
    })
    expect(response.headers.get('set-cookie')).toContain('Secure')
  })

  it('answers a wrong password and an unknown email with the same message', async () => {
    const wrong = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.adminA, password: 'wrong password!' },
    })
    const unknown = await world.call('POST', '/api/auth/login', {
      body: { email: 'nobody@aby.dk', password: 'wrong password!' },
    })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const [a, b] = [await wrong.json(), await unknown.json()]
    expect(a).toEqual(b)
    expect(a.error).toEqual({
      code: 'invalid_credentials',
      message: 'The email or password is not correct.',
    })
    expect(wrong.headers.get('set-cookie')).toBeNull()
  })

  it('locks an email after repeated failures, even with the right password, and unlocks later', async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const response = await world.call('POST', '/api/auth/login', {
        body: { email: world.emails.adminA, password: `wrong ${i}` },
      })
      expect(response.status).toBe(401)
    }
    const locking = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.adminA, password: 'wrong again' },
    })
    expect(locking.status).toBe(429)
    const locked = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.adminA, password: TEST_PASSWORD },
    })
    expect(locked.status).toBe(429)
    const body = await locked.json()
    expect(body.error.code).toBe('rate_limited')
    expect(body.error.message).toMatch(/Try again in \d+ minutes?/)
    // Unknown emails lock the same way, so the lock reveals nothing.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await world.call('POST', '/api/auth/login', {
        body: { email: 'ghost@aby.dk', password: 'x' },
      })
    }
    expect(
      (
        await world.call('POST', '/api/auth/login', {
          body: { email: 'ghost@aby.dk', password: 'x' },
        })
      ).status,
    ).toBe(429)
    // Other staff are not affected, and the lock ends with its window.
    expect(
      (
        await world.call('POST', '/api/auth/login', {
          body: { email: world.emails.analystA, password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(200)
    world.clock.advance(16 * 60_000)
    expect(
      (
        await world.call('POST', '/api/auth/login', {
          body: { email: world.emails.adminA, password: TEST_PASSWORD },
        })
      ).status,
    ).toBe(200)
  })

  it('logs out: the session no longer works', async () => {
    const cookie = await world.login(world.emails.analystA)
    expect((await world.call('GET', '/api/auth/me', { cookie })).status).toBe(200)
    const out = await world.call('POST', '/api/auth/logout', { cookie })
    expect(out.status).toBe(200)
    expect(out.headers.get('set-cookie')).toMatch(/tr_session=;/)
    const after = await world.call('GET', '/api/auth/me', { cookie })
    expect(after.status).toBe(401)
    expect((await after.json()).error.code).toBe('unauthenticated')
  })

  it('expires a session after its lifetime', async () => {
    const cookie = await world.login(world.emails.analystA)
    world.clock.advance(61 * 60_000)
    expect((await world.call('GET', '/api/auth/me', { cookie })).status).toBe(401)
  })

  it('refuses a malformed login body with a message naming the field', async () => {
    const response = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.adminA },
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues[0].path).toBe('password')
    const extra = await world.call('POST', '/api/auth/login', {
      body: { email: world.emails.adminA, password: 'x', admin: true },
    })
    expect(extra.status).toBe(400)
  })
})

describe('roles', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })

  it('lets an analyst read but not change', async () => {
    const cookie = await world.login(world.emails.analystA)
    expect((await world.call('GET', '/api/schools', { cookie })).status).toBe(200)
    expect((await world.call('GET', `/api/rounds/${world.a.roundId}`, { cookie })).status).toBe(200)
    const create = await world.call('POST', '/api/schools', { cookie, body: { name: 'Ny skole' } })
    expect(create.status).toBe(403)
    expect((await create.json()).error.code).toBe('forbidden')
    expect(
      (await world.call('POST', `/api/rounds/${world.a.roundId}/open`, { cookie })).status,
    ).toBe(403)
    expect(
      (await world.call('GET', `/api/rounds/${world.a.roundId}/codes`, { cookie })).status,
    ).toBe(403)
    expect((await world.call('GET', '/api/users', { cookie })).status).toBe(403)
    expect((await world.call('GET', '/api/audit-log', { cookie })).status).toBe(403)
  })

  it('shows a school user only their own school', async () => {
    const cookie = await world.login(world.emails.schoolA)
    const list = await (await world.call('GET', '/api/schools', { cookie })).json()
    expect(list.schools.map((s: { id: string }) => s.id)).toEqual([world.a.schoolId])
    expect((await world.call('GET', `/api/schools/${world.a.schoolId}`, { cookie })).status).toBe(
      200,
    )
    expect(
      (await world.call('GET', `/api/schools/${world.a.otherSchoolId}`, { cookie })).status,
    ).toBe(404)
    expect(
      (await world.call('GET', `/api/schools/${world.a.otherSchoolId}/classes`, { cookie })).status,
    ).toBe(404)
    expect((await world.call('POST', '/api/schools', { cookie, body: { name: 'X' } })).status).toBe(
      403,
    )
  })

  it('requires a session for every staff endpoint', async () => {
    for (const path of [
      '/api/schools',
      '/api/rounds',
      '/api/users',
      '/api/audit-log',
      '/api/definitions',
      '/api/auth/me',
    ]) {
      const response = await world.call('GET', path)
      expect(response.status, path).toBe(401)
    }
  })
})
