import { beforeEach, describe, expect, it } from 'vitest'
import { API_BODY_LIMIT_BYTES } from '../../server/app.ts'
import { createTestWorld, TEST_PASSWORD, type TestWorld } from '../support/test-app.ts'

describe('hostile requests', () => {
  let world: TestWorld
  let cookie: string
  beforeEach(async () => {
    world = await createTestWorld()
    cookie = await world.login(world.emails.adminA)
  })

  const post = (path: string, body: string, headers: Record<string, string>) =>
    world.app.request(path, { method: 'POST', headers: { cookie, ...headers }, body })

  it('refuses malformed JSON with 400 and a readable message', async () => {
    const response = await post('/api/schools', '{"name": "Halv', {
      'content-type': 'application/json',
    })
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(body.error.code).toBe('bad_request')
    expect(body.error.message).toMatch(/JSON/)
  })

  it('refuses a body that is not JSON with 415', async () => {
    const response = await post('/api/schools', 'name=Skole', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(response.status).toBe(415)
    expect((await response.json()).error.code).toBe('unsupported_media_type')
    const plain = await post(
      '/api/auth/login',
      JSON.stringify({ email: world.emails.adminA, password: TEST_PASSWORD }),
      { 'content-type': 'text/plain' },
    )
    expect(plain.status).toBe(415)
  })

  it('refuses a huge body with 413 before parsing it', async () => {
    const name = 'x'.repeat(API_BODY_LIMIT_BYTES + 1)
    const response = await post('/api/schools', JSON.stringify({ name }), {
      'content-type': 'application/json',
    })
    expect(response.status).toBe(413)
    expect((await response.json()).error.code).toBe('payload_too_large')
  })

  it('refuses a state change from another origin with 403', async () => {
    const response = await post('/api/schools', JSON.stringify({ name: 'Fremmed' }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
      host: 'localhost',
    })
    expect(response.status).toBe(403)
    const same = await post('/api/schools', JSON.stringify({ name: 'Egen' }), {
      'content-type': 'application/json',
      origin: 'http://localhost',
      host: 'localhost',
    })
    expect(same.status).toBe(201)
  })

  it('refuses unknown fields and wrong types, and stores nothing', async () => {
    for (const body of [
      { name: 'A', municipalityId: world.b.municipalityId },
      { name: 42 },
      [],
      null,
      'Skole',
    ]) {
      const response = await post('/api/schools', JSON.stringify(body), {
        'content-type': 'application/json',
      })
      expect(response.status, JSON.stringify(body)).toBe(400)
    }
    const schools = await (await world.call('GET', '/api/schools', { cookie })).json()
    expect(schools.schools).toHaveLength(2)
  })

  it('answers unknown addresses with the JSON error shape and sets security headers', async () => {
    const response = await world.call('GET', '/api/nothing-here', { cookie })
    expect(response.status).toBe(404)
    expect((await response.json()).error.code).toBe('not_found')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('cache-control')).toBe('no-store')
  })

  it('publishes an OpenAPI document generated from the routes', async () => {
    const response = await world.call('GET', '/api/openapi.json')
    expect(response.status).toBe(200)
    const doc = await response.json()
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/schools',
        '/api/rounds/{id}/codes',
        '/api/rounds/{id}/open',
      ]),
    )
  })
})
