import { createApp, type App } from '../../server/app.ts'
import { fixedClock } from '../../server/clock.ts'
import type { Db } from '../../server/db/create-db.ts'
import { DEMO_USERS } from '../../server/demo/demo-seed.ts'
import type { ScoringSpec } from '../../survey-definitions/scoring-spec.ts'
import { TEST_NOW } from './databases.ts'

/** A result row of the analysis API, as tests read it. */
export type Row = {
  round: string
  group: Record<string, { key: string; label: string }>
  status: 'shown' | 'suppressed'
  figure?: { n: number; proportion?: number; mean?: number; lower: number; upper: number }
  reason?: string
  text?: string
}

/**
 * A demo municipality behind the real app, signed in as each demo user, at a chosen k. Paths are
 * under `/api/<area>/` (the analysis API unless told otherwise).
 */
export function demoApi(getDb: () => Db, dialect: 'sqlite' | 'postgres', area = 'analysis') {
  const apps = new Map<number, App>()
  const cookies = new Map<string, string>()
  const app = (k: number) => {
    if (!apps.has(k)) {
      apps.set(
        k,
        createApp({
          db: getDb().kysely,
          dialect,
          clock: fixedClock(TEST_NOW),
          config: { minGroupSize: k, publicUrl: 'http://x', sessionMinutes: 60 },
          logError: () => undefined,
        }),
      )
    }
    return apps.get(k)!
  }
  const login = async (k: number, user: number) => {
    const id = `${k}:${user}`
    if (!cookies.has(id)) {
      const response = await app(k).request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: DEMO_USERS[user]!.email,
          password: DEMO_USERS[user]!.password,
        }),
      })
      cookies.set(id, response.headers.get('set-cookie')!.split(';')[0]!)
    }
    return cookies.get(id)!
  }
  return async (
    path: string,
    params: Record<string, string>,
    options: { k?: number; user?: number } = {},
  ) => {
    const k = options.k ?? 5
    const cookie = await login(k, options.user ?? 1)
    const response = await app(k).request(`/api/${area}/${path}?${new URLSearchParams(params)}`, {
      headers: { cookie },
    })
    const type = response.headers.get('content-type') ?? ''
    return {
      status: response.status,
      type,
      headers: response.headers,
      body: (type.includes('json')
        ? await response.json()
        : type.includes('spreadsheetml')
          ? Buffer.from(await response.arrayBuffer())
          : // Kept byte for byte: a BOM at the start is part of what is tested.
            new TextDecoder('utf-8', { ignoreBOM: true }).decode(
              await response.arrayBuffer(),
            )) as any,
    }
  }
}

export async function demoFacts(db: Db) {
  const rounds = await db.kysely
    .selectFrom('survey_rounds')
    .select(['id', 'school_year', 'definition_id', 'state'])
    .orderBy('opens_at')
    .execute()
  const definition = await db.kysely
    .selectFrom('questionnaire_definitions')
    .select('scoring_spec_json')
    .where('id', '=', rounds[0]!.definition_id)
    .executeTakeFirstOrThrow()
  const schools = await db.kysely.selectFrom('schools').select(['id', 'name']).execute()
  const schoolId = (name: string) => schools.find((s) => s.name === name)!.id
  const spec = JSON.parse(definition.scoring_spec_json) as ScoringSpec
  return { rounds, spec, schoolId }
}
