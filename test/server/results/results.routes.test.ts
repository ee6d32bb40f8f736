import { beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../../server/app.ts'
import { fixedClock } from '../../../server/clock.ts'
import type { Db } from '../../../server/db/create-db.ts'
import { DEMO_USERS, seedDemo } from '../../../server/demo/demo-seed.ts'
import type { ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'
import { freshSqliteDb, TEST_NOW } from '../../support/databases.ts'

describe('results with the minimum group size', () => {
  let db: Db
  let roundId: string
  let spec: ScoringSpec
  const apps = new Map<number, App>()
  const app = (k: number) => {
    if (!apps.has(k)) {
      apps.set(
        k,
        createApp({
          db: db.kysely,
          dialect: 'sqlite',
          clock: fixedClock(TEST_NOW),
          config: { minGroupSize: k, publicUrl: 'http://x', sessionMinutes: 60 },
          logError: () => undefined,
        }),
      )
    }
    return apps.get(k)!
  }
  const login = async (k: number, role: number) => {
    const response = await app(k).request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: DEMO_USERS[role]!.email,
        password: DEMO_USERS[role]!.password,
      }),
    })
    return response.headers.get('set-cookie')!.split(';')[0]!
  }
  const results = async (k: number, cookie: string, params: Record<string, string>) => {
    const response = await app(k).request(
      `/api/results?${new URLSearchParams({ roundId, ...params })}`,
      { headers: { cookie } },
    )
    return { status: response.status, body: await response.json() }
  }

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    const round = await db.kysely
      .selectFrom('survey_rounds')
      .select(['id', 'definition_id'])
      .where('school_year', '=', '2025/26')
      .executeTakeFirstOrThrow()
    roundId = round.id
    const definition = await db.kysely
      .selectFrom('questionnaire_definitions')
      .select('scoring_spec_json')
      .where('id', '=', round.definition_id)
      .executeTakeFirstOrThrow()
    spec = JSON.parse(definition.scoring_spec_json)
  }, 60_000)

  it('gives a share per school with its Wilson interval, equal to counting the stored answers', async () => {
    const cookie = await login(5, 1)
    const indicator = spec.indicators.find((i) => i.id === 'alcohol-ever')!
    const { status, body } = await results(5, cookie, {
      measure: `indicator.${indicator.id}`,
      groupBy: 'school',
    })
    expect(status).toBe(200)
    expect(body.kind).toBe('proportion')
    expect(body.groups).toHaveLength(10)
    // Independently: count the answers of unflagged complete responses straight from the table.
    const rows = await db.kysely
      .selectFrom('responses')
      .innerJoin('schools', 'schools.id', 'responses.school_id')
      .select(['schools.name', 'responses.answers_json'])
      .where('round_id', '=', roundId)
      .where('state', '=', 'complete')
      .where('quality_flags_json', '=', '[]')
      .execute()
    for (const group of body.groups) {
      expect(group.status).toBe('shown')
      const answered = rows
        .filter((r) => r.name === group.label)
        .map((r) => JSON.parse(r.answers_json)[indicator.item])
        .filter((v) => v !== undefined)
      const yes = answered.filter((v: number) => indicator.countedValues.includes(v)).length
      expect(group.figure.n).toBe(answered.length)
      expect(group.figure.proportion).toBeCloseTo(yes / answered.length, 12)
      expect(group.figure.lower).toBeLessThan(group.figure.proportion)
      expect(group.figure.upper).toBeGreaterThan(group.figure.proportion)
    }
    expect(body.excludedAsInvalid).toBeGreaterThan(0)
  })

  it('suppresses small groups and one more, so nothing can be recovered by subtraction', async () => {
    // With k = 40 some gender groups in one school are too small; the total stays shown.
    const cookie = await login(40, 1)
    const school = await db.kysely
      .selectFrom('schools')
      .select('id')
      .where('name', '=', 'Havneskolen')
      .executeTakeFirstOrThrow()
    const { body } = await results(40, cookie, {
      measure: 'who5.index',
      groupBy: 'gender',
      schoolId: school.id,
    })
    expect(body.total.status).toBe('shown')
    const suppressed = body.groups.filter((g: { status: string }) => g.status === 'suppressed')
    expect(suppressed.length === 0 || suppressed.length >= 2).toBe(true)
    expect(suppressed.length).toBeGreaterThanOrEqual(2)
    for (const group of suppressed) expect(group).not.toHaveProperty('figure')
    const shownN = body.groups
      .filter((g: { status: string }) => g.status === 'shown')
      .reduce((s: number, g: { figure: { n: number } }) => s + g.figure.n, 0)
    expect(body.total.figure.n - shownN).toBeGreaterThanOrEqual(40)
  })

  it('keeps a school user to their own school and classes to administrators', async () => {
    const cookie = await login(5, 2)
    const { body } = await results(5, cookie, { measure: 'who5.index', groupBy: 'school' })
    expect(body.groups).toHaveLength(1)
    expect(body.groups[0].label).toBe('Havneskolen')
    expect((await results(5, cookie, { measure: 'who5.index', groupBy: 'class' })).status).toBe(403)
    const other = await db.kysely
      .selectFrom('schools')
      .select('id')
      .where('name', '=', 'Engskolen')
      .executeTakeFirstOrThrow()
    expect((await results(5, cookie, { measure: 'who5.index', schoolId: other.id })).status).toBe(
      404,
    )
    const admin = await login(5, 0)
    const byClass = await results(5, admin, { measure: 'who5.index', groupBy: 'class' })
    expect(byClass.status).toBe(200)
    expect(byClass.body.kind).toBe('mean')
    expect(byClass.body.groups.length).toBeGreaterThan(50)
  })
})

describe('comparing waves', () => {
  it('finds the planted improvement at Havneskolen as a real change and leaves most changes as noise', async () => {
    const db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    const rounds = await db.kysely
      .selectFrom('survey_rounds')
      .select(['id', 'school_year'])
      .orderBy('school_year')
      .execute()
    const app = createApp({
      db: db.kysely,
      dialect: 'sqlite',
      clock: fixedClock(TEST_NOW),
      config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
    })
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_USERS[2].email, password: DEMO_USERS[2].password }),
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const params = new URLSearchParams({ baselineRoundId: rounds[0]!.id, roundId: rounds[2]!.id })
    const response = await app.request(`/api/results/compare?${params}`, { headers: { cookie } })
    expect(response.status).toBe(200)
    const { comparisons } = await response.json()
    const alcohol = comparisons.find(
      (c: { measure: string }) => c.measure === 'indicator.alcohol-ever',
    )
    expect(alcohol).toMatchObject({ kind: 'change', verdict: 'real-change' })
    expect(alcohol.difference).toBeLessThan(-0.1)
    expect(alcohol.adjustedPValue).toBeGreaterThanOrEqual(alcohol.pValue)
    expect(comparisons.length).toBeGreaterThan(40)
    await db.close()
  }, 60_000)
})
