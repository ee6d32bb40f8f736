import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { freshPostgresDb, freshSqliteDb, postgresAvailable } from '../../support/databases.ts'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

const available = await postgresAvailable()

const drunk = {
  measure: 'indicator.drunk-30d',
  grade: 9,
  value: 0.21,
  source: 'Skolebørnsundersøgelsen 2022',
  sourceYear: 2022,
  note: 'Landstal, 9. klasse',
}

/** The same suite on every supported database: storage goes through the real routes. */
function runReferenceValueTests(makeDb: () => Promise<Db>): void {
  let world: TestWorld
  let admin: string
  beforeEach(async () => {
    world = await createTestWorld({ db: await makeDb() })
    admin = await world.login(world.emails.adminA)
  })
  afterEach(async () => {
    await world.db.close()
  })

  const list = async (cookie: string, query = '') => {
    const response = await world.call('GET', `/api/reference-values${query}`, { cookie })
    expect(response.status).toBe(200)
    return (await response.json()).referenceValues as Array<Record<string, unknown>>
  }

  it('lets an admin create, list and delete reference values, writing the audit log', async () => {
    const created = await world.call('POST', '/api/reference-values', {
      cookie: admin,
      body: drunk,
    })
    expect(created.status).toBe(201)
    const { referenceValue } = await created.json()
    expect(referenceValue).toMatchObject({
      ...drunk,
      municipalityId: world.a.municipalityId,
      createdAt: '2026-11-23T09:00:00.000Z',
    })
    const who5 = await world.call('POST', '/api/reference-values', {
      cookie: admin,
      body: {
        measure: 'who5.index',
        value: 62.5,
        source: 'Skolebørnsundersøgelsen',
        sourceYear: 2022,
      },
    })
    expect(who5.status).toBe(201)
    expect((await who5.json()).referenceValue).toMatchObject({
      grade: null,
      note: null,
      value: 62.5,
    })

    expect((await list(admin)).map((r) => r.measure)).toEqual(['indicator.drunk-30d', 'who5.index'])
    expect(await list(admin, '?measure=who5.index')).toMatchObject([{ measure: 'who5.index' }])

    const deleted = await world.call('DELETE', `/api/reference-values/${referenceValue.id}`, {
      cookie: admin,
    })
    expect(deleted.status).toBe(204)
    expect((await list(admin)).map((r) => r.measure)).toEqual(['who5.index'])
    const again = await world.call('DELETE', `/api/reference-values/${referenceValue.id}`, {
      cookie: admin,
    })
    expect(again.status).toBe(404)

    const audit = await (await world.call('GET', '/api/audit-log', { cookie: admin })).json()
    const entries = (audit.entries as Array<Record<string, unknown>>).filter(
      (entry) => entry.entityId === referenceValue.id,
    )
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'reference-value.create',
      'reference-value.delete',
    ])
    expect(entries[0]).toMatchObject({
      entityType: 'reference-value',
      details: { measure: 'indicator.drunk-30d', value: 0.21, sourceYear: 2022 },
    })
  })

  it('lets an analyst and a school user read but not change reference values', async () => {
    const created = await world.call('POST', '/api/reference-values', {
      cookie: admin,
      body: drunk,
    })
    const { referenceValue } = await created.json()
    for (const email of [world.emails.analystA, world.emails.schoolA]) {
      const cookie = await world.login(email)
      expect(await list(cookie)).toMatchObject([{ id: referenceValue.id }])
      const post = await world.call('POST', '/api/reference-values', { cookie, body: drunk })
      expect(post.status).toBe(403)
      expect((await post.json()).error.code).toBe('forbidden')
      const del = await world.call('DELETE', `/api/reference-values/${referenceValue.id}`, {
        cookie,
      })
      expect(del.status).toBe(403)
    }
    expect(await list(admin)).toHaveLength(1)
    expect((await world.call('GET', '/api/reference-values')).status).toBe(401)
  })

  it("keeps another municipality's reference values hidden: not listed, 404 on delete", async () => {
    const created = await world.call('POST', '/api/reference-values', {
      cookie: admin,
      body: drunk,
    })
    const { referenceValue } = await created.json()
    const adminB = await world.login(world.emails.adminB)
    expect(await list(adminB)).toEqual([])
    const del = await world.call('DELETE', `/api/reference-values/${referenceValue.id}`, {
      cookie: adminB,
    })
    expect(del.status).toBe(404)
    expect((await del.json()).error.code).toBe('not_found')
    expect(await list(admin)).toHaveLength(1)
  })

  it('refuses unknown measures, shares above 1, unknown fields and impossible years with 400', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...drunk, measure: 'indicator.drunk-31d' }, /"indicator\.drunk-31d" is not a measure/],
      [{ ...drunk, measure: 'background.gender' }, /"background\.gender" is not a measure/],
      [{ ...drunk, measure: 'Indicator Drunk' }, /measure: must be a measure id/],
      [{ ...drunk, value: 21 }, /value: .*share.*0\.21 for 21 %/],
      [{ ...drunk, measure: 'factor.loneliness.present', value: -0.1 }, /value: .*share/],
      [{ ...drunk, favourite: true }, /favourite/],
      [{ ...drunk, sourceYear: 1989 }, /sourceYear/],
      [{ ...drunk, sourceYear: 2022.5 }, /sourceYear/],
      [{ ...drunk, source: '' }, /source/],
      [{ ...drunk, grade: 6 }, /grade/],
    ]
    for (const [body, message] of cases) {
      const response = await world.call('POST', '/api/reference-values', { cookie: admin, body })
      expect(response.status, JSON.stringify(body)).toBe(400)
      const { error } = await response.json()
      expect(error.code).toBe('validation_failed')
      expect(error.message).toMatch(message)
    }
    expect(await list(admin)).toEqual([])
  })

  it('accepts means above 1 and the measures every scoring spec has', async () => {
    for (const [measure, value] of [
      ['factor.loneliness.score', 2.4],
      ['factor.loneliness.present', 0.18],
      ['who5.likely-depression', 0.07],
      ['factors.risk-count', 2.1],
      ['factors.protective-share', 0.6],
      ['concern-level', 1.6],
    ] as const) {
      const response = await world.call('POST', '/api/reference-values', {
        cookie: admin,
        body: { measure, value, source: 'Eget skøn', sourceYear: 2025 },
      })
      expect(response.status, measure).toBe(201)
    }
  })
}

describe('reference values on SQLite', () => {
  runReferenceValueTests(() => freshSqliteDb())
})

describe.skipIf(!available)('reference values on PostgreSQL', () => {
  runReferenceValueTests(() => freshPostgresDb())
})
