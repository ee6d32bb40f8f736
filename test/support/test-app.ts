import { createApp, type App } from '../../server/app.ts'
import {
  ensureClassCodes,
  listClassCodes,
} from '../../server/class-codes/class-codes.repository.ts'
import { hashPassword } from '../../server/auth/password.ts'
import { fixedClock } from '../../server/clock.ts'
import type { Db } from '../../server/db/create-db.ts'
import type { StaffRole } from '../../server/db/schema.ts'
import { latestDefinition } from '../../server/definitions/definitions.repository.ts'
import { insertMunicipality } from '../../server/municipalities/municipalities.repository.ts'
import { insertRound } from '../../server/rounds/rounds.repository.ts'
import { insertClass, insertSchool } from '../../server/schools/schools.repository.ts'
import { insertStaffUser } from '../../server/staff-users/staff-users.repository.ts'
import type { WebAssets } from '../../server/web-assets/web-assets.ts'
import { freshSqliteDb, TEST_NOW } from './databases.ts'

/** Cheap scrypt cost for test users only; production hashes use the default cost. */
const TEST_HASH_COST = { N: 2 ** 10, r: 8, p: 1 }
export const TEST_PASSWORD = 'correct horse battery staple'

export interface TestWorld {
  db: Db
  app: App
  clock: ReturnType<typeof fixedClock>
  definitionId: string
  /** Municipality A: the one the tests sign in to; B: a neighbour whose data must stay hidden. */
  a: {
    municipalityId: string
    schoolId: string
    otherSchoolId: string
    classId: string
    roundId: string
  }
  b: { municipalityId: string; schoolId: string; classId: string; roundId: string }
  emails: { adminA: string; analystA: string; schoolA: string; adminB: string }
  /** Signs in and returns the Cookie header value. */
  login(email: string, password?: string): Promise<string>
  /** Opens municipality A's round and gives its class a code; returns the code. */
  openRoundA(): Promise<string>
  /** A request as a browser's fetch would send it: JSON body with its content type, if any. */
  call(
    method: string,
    path: string,
    options?: { cookie?: string; body?: unknown },
  ): Promise<Response>
}

/** Two municipalities with a school, a class, a round and staff of every role, on a fresh SQLite copy. */
export async function createTestWorld(
  options: { db?: Db; webAssets?: WebAssets } = {},
): Promise<TestWorld> {
  const db = options.db ?? (await freshSqliteDb())
  const clock = fixedClock(TEST_NOW)
  const now = clock.now()
  const k = db.kysely
  const definition = await latestDefinition(k, 'ssp-7-9')
  if (!definition) throw new Error('the ssp-7-9 questionnaire is not loaded')
  const passwordHash = await hashPassword(TEST_PASSWORD, TEST_HASH_COST)

  const build = async (name: string, prefix: string) => {
    const municipality = await insertMunicipality(k, name, now)
    const school = await insertSchool(k, municipality.id, `${name} Skole`, now)
    const otherSchool = await insertSchool(k, municipality.id, `${name} Friskole`, now)
    const schoolClass = await insertClass(
      k,
      { schoolId: school.id, schoolYear: '2026/27', grade: 8, label: '8.B', expectedPupils: 22 },
      now,
    )
    const round = await insertRound(
      k,
      {
        municipalityId: municipality.id,
        definitionId: definition.id,
        name: `SSP ${name}`,
        schoolYear: '2026/27',
        waveLabel: null,
        opensAt: '2026-11-01T00:00:00.000Z',
        closesAt: '2027-01-31T00:00:00.000Z',
      },
      now,
    )
    const add = (role: StaffRole, email: string, schoolId: string | null) =>
      insertStaffUser(
        k,
        {
          email,
          displayName: `${prefix} ${role}`,
          passwordHash,
          role,
          municipalityId: municipality.id,
          schoolId,
        },
        now,
      )
    return { municipality, school, otherSchool, schoolClass, round, add }
  }

  const a = await build('Aby Kommune', 'A')
  const b = await build('Bby Kommune', 'B')
  const emails = {
    adminA: 'admin@aby.dk',
    analystA: 'analytiker@aby.dk',
    schoolA: 'skole@aby.dk',
    adminB: 'admin@bby.dk',
  }
  await a.add('admin', emails.adminA, null)
  await a.add('analyst', emails.analystA, null)
  await a.add('school', emails.schoolA, a.school.id)
  await b.add('admin', emails.adminB, null)

  const app = createApp({
    db: k,
    dialect: db.dialect,
    clock,
    config: { minGroupSize: 5, publicUrl: 'http://localhost:3000', sessionMinutes: 60 },
    logError: () => undefined,
    ...(options.webAssets ? { webAssets: options.webAssets } : {}),
  })

  const call: TestWorld['call'] = (method, path, callOptions = {}) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: {
          ...(callOptions.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(callOptions.cookie ? { cookie: callOptions.cookie } : {}),
        },
        ...(callOptions.body === undefined ? {} : { body: JSON.stringify(callOptions.body) }),
      }),
    )

  const login: TestWorld['login'] = async (email, password = TEST_PASSWORD) => {
    const response = await call('POST', '/api/auth/login', { body: { email, password } })
    if (response.status !== 200)
      throw new Error(`login of ${email} failed: ${response.status} ${await response.text()}`)
    const cookie = response.headers.get('set-cookie')?.split(';')[0]
    if (!cookie) throw new Error('login set no cookie')
    return cookie
  }

  const openRoundA = async () => {
    await k
      .updateTable('survey_rounds')
      .set({ state: 'open' })
      .where('id', '=', a.round.id)
      .execute()
    await ensureClassCodes(k, a.round.id, [a.schoolClass.id], clock.now())
    return (await listClassCodes(k, a.municipality.id, a.round.id))[0]!.code
  }

  return {
    db,
    app,
    openRoundA,
    clock,
    definitionId: definition.id,
    a: {
      municipalityId: a.municipality.id,
      schoolId: a.school.id,
      otherSchoolId: a.otherSchool.id,
      classId: a.schoolClass.id,
      roundId: a.round.id,
    },
    b: {
      municipalityId: b.municipality.id,
      schoolId: b.school.id,
      classId: b.schoolClass.id,
      roundId: b.round.id,
    },
    emails,
    login,
    call,
  }
}
