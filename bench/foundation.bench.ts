import SQLite from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { Model } from 'survey-core'
import { createApp } from '../server/app.ts'
import { bootstrap } from '../server/bootstrap.ts'
import { findActiveClassCode } from '../server/class-codes/class-codes.repository.ts'
import { systemClock } from '../server/clock.ts'
import { wrapSqlite } from '../server/db/create-db.ts'
import { DEMO_USERS, seedDemo } from '../server/demo/demo-seed.ts'
import { compileGenerator, generateResponse } from '../server/demo/response-generator.ts'
import { SeededRandom } from '../server/demo/seeded-random.ts'
import type { ScoringSpec } from '../survey-definitions/scoring-spec.ts'
import { opsPerSecond, type Figure } from './measure.ts'

const definitionsRoot = fileURLToPath(new URL('../survey-definitions/', import.meta.url))

/**
 * Foundation figures on the demo municipality in an in-memory SQLite database: what a signed-in
 * staff request and a pupil's class-code lookup cost against the cheapest request and query the
 * same app serves, and what the demo generator costs against survey-core parsing the questionnaire.
 */
export async function foundationBench(): Promise<Figure[]> {
  const db = wrapSqlite(new SQLite(':memory:'))
  await bootstrap(db.kysely, { now: new Date(), definitionsRoot })
  const summary = await seedDemo(db.kysely, new Date())
  const app = createApp({
    db: db.kysely,
    dialect: 'sqlite',
    clock: systemClock,
    config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
  })
  const analyst = DEMO_USERS[1]
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: analyst.email, password: analyst.password }),
  })
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!
  const code = (
    await db.kysely
      .selectFrom('class_codes')
      .select('code')
      .where('round_id', '=', summary.openRoundId)
      .executeTakeFirstOrThrow()
  ).code

  const health = await opsPerSecond(() => app.request('/healthz'))
  const rounds = await opsPerSecond(() => app.request('/api/rounds', { headers: { cookie } }))
  const select1 = await opsPerSecond(() => sql`select 1`.execute(db.kysely))
  const codeLookup = await opsPerSecond(() => findActiveClassCode(db.kysely, code))

  const survey = JSON.parse(
    readFileSync(join(definitionsRoot, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
  )
  const spec = JSON.parse(
    readFileSync(join(definitionsRoot, 'ssp-7-9', 'scoring.json'), 'utf8'),
  ) as ScoringSpec
  const model = compileGenerator(survey, spec)
  const rng = new SeededRandom(1)
  const parse = await opsPerSecond(() => new Model(survey))
  const generate = await opsPerSecond(() =>
    generateResponse(
      model,
      { grade: 8, risk: rng.normal(), support: rng.normal(), belonging: 0, wellbeing: 0 },
      rng,
    ),
  )
  await db.close()

  return [
    {
      name: 'GET /api/rounds (signed in, session lookup)',
      opsPerSecond: rounds,
      baseline: 'GET /healthz',
      costRatio: health / rounds,
    },
    {
      name: 'class-code lookup (pupil start)',
      opsPerSecond: codeLookup,
      baseline: 'select 1',
      costRatio: select1 / codeLookup,
    },
    {
      name: 'generate one synthetic response',
      opsPerSecond: generate,
      baseline: 'new Model(questionnaire)',
      costRatio: parse / generate,
    },
  ]
}
