import { beforeEach, describe, expect, it } from 'vitest'
import {
  ensureClassCodes,
  listClassCodes,
} from '../../server/class-codes/class-codes.repository.ts'
import { createTestWorld, type TestWorld } from '../support/test-app.ts'

/** Every staff endpoint that takes an id, called by municipality A's admin with B's ids. */
function crossMunicipalityCalls(world: TestWorld, bCode: string) {
  const { b } = world
  return [
    ['GET', `/api/schools/${b.schoolId}`],
    ['GET', `/api/schools/${b.schoolId}/classes`],
    [
      'POST',
      `/api/schools/${b.schoolId}/classes`,
      { schoolYear: '2026/27', grade: 7, label: '7.Z', expectedPupils: 20 },
    ],
    ['GET', `/api/rounds/${b.roundId}`],
    ['POST', `/api/rounds/${b.roundId}/open`],
    ['POST', `/api/rounds/${b.roundId}/close`],
    ['GET', `/api/rounds/${b.roundId}/codes`],
    ['POST', `/api/rounds/${b.roundId}/codes`, {}],
    ['POST', `/api/rounds/${b.roundId}/codes/${bCode}/revoke`, {}],
    ['GET', `/api/rounds/${b.roundId}/code-sheet`],
    [
      'POST',
      '/api/users',
      {
        email: 'x@aby.dk',
        displayName: 'X',
        password: 'a long password 1',
        role: 'school',
        schoolId: b.schoolId,
      },
    ],
  ] as const
}

describe('a user never sees another municipality', () => {
  let world: TestWorld
  let bCode: string
  beforeEach(async () => {
    world = await createTestWorld()
    await ensureClassCodes(world.db.kysely, world.b.roundId, [world.b.classId], world.clock.now())
    bCode = (await listClassCodes(world.db.kysely, world.b.municipalityId, world.b.roundId))[0]!
      .code
  })

  it('refuses every staff endpoint with the other municipality’s ids and changes nothing', async () => {
    const cookie = await world.login(world.emails.adminA)
    const before = await world.db.kysely
      .selectFrom('survey_rounds')
      .selectAll()
      .where('id', '=', world.b.roundId)
      .executeTakeFirst()
    for (const [method, path, body] of crossMunicipalityCalls(world, bCode)) {
      const response = await world.call(method, path, { cookie, body })
      expect([400, 403, 404], `${method} ${path}`).toContain(response.status)
      const text = await response.text()
      expect(text, `${method} ${path} leaks`).not.toContain('Bby')
    }
    const after = await world.db.kysely
      .selectFrom('survey_rounds')
      .selectAll()
      .where('id', '=', world.b.roundId)
      .executeTakeFirst()
    expect(after).toEqual(before)
    const codes = await listClassCodes(world.db.kysely, world.b.municipalityId, world.b.roundId)
    expect(codes.map((c) => c.revokedAt)).toEqual([null])
    const classes = await world.db.kysely
      .selectFrom('classes')
      .select('label')
      .where('school_id', '=', world.b.schoolId)
      .execute()
    expect(classes.map((c) => c.label)).toEqual(['8.B'])
  })

  it('lists only the own municipality’s schools, rounds, users and audit entries', async () => {
    const cookie = await world.login(world.emails.adminA)
    await world.login(world.emails.adminB) // writes an audit entry in B
    const schools = await (await world.call('GET', '/api/schools', { cookie })).json()
    expect(
      schools.schools.every(
        (s: { municipalityId: string }) => s.municipalityId === world.a.municipalityId,
      ),
    ).toBe(true)
    const rounds = await (await world.call('GET', '/api/rounds', { cookie })).json()
    expect(rounds.rounds.map((r: { id: string }) => r.id)).toEqual([world.a.roundId])
    const users = await (await world.call('GET', '/api/users', { cookie })).json()
    expect(users.users.map((u: { email: string }) => u.email).sort()).toEqual(
      [world.emails.adminA, world.emails.analystA, world.emails.schoolA].sort(),
    )
    const audit = await (await world.call('GET', '/api/audit-log', { cookie })).json()
    expect(audit.entries.length).toBeGreaterThan(0)
    expect(
      audit.entries.every(
        (e: { municipalityId: string }) => e.municipalityId === world.a.municipalityId,
      ),
    ).toBe(true)
  })
})
