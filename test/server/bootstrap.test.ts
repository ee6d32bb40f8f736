import { describe, expect, it } from 'vitest'
import { bootstrap } from '../../server/bootstrap.ts'
import { seedDemo, seedDemoIfEmpty, DEMO_USERS } from '../../server/demo/demo-seed.ts'
import { DEFINITIONS_ROOT, freshSqliteDb, TEST_NOW } from '../support/databases.ts'
import { createApp } from '../../server/app.ts'
import { fixedClock } from '../../server/clock.ts'

describe('start-up', () => {
  it('migrates, loads the questionnaire and creates the first administrator once', async () => {
    const db = await freshSqliteDb({ definitions: false })
    const admin = {
      email: 'first@kommune.dk',
      password: 'a long first password',
      municipality: 'Kommunen',
    }
    const first = await bootstrap(db.kysely, {
      now: TEST_NOW,
      definitionsRoot: DEFINITIONS_ROOT,
      admin,
    })
    expect(first.adminCreated).toBe(true)
    expect(first.definitions.map((d) => [d.definition.questionnaireId, d.created])).toEqual([
      ['ssp-7-9', true],
    ])
    const second = await bootstrap(db.kysely, {
      now: TEST_NOW,
      definitionsRoot: DEFINITIONS_ROOT,
      admin: { ...admin, password: 'another password!' },
    })
    expect(second).toMatchObject({ migrated: [], adminCreated: false })
    expect(second.definitions[0]?.created).toBe(false)

    const app = createApp({
      db: db.kysely,
      dialect: 'sqlite',
      clock: fixedClock(TEST_NOW),
      config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
    })
    const login = (password: string) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password }),
      })
    expect((await login(admin.password)).status).toBe(200)
    expect((await login('another password!')).status).toBe(401)
    await db.close()
  })

  it('seeds the demo municipality only into an empty database', async () => {
    const db = await freshSqliteDb()
    const lines: string[] = []
    const summary = await seedDemoIfEmpty(db.kysely, {
      now: TEST_NOW,
      publicUrl: 'http://localhost:3000',
      log: (l) => lines.push(l),
    })
    expect(summary).toBeDefined()
    expect(summary!.rounds).toBe(4)
    const rounds = await db.kysely
      .selectFrom('survey_rounds')
      .select(['school_year', 'state'])
      .orderBy('school_year')
      .execute()
    expect(rounds).toEqual([
      { school_year: '2023/24', state: 'closed' },
      { school_year: '2024/25', state: 'closed' },
      { school_year: '2025/26', state: 'closed' },
      { school_year: '2026/27', state: 'open' },
    ])
    const perRound = await db.kysely
      .selectFrom('responses')
      .innerJoin('survey_rounds', 'survey_rounds.id', 'responses.round_id')
      .select(['survey_rounds.school_year', (eb) => eb.fn.countAll<number>().as('n')])
      .where('responses.state', '=', 'complete')
      .groupBy('survey_rounds.school_year')
      .orderBy('survey_rounds.school_year')
      .execute()
    for (const row of perRound.slice(0, 3)) expect(Number(row.n)).toBeGreaterThan(1100)
    expect(Number(perRound[3]?.n)).toBeGreaterThan(100)
    expect(lines.join('\n')).toContain(DEMO_USERS[0].password)
    const codes = await db.kysely.selectFrom('class_codes').select('code').execute()
    expect(codes.length).toBeGreaterThan(50)
    // Nothing that could identify a pupil: no exact times on responses.
    const sample = await db.kysely
      .selectFrom('responses')
      .selectAll()
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(sample.started_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(sample.draft_started_at).toBeNull()
    expect(
      await seedDemoIfEmpty(db.kysely, { now: TEST_NOW, publicUrl: 'x', log: () => undefined }),
    ).toBeUndefined()
    await expect(seedDemo(db.kysely, TEST_NOW)).rejects.toThrow()
    await db.close()
  }, 60_000)
})
