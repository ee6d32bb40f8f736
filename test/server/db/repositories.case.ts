import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { countEvent, currentCount } from '../../../server/auth/rate-limit.repository.ts'
import { createSession, findSessionUser } from '../../../server/auth/sessions.repository.ts'
import { CLASS_CODE_ALPHABET } from '../../../server/class-codes/class-code.ts'
import {
  ensureClassCodes,
  findActiveClassCode,
  listClassCodes,
  revokeClassCode,
} from '../../../server/class-codes/class-codes.repository.ts'
import type { Db } from '../../../server/db/create-db.ts'
import { migrateToLatest } from '../../../server/db/migrate.ts'
import { isUniqueViolation } from '../../../server/db/unique-violation.ts'
import { readDefinitionSources } from '../../../server/definitions/definition-files.ts'
import { storeDefinition } from '../../../server/definitions/definitions.loader.ts'
import {
  findDefinition,
  latestDefinition,
  listDefinitions,
} from '../../../server/definitions/definitions.repository.ts'
import { compileGenerator, generateResponse } from '../../../server/demo/response-generator.ts'
import { SeededRandom } from '../../../server/demo/seeded-random.ts'
import { saveResponse } from '../../../server/responses/responses.repository.ts'
import { pageItemsOf } from '../../../server/scoring/questionnaire-layout.ts'
import { insertMunicipality } from '../../../server/municipalities/municipalities.repository.ts'
import {
  findRound,
  insertRound,
  transitionRound,
} from '../../../server/rounds/rounds.repository.ts'
import {
  findSchool,
  insertClass,
  insertSchool,
  listClasses,
} from '../../../server/schools/schools.repository.ts'
import { insertStaffUser } from '../../../server/staff-users/staff-users.repository.ts'
import { DEFINITIONS_ROOT, TEST_NOW } from '../../support/databases.ts'

/**
 * The repository suite every supported database must pass: the same queries, the same results.
 * `makeDb` gives a migrated database with the shipped questionnaires loaded.
 */
export function runRepositoryTests(makeDb: () => Promise<Db>): void {
  let db: Db
  beforeEach(async () => {
    db = await makeDb()
  })
  afterEach(async () => {
    await db.close()
  })

  async function setup() {
    const k = db.kysely
    const municipality = await insertMunicipality(k, 'Testkommune', TEST_NOW)
    const school = await insertSchool(k, municipality.id, 'Testskolen', TEST_NOW)
    const definition = await latestDefinition(k, 'ssp-7-9')
    if (!definition) throw new Error('questionnaire not loaded')
    const round = await insertRound(
      k,
      {
        municipalityId: municipality.id,
        definitionId: definition.id,
        name: 'Runde',
        schoolYear: '2026/27',
        waveLabel: 'baseline',
        opensAt: '2026-11-01T00:00:00.000Z',
        closesAt: '2026-12-01T00:00:00.000Z',
      },
      TEST_NOW,
    )
    const classes = []
    for (const label of ['7.A', '7.B', '8.A']) {
      classes.push(
        await insertClass(
          k,
          {
            schoolId: school.id,
            schoolYear: '2026/27',
            grade: Number(label[0]),
            label,
            expectedPupils: 20,
          },
          TEST_NOW,
        ),
      )
    }
    return { municipality, school, definition, round, classes }
  }

  it('migrations are idempotent: running them again changes nothing', async () => {
    expect(await migrateToLatest(db.kysely, db.schema)).toEqual([])
  })

  it('stores and scopes schools and classes', async () => {
    const { municipality, school } = await setup()
    const other = await insertMunicipality(db.kysely, 'Andenkommune', TEST_NOW)
    expect(await findSchool(db.kysely, municipality.id, school.id)).toMatchObject({
      name: 'Testskolen',
    })
    expect(await findSchool(db.kysely, other.id, school.id)).toBeUndefined()
    const classes = await listClasses(db.kysely, {
      municipalityId: municipality.id,
      schoolYear: '2026/27',
    })
    expect(classes.map((c) => c.label)).toEqual(['7.A', '7.B', '8.A'])
    expect(classes[0]).toMatchObject({ grade: 7, expectedPupils: 20 })
    expect(await listClasses(db.kysely, { municipalityId: other.id })).toEqual([])
  })

  it('refuses a duplicate school name and a grade outside 7–9', async () => {
    const { municipality, school } = await setup()
    await expect(
      insertSchool(db.kysely, municipality.id, 'Testskolen', TEST_NOW),
    ).rejects.toSatisfy(isUniqueViolation)
    await expect(
      insertClass(
        db.kysely,
        { schoolId: school.id, schoolYear: '2026/27', grade: 6, label: '6.A', expectedPupils: 20 },
        TEST_NOW,
      ),
    ).rejects.toThrow()
  })

  it('gives each class one active code, repeatably, and revokes codes', async () => {
    const { municipality, round, classes } = await setup()
    const ids = classes.map((c) => c.id)
    expect(await ensureClassCodes(db.kysely, round.id, ids, TEST_NOW)).toBe(3)
    expect(await ensureClassCodes(db.kysely, round.id, ids, TEST_NOW)).toBe(0)
    const codes = await listClassCodes(db.kysely, municipality.id, round.id)
    expect(codes).toHaveLength(3)
    expect(new Set(codes.map((c) => c.code)).size).toBe(3)
    for (const { code } of codes)
      for (const char of code) expect(CLASS_CODE_ALPHABET).toContain(char)

    const first = codes[0]!
    expect(await findActiveClassCode(db.kysely, first.code)).toMatchObject({
      roundId: round.id,
      classId: first.classId,
      grade: first.grade,
    })
    expect(await revokeClassCode(db.kysely, municipality.id, round.id, first.code, TEST_NOW)).toBe(
      true,
    )
    expect(await revokeClassCode(db.kysely, municipality.id, round.id, first.code, TEST_NOW)).toBe(
      false,
    )
    expect(await findActiveClassCode(db.kysely, first.code)).toBeUndefined()
    // The class gets a new code; the revoked one stays on record.
    expect(await ensureClassCodes(db.kysely, round.id, ids, TEST_NOW)).toBe(1)
    expect(await listClassCodes(db.kysely, municipality.id, round.id)).toHaveLength(4)
    expect(
      await listClassCodes(db.kysely, municipality.id, round.id, { includeRevoked: false }),
    ).toHaveLength(3)
  })

  it('retries a code that clashes with an existing one', async () => {
    const { round, classes } = await setup()
    // A random source that repeats the first code once, then moves on.
    const sequence = [...Array(9).fill(0), ...Array(9).fill(0), ...Array(9).fill(1)]
    let i = 0
    const random = () => sequence[i++ % sequence.length] ?? 0
    await ensureClassCodes(db.kysely, round.id, [classes[0]!.id], TEST_NOW, random)
    i = 0
    expect(await ensureClassCodes(db.kysely, round.id, [classes[1]!.id], TEST_NOW, random)).toBe(1)
  })

  it('the partial unique index allows only one active code per class and round', async () => {
    const { round, classes } = await setup()
    await ensureClassCodes(db.kysely, round.id, [classes[0]!.id], TEST_NOW)
    await expect(
      db.kysely
        .insertInto('class_codes')
        .values({
          code: 'ZZZZZZZZZ',
          round_id: round.id,
          class_id: classes[0]!.id,
          created_at: TEST_NOW.toISOString(),
          revoked_at: null,
        })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation)
  })

  it('moves a round between states only from allowed states', async () => {
    const { municipality, round } = await setup()
    expect(
      await transitionRound(db.kysely, municipality.id, round.id, ['open'], 'closed', TEST_NOW),
    ).toBeUndefined()
    expect(
      await transitionRound(db.kysely, municipality.id, round.id, ['draft'], 'open', TEST_NOW),
    ).toMatchObject({ state: 'open' })
    expect(await findRound(db.kysely, municipality.id, round.id)).toMatchObject({
      state: 'open',
      waveLabel: 'baseline',
    })
  })

  it('counts rate-limit events atomically and resets after the window', async () => {
    const window = 60_000
    const results = await Promise.all(
      Array.from({ length: 8 }, () => countEvent(db.kysely, 'k', TEST_NOW, window)),
    )
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect((await currentCount(db.kysely, 'k', TEST_NOW, window))?.count).toBe(8)
    const later = new Date(TEST_NOW.getTime() + window + 1)
    expect(await currentCount(db.kysely, 'k', later, window)).toBeUndefined()
    expect((await countEvent(db.kysely, 'k', later, window)).count).toBe(1)
  })

  it('finds the user of a live session and not of an expired one', async () => {
    const { municipality } = await setup()
    const user = await insertStaffUser(
      db.kysely,
      {
        email: 'A@Example.dk',
        displayName: 'A',
        passwordHash: 'x',
        role: 'analyst',
        municipalityId: municipality.id,
        schoolId: null,
      },
      TEST_NOW,
    )
    expect(user.email).toBe('a@example.dk')
    const { token } = await createSession(db.kysely, user.id, TEST_NOW, 30)
    expect(await findSessionUser(db.kysely, token, TEST_NOW)).toMatchObject({
      id: user.id,
      role: 'analyst',
    })
    expect(
      await findSessionUser(db.kysely, token, new Date(TEST_NOW.getTime() + 31 * 60_000)),
    ).toBeUndefined()
    expect(await findSessionUser(db.kysely, 'not-a-token', TEST_NOW)).toBeUndefined()
  })

  it('stores a scored response once, completed at once or from a draft, with its cell and flags', async () => {
    const { school, definition, round, classes } = await setup()
    await transitionRound(db.kysely, round.municipalityId, round.id, ['draft'], 'open', TEST_NOW)
    const full = await findDefinition(db.kysely, definition.id)
    const scoring = { spec: full!.scoringSpec, pageItems: pageItemsOf(full!.survey) }
    const model = compileGenerator(full!.survey, full!.scoringSpec)
    const rng = new SeededRandom(7)
    const pupil = { grade: 7, risk: 1, support: 0, belonging: 0, wellbeing: -1 }
    const toSave = (id: string, answers: Record<string, unknown>, state: 'draft' | 'complete') => ({
      id,
      roundId: round.id,
      classId: classes[0]!.id,
      schoolId: school.id,
      grade: 7,
      definitionId: definition.id,
      state,
      answers,
      locale: 'da',
    })
    const answers = generateResponse(model, pupil, rng).answers
    const direct = randomUUID()
    const viaDraft = randomUUID()
    expect(
      (await saveResponse(db.kysely, toSave(direct, answers, 'complete'), TEST_NOW, scoring)).kind,
    ).toBe('created')
    await saveResponse(db.kysely, toSave(viaDraft, {}, 'draft'), TEST_NOW, scoring)
    const later = new Date(TEST_NOW.getTime() + 20 * 60_000)
    expect(
      (await saveResponse(db.kysely, toSave(viaDraft, answers, 'complete'), later, scoring)).kind,
    ).toBe('updated')
    // A retry of the completed response stores nothing twice.
    expect(
      (await saveResponse(db.kysely, toSave(direct, answers, 'complete'), later, scoring)).kind,
    ).toBe('unchanged')

    const scores = async (id: string) =>
      (
        await db.kysely
          .selectFrom('response_scores')
          .select(['measure', 'value'])
          .where('response_id', '=', id)
          .orderBy('measure')
          .execute()
      ).map((r) => [r.measure, Number(r.value)])
    const cell = (id: string) =>
      db.kysely
        .selectFrom('responses')
        .select(['gender', 'flagged', 'quality_flags_json'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    expect((await scores(direct)).length).toBeGreaterThan(50)
    expect(await scores(viaDraft)).toEqual(await scores(direct))
    const directCell = await cell(direct)
    expect(directCell.gender === null ? null : Number(directCell.gender)).toBe(
      answers.bg_gender ?? null,
    )
    expect(Number(directCell.flagged)).toBe(
      JSON.parse(directCell.quality_flags_json).length > 0 ? 1 : 0,
    )
    expect(await cell(viaDraft)).toEqual(directCell)
  })

  it('stores a questionnaire version once by content, and a change as the next version', async () => {
    const [source] = readDefinitionSources(DEFINITIONS_ROOT).filter(
      (s) => s.questionnaireId === 'ssp-7-9',
    )
    if (!source) throw new Error('ssp-7-9 missing')
    const again = await storeDefinition(db.kysely, source, TEST_NOW)
    expect(again.created).toBe(false)
    expect(again.definition.version).toBe(1)

    const changedSurvey = {
      ...source.survey,
      title: { default: 'Ændret titel', en: 'Changed title' },
    }
    const changed = {
      ...source,
      survey: changedSurvey,
      title: 'Ændret titel',
      contentHash: `${source.contentHash}-changed`,
    }
    const stored = await storeDefinition(db.kysely, changed, TEST_NOW)
    expect(stored).toMatchObject({
      created: true,
      definition: { version: 2, questionnaireId: 'ssp-7-9' },
    })
    // The earlier version is untouched.
    const first = await findDefinition(db.kysely, again.definition.id)
    expect(first?.survey).toEqual(source.survey)
    expect((await listDefinitions(db.kysely)).map((d) => d.version)).toEqual([2, 1])

    // Two instances storing the same new content at once end with one row.
    const third = {
      ...source,
      survey: { ...source.survey, title: 'v3' },
      title: 'v3',
      contentHash: `${source.contentHash}-v3`,
    }
    const both = await Promise.all([
      storeDefinition(db.kysely, third, TEST_NOW),
      storeDefinition(db.kysely, third, TEST_NOW),
    ])
    expect(both[0].definition.id).toBe(both[1].definition.id)
    const rows = await sql<{
      n: number
    }>`select count(*) as n from questionnaire_definitions`.execute(db.kysely)
    expect(Number(rows.rows[0]?.n)).toBe(3)
  })
}
