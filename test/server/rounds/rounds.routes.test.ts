import { beforeEach, describe, expect, it } from 'vitest'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

const newRound = (definitionId: string) => ({
  name: 'SSP-undersøgelsen 2026/27',
  schoolYear: '2026/27',
  waveLabel: 'baseline',
  opensAt: '2026-12-01T08:00:00+01:00',
  closesAt: '2027-01-31T16:00:00+01:00',
  definitionId,
})

describe('survey rounds', () => {
  let world: TestWorld
  let cookie: string
  beforeEach(async () => {
    world = await createTestWorld()
    cookie = await world.login(world.emails.adminA)
  })

  it('creates a round in draft, opens it, closes it and reopens it, writing the audit log', async () => {
    const created = await world.call('POST', '/api/rounds', {
      cookie,
      body: newRound(world.definitionId),
    })
    expect(created.status).toBe(201)
    const { round } = await created.json()
    expect(round).toMatchObject({
      state: 'draft',
      waveLabel: 'baseline',
      schoolYear: '2026/27',
      opensAt: '2026-12-01T07:00:00.000Z',
    })

    world.clock.advance(1000)
    const open = await world.call('POST', `/api/rounds/${round.id}/open`, { cookie })
    expect(open.status).toBe(200)
    expect((await open.json()).round.state).toBe('open')
    const again = await world.call('POST', `/api/rounds/${round.id}/open`, { cookie })
    expect(again.status).toBe(409)
    expect((await again.json()).error.message).toBe(
      'The round is open and cannot be opened from there.',
    )
    world.clock.advance(1000)
    expect(
      (await (await world.call('POST', `/api/rounds/${round.id}/close`, { cookie })).json()).round
        .state,
    ).toBe('closed')
    expect((await world.call('POST', `/api/rounds/${round.id}/close`, { cookie })).status).toBe(409)
    world.clock.advance(1000)
    expect((await world.call('POST', `/api/rounds/${round.id}/open`, { cookie })).status).toBe(200)

    const audit = await (await world.call('GET', '/api/audit-log', { cookie })).json()
    const actions = audit.entries
      .filter((e: { entityId: string }) => e.entityId === round.id)
      .map((e: { action: string }) => e.action)
    expect(actions).toEqual(['round.open', 'round.close', 'round.open', 'round.create'])
  })

  it('refuses invalid rounds with messages naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...newRound(world.definitionId), schoolYear: '2026/28' }, 'schoolYear'],
      [{ ...newRound(world.definitionId), closesAt: '2026-11-01T00:00:00Z' }, 'closesAt'],
      [{ ...newRound(world.definitionId), opensAt: 'tomorrow' }, 'opensAt'],
      [{ ...newRound(world.definitionId), extra: 1 }, ''],
      [{ ...newRound(world.definitionId), name: '' }, 'name'],
    ]
    for (const [body, field] of cases) {
      const response = await world.call('POST', '/api/rounds', { cookie, body })
      expect(response.status, JSON.stringify(body)).toBe(400)
      const error = (await response.json()).error
      expect(error.code).toBe('validation_failed')
      expect(error.details.issues.map((i: { path: string }) => i.path)).toContain(field)
    }
    const unknownDefinition = await world.call('POST', '/api/rounds', {
      cookie,
      body: newRound('00000000-0000-4000-8000-000000000000'),
    })
    expect(unknownDefinition.status).toBe(400)
    expect((await unknownDefinition.json()).error.message).toMatch(/definitionId/)
    expect((await (await world.call('GET', '/api/rounds', { cookie })).json()).rounds).toHaveLength(
      1,
    )
  })

  it('answers 404 for a round id that does not exist or is not a uuid', async () => {
    expect(
      (await world.call('GET', '/api/rounds/00000000-0000-4000-8000-000000000000', { cookie }))
        .status,
    ).toBe(404)
    expect((await world.call('GET', '/api/rounds/not-a-uuid', { cookie })).status).toBe(400)
  })
})

describe('class codes', () => {
  let world: TestWorld
  let cookie: string
  beforeEach(async () => {
    world = await createTestWorld()
    cookie = await world.login(world.emails.adminA)
    await world.call('POST', `/api/schools/${world.a.schoolId}/classes`, {
      cookie,
      body: { schoolYear: '2026/27', grade: 9, label: '9.A', expectedPupils: 24 },
    })
  })

  it('gives every class of the round’s year one code, repeatably', async () => {
    const first = await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, { cookie })
    expect(first.status).toBe(200)
    const body = await first.json()
    expect(body.created).toBe(2)
    expect(body.codes.map((c: { classLabel: string }) => c.classLabel).sort()).toEqual([
      '8.B',
      '9.A',
    ])
    for (const code of body.codes) {
      expect(code.code).toMatch(/^[2-9A-HJKMNP-TV-Z]{9}$/)
      expect(code.displayCode).toBe(code.code.match(/.{3}/g).join('-'))
    }
    const second = await (
      await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, { cookie, body: {} })
    ).json()
    expect(second.created).toBe(0)
    expect(second.codes.map((c: { code: string }) => c.code).sort()).toEqual(
      body.codes.map((c: { code: string }) => c.code).sort(),
    )
  })

  it('revokes a code typed any way, and replaces it on request', async () => {
    const { codes } = await (
      await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, { cookie })
    ).json()
    const target = codes[0]
    const typed = target.displayCode.toLowerCase().replace(/-/g, ' ')
    const revoked = await world.call(
      'POST',
      `/api/rounds/${world.a.roundId}/codes/${encodeURIComponent(typed)}/revoke`,
      { cookie, body: { replace: true } },
    )
    expect(revoked.status).toBe(200)
    const result = await revoked.json()
    expect(result.revoked).toBe(target.displayCode)
    expect(result.replacement.classId).toBe(target.classId)
    expect(result.replacement.code).not.toBe(target.code)
    const again = await world.call(
      'POST',
      `/api/rounds/${world.a.roundId}/codes/${target.code}/revoke`,
      { cookie },
    )
    expect(again.status).toBe(404)
    const all = await (
      await world.call('GET', `/api/rounds/${world.a.roundId}/codes`, { cookie })
    ).json()
    expect(all.codes).toHaveLength(3)
    expect(
      all.codes.filter((c: { revokedAt: string | null }) => c.revokedAt !== null),
    ).toHaveLength(1)
  })

  it('refuses codes for a closed round and for classes of another year', async () => {
    const other = await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, {
      cookie,
      body: { classIds: ['00000000-0000-4000-8000-000000000000'] },
    })
    expect(other.status).toBe(400)
    await world.call('POST', `/api/rounds/${world.a.roundId}/open`, { cookie })
    await world.call('POST', `/api/rounds/${world.a.roundId}/close`, { cookie })
    const closed = await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, { cookie })
    expect(closed.status).toBe(409)
    expect((await closed.json()).error.message).toMatch(/closed/)
  })

  it('prints a code sheet with one slip per class, the pupil URL and a QR code, escaping names', async () => {
    await world.call('POST', '/api/schools', {
      cookie,
      body: { name: '<script>alert(1)</script>' },
    })
    const schools = (await (await world.call('GET', '/api/schools', { cookie })).json()).schools
    const evil = schools.find((s: { name: string }) => s.name.startsWith('<script>'))
    await world.call('POST', `/api/schools/${evil.id}/classes`, {
      cookie,
      body: { schoolYear: '2026/27', grade: 7, label: '7.A', expectedPupils: 20 },
    })
    const { codes } = await (
      await world.call('POST', `/api/rounds/${world.a.roundId}/codes`, { cookie })
    ).json()
    const sheet = await world.call('GET', `/api/rounds/${world.a.roundId}/code-sheet`, { cookie })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('content-type')).toMatch(/text\/html/)
    const html = await sheet.text()
    expect(html.match(/class="slip"/g)).toHaveLength(3)
    for (const code of codes) expect(html).toContain(code.displayCode)
    expect(html.match(/<svg/g)).toHaveLength(3)
    expect(html).toContain('http://localhost:3000/')
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })
})
