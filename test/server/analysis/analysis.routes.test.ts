import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db/create-db.ts'
import { seedDemo } from '../../../server/demo/demo-seed.ts'
import {
  freshPostgresDb,
  freshSqliteDb,
  postgresAvailable,
  TEST_NOW,
} from '../../support/databases.ts'
import { demoApi, demoFacts, type Row } from '../../support/demo-api.ts'
import { answerDistributions } from '../../../server/analysis/answer-distribution.ts'
import { findDefinition } from '../../../server/definitions/definitions.repository.ts'
import { insertReferenceValue } from '../../../server/reference-values/reference-values.repository.ts'

describe('the analysis API on the demo municipality', () => {
  let db: Db
  let facts: Awaited<ReturnType<typeof demoFacts>>
  const api = demoApi(() => db, 'sqlite')
  const closed = () => facts.rounds.filter((r) => r.state === 'closed')
  const lastClosed = () => closed().at(-1)!.id

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    facts = await demoFacts(db)
  }, 120_000)
  afterAll(async () => db.close())

  it('lists every measure with its definition in words', async () => {
    const { status, body } = await api('measures', { round: lastClosed() })
    expect(status).toBe(200)
    const drunk = body.measures.find((m: { id: string }) => m.id === 'indicator.drunk-30d')
    expect(drunk).toMatchObject({ kind: 'proportion', group: 'indicator' })
    expect(drunk.definition.da).toMatch(/Nævneren er de elever, der fik spørgsmålet/)
    expect(body.measures.length).toBe(
      facts.spec.indicators.length + 2 * facts.spec.factors.length + 7,
    )
  })

  it('gives a share per school with its Wilson interval, equal to counting the stored answers', async () => {
    const indicator = facts.spec.indicators.find((i) => i.id === 'alcohol-ever')!
    const { status, body } = await api('aggregate', {
      measure: `indicator.${indicator.id}`,
      by: 'school',
      rounds: lastClosed(),
    })
    expect(status).toBe(200)
    expect(body.measure.kind).toBe('proportion')
    expect(body.groups).toHaveLength(10)
    const rows = await db.kysely
      .selectFrom('responses')
      .innerJoin('schools', 'schools.id', 'responses.school_id')
      .select(['schools.name', 'responses.answers_json'])
      .where('round_id', '=', lastClosed())
      .where('state', '=', 'complete')
      .where('quality_flags_json', '=', '[]')
      .execute()
    for (const group of body.groups as Row[]) {
      expect(group.status).toBe('shown')
      const answered = rows
        .filter((r) => r.name === group.group.school!.label)
        .map((r) => JSON.parse(r.answers_json)[indicator.item])
        .filter((v) => v !== undefined)
      const yes = answered.filter((v: number) => indicator.countedValues.includes(v)).length
      expect(group.figure!.n).toBe(answered.length)
      expect(group.figure!.proportion).toBeCloseTo(yes / answered.length, 12)
      expect(group.figure!.lower).toBeLessThan(group.figure!.proportion!)
      expect(group.figure!.upper).toBeGreaterThan(group.figure!.proportion!)
    }
    expect(body.rounds[0].excludedAsInvalid).toBeGreaterThan(0)
    expect(body.rounds[0].specVersion).toBe(facts.spec.version)
    expect(body.suppression).toEqual({
      rule: expect.stringMatching(/færre end 5/),
      suppressedGroups: 0,
    })
  })

  it('gives a trend over every round and a school × grade table with filters', async () => {
    const trend = await api('aggregate', { measure: 'who5.index', by: 'round' })
    expect(trend.status).toBe(200)
    expect(trend.body.groups.map((g: Row) => g.group.round!.label)).toEqual(
      facts.rounds.map((r) => r.school_year),
    )
    const table = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      by: 'school,grade',
      gender: '2',
      rounds: lastClosed(),
    })
    expect(table.status).toBe(200)
    // Some school-grades have no girl who was asked (only pupils who drank are).
    expect(table.body.groups.length).toBeGreaterThan(20)
    expect(table.body.groups.length).toBeLessThanOrEqual(30)
    expect(table.body.groups[0].group).toMatchObject({
      school: { label: expect.any(String) },
      grade: { key: '7', label: '7. klasse' },
    })
    const english = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      by: 'grade',
      lang: 'en',
      rounds: lastClosed(),
    })
    expect(english.body.groups.map((g: Row) => g.group.grade!.label)).toEqual([
      'Grade 7',
      'Grade 8',
      'Grade 9',
    ])
    expect(english.body.measure.label).toBe('Drunk in the last 30 days')
  })

  it('suppresses every breakdown from one pattern: overlapping queries agree and none shows a group below k', async () => {
    const k = 30
    const school = facts.schoolId('Havneskolen')
    const queries: Array<Record<string, string>> = [
      { by: 'gender', school },
      { by: 'grade', school },
      { by: 'grade,gender', school },
      { by: 'school,gender' },
      { by: 'school,grade' },
      { by: 'gender', grade: '9' },
      { by: 'school', gender: '1' },
    ]
    const status = new Map<string, string>()
    let suppressed = 0
    for (const q of queries) {
      const { body } = await api(
        'aggregate',
        { measure: 'indicator.alcohol-ever', rounds: lastClosed(), ...q },
        { k },
      )
      const filters = { school: q.school, grade: q.grade, gender: q.gender }
      for (const row of [...body.totals, ...body.groups] as Row[]) {
        const cell = ['school', 'grade', 'gender']
          .map((d) => row.group[d]?.key ?? filters[d as keyof typeof filters] ?? '*')
          .join('|')
        if (row.status === 'shown') expect(row.figure!.n).toBeGreaterThanOrEqual(k)
        else {
          suppressed++
          expect(row).not.toHaveProperty('figure')
          expect(row.text).toBe('for få besvarelser')
        }
        if (status.has(cell)) expect(`${cell} ${row.status}`).toBe(`${cell} ${status.get(cell)}`)
        status.set(cell, row.status)
      }
      expect(body.suppression.suppressedGroups).toBe(
        [...body.totals, ...body.groups].filter((r: Row) => r.status === 'suppressed').length,
      )
    }
    expect(suppressed).toBeGreaterThan(0)
  })

  it('keeps a school user to their own school and classes to administrators', async () => {
    const own = await api('aggregate', { measure: 'who5.index', by: 'school' }, { user: 2 })
    expect(own.body.groups).toHaveLength(1)
    expect(own.body.groups[0].group.school.label).toBe('Havneskolen')
    expect(
      (await api('aggregate', { measure: 'who5.index', by: 'class' }, { user: 2 })).status,
    ).toBe(403)
    const other = facts.schoolId('Engskolen')
    expect(
      (await api('aggregate', { measure: 'who5.index', school: other }, { user: 2 })).status,
    ).toBe(404)
    const byClass = await api(
      'aggregate',
      { measure: 'who5.index', by: 'class', rounds: lastClosed() },
      { user: 0 },
    )
    expect(byClass.status).toBe(200)
    expect(byClass.body.measure.kind).toBe('mean')
    expect(byClass.body.groups.length).toBeGreaterThan(50)
  })

  it('refuses what it cannot answer with a message a person can act on', async () => {
    const unknown = await api('aggregate', { measure: 'indicator.nope' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toMatch(/indicator\.nope.*measures/)
    expect((await api('aggregate', { measure: 'who5.index', by: 'shoe' })).status).toBe(400)
    expect((await api('aggregate', { measure: 'who5.index', grade: '10' })).status).toBe(400)
    expect(
      (await api('aggregate', { measure: 'who5.index', rounds: crypto.randomUUID() })).status,
    ).toBe(404)
  })

  it('shows entered reference values, and no deployment average with fewer than three municipalities', async () => {
    const admin = await db.kysely
      .selectFrom('staff_users')
      .select(['id', 'municipality_id'])
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow()
    const entered = {
      measure: 'indicator.drunk-30d',
      value: 0.21,
      source: 'Skolebørnsundersøgelsen',
    }
    for (const grade of [null, 9]) {
      await insertReferenceValue(
        db.kysely,
        {
          ...entered,
          municipalityId: admin.municipality_id,
          grade,
          sourceYear: 2022,
          note: null,
          createdBy: admin.id,
        },
        TEST_NOW,
      )
    }
    const { body } = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      benchmark: 'true',
      rounds: lastClosed(),
    })
    expect(body.benchmarks[0]).toMatchObject({ kind: 'deployment', status: 'insufficient' })
    expect(body.benchmarks.slice(1)).toEqual([
      expect.objectContaining({
        kind: 'reference',
        value: 0.21,
        grade: null,
        label: 'Skolebørnsundersøgelsen (2022)',
      }),
    ])
    const ninth = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      benchmark: 'true',
      grade: '9',
      rounds: lastClosed(),
    })
    expect(ninth.body.benchmarks.filter((b: { kind: string }) => b.kind === 'reference')).toEqual([
      expect.objectContaining({ grade: 9 }),
    ])
  })

  it('compares waves, years and a school with the rest of the municipality, in words', async () => {
    const [first, , third] = closed()
    const waves = await api(
      'compare',
      {
        round: third!.id,
        baseline: first!.id,
        school: facts.schoolId('Havneskolen'),
      },
      { user: 1 },
    )
    expect(waves.status).toBe(200)
    const alcohol = waves.body.comparisons.find(
      (c: { measure: string }) => c.measure === 'indicator.alcohol-ever',
    )
    expect(alcohol).toMatchObject({ kind: 'change', verdict: 'real-change' })
    expect(alcohol.difference).toBeLessThan(-0.1)
    expect(alcohol.adjustedPValue).toBeGreaterThanOrEqual(alcohol.pValue)
    expect(alcohol.text).toMatch(/faldt fra \d+\s%\stil \d+\s%.*reel ændring/)
    expect(waves.body.summary).toMatch(/mål/)
    expect(waves.body.comparisons.length).toBeGreaterThan(40)

    const lastYear = await api('compare', {
      round: third!.id,
      against: 'previous-year',
      lang: 'en',
    })
    expect(lastYear.status).toBe(200)
    expect(lastYear.body.baseline.label).toBe(closed()[1]!.school_year)
    expect(lastYear.body.comparisons[0].text).toMatch(/\.$/)

    const rest = await api('compare', {
      round: third!.id,
      against: 'rest-of-municipality',
      school: facts.schoolId('Havneskolen'),
      by: 'grade',
    })
    expect(rest.status).toBe(200)
    expect(rest.body.comparisons.length).toBe(
      3 * (facts.spec.indicators.length + facts.spec.factors.length + 1),
    )
    expect(rest.body.comparisons[0].group.grade.label).toBe('7. klasse')
    const noSchool = await api('compare', { round: third!.id, against: 'rest-of-municipality' })
    expect(noSchool.status).toBe(400)
  })
})

describe('the deployment average as a benchmark row', () => {
  it('is shown, pooled over every pupil, once three municipalities contribute, and says how many', async () => {
    const db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    const facts = await demoFacts(db)
    const round = facts.rounds.filter((r) => r.state === 'closed').at(-1)!
    const now = TEST_NOW.toISOString()
    const day = now.slice(0, 10)
    // Two more municipalities on the same deployment answered the same questionnaire that year:
    // 20 pupils each, 5 and 10 of them drunk in the last 30 days.
    const others = [5, 10]
    for (const [i, drunk] of others.entries()) {
      const municipality = crypto.randomUUID()
      const school = crypto.randomUUID()
      const klass = crypto.randomUUID()
      const roundId = crypto.randomUUID()
      await db.kysely
        .insertInto('municipalities')
        .values({ id: municipality, name: `Kommune ${i}`, created_at: now })
        .execute()
      await db.kysely
        .insertInto('schools')
        .values({ id: school, municipality_id: municipality, name: 'Skole', created_at: now })
        .execute()
      await db.kysely
        .insertInto('classes')
        .values({
          id: klass,
          school_id: school,
          school_year: round.school_year,
          grade: 9,
          label: '9.a',
          expected_pupils: 20,
          created_at: now,
        })
        .execute()
      await db.kysely
        .insertInto('survey_rounds')
        .values({
          id: roundId,
          municipality_id: municipality,
          definition_id: round.definition_id,
          name: 'Måling',
          school_year: round.school_year,
          wave_label: null,
          opens_at: now,
          closes_at: now,
          state: 'closed',
          created_at: now,
          updated_at: now,
        })
        .execute()
      for (let pupil = 0; pupil < 20; pupil++) {
        const id = crypto.randomUUID()
        await db.kysely
          .insertInto('responses')
          .values({
            id,
            round_id: roundId,
            class_id: klass,
            school_id: school,
            grade: 9,
            definition_id: round.definition_id,
            state: 'complete',
            answers_json: '{}',
            locale: 'da',
            started_on: day,
            submitted_on: day,
            draft_started_at: null,
            completion_seconds: 600,
            quality_flags_json: '[]',
            updated_at: now,
          })
          .execute()
        await db.kysely
          .insertInto('response_scores')
          .values({
            response_id: id,
            measure: 'indicator.drunk-30d',
            value: pupil < drunk ? 1 : 0,
            spec_version: facts.spec.version,
          })
          .execute()
      }
    }
    const api = demoApi(() => db, 'sqlite')
    const own = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      rounds: round.id,
      grade: '9',
    })
    const ownFigure = own.body.totals[0].figure
    const { body } = await api('aggregate', {
      measure: 'indicator.drunk-30d',
      rounds: round.id,
      grade: '9',
      benchmark: 'true',
    })
    const deployment = body.benchmarks.find((b: { kind: string }) => b.kind === 'deployment')
    expect(deployment).toMatchObject({ kind: 'deployment', municipalities: 3 })
    const yes = Math.round(ownFigure.proportion * ownFigure.n) + 15
    expect(deployment.figure.n).toBe(ownFigure.n + 40)
    expect(deployment.figure.proportion).toBeCloseTo(yes / (ownFigure.n + 40), 12)
    await db.close()
  }, 120_000)
})

describe('the analysis API gives the same numbers on PostgreSQL', () => {
  it('as on SQLite for the same demo data', async (context) => {
    if (!(await postgresAvailable())) return context.skip()
    const sqlite = await freshSqliteDb()
    const postgres = await freshPostgresDb()
    await seedDemo(sqlite.kysely, TEST_NOW)
    await seedDemo(postgres.kysely, TEST_NOW)
    const onSqlite = demoApi(() => sqlite, 'sqlite')
    const onPostgres = demoApi(() => postgres, 'postgres')
    const roundOf = async (db: Db) =>
      (
        await db.kysely
          .selectFrom('survey_rounds')
          .select('id')
          .where('state', '=', 'closed')
          .orderBy('opens_at', 'desc')
          .executeTakeFirstOrThrow()
      ).id
    for (const measure of ['indicator.drunk-30d', 'who5.index']) {
      const a = await onSqlite('aggregate', {
        measure,
        by: 'grade,gender',
        rounds: await roundOf(sqlite),
      })
      const b = await onPostgres('aggregate', {
        measure,
        by: 'grade,gender',
        rounds: await roundOf(postgres),
      })
      expect(a.status).toBe(200)
      expect(b.status).toBe(200)
      const numbers = (body: { groups: Row[] }) =>
        body.groups.map((g) => [g.group.grade!.key, g.group.gender!.key, g.status, g.figure])
      const left = numbers(a.body)
      const right = numbers(b.body)
      expect(right.length).toBe(left.length)
      right.forEach((row, i) => {
        expect(row.slice(0, 3)).toEqual(left[i]!.slice(0, 3))
        const [x, y] = [row[3] as Row['figure'], left[i]![3] as Row['figure']]
        if (x && y) {
          expect(x.n).toBe(y.n)
          expect(x.lower).toBeCloseTo(y.lower, 9)
          expect(x.upper).toBeCloseTo(y.upper, 9)
        }
      })
    }

    // The answers behind a measure, read from the stored answers with each dialect's JSON.
    const distributions = async (db: Db, dialect: 'sqlite' | 'postgres') => {
      const round = await roundOf(db)
      const definition = await findDefinition(
        db.kysely,
        (
          await db.kysely
            .selectFrom('survey_rounds')
            .select('definition_id')
            .where('id', '=', round)
            .executeTakeFirstOrThrow()
        ).definition_id,
      )
      return answerDistributions(
        { db: db.kysely, dialect, config: { minGroupSize: 5, publicUrl: 'x', sessionMinutes: 60 } },
        round,
        definition!,
        ['alc_ever', 'who5_cheerful'],
        { grade: '9' },
      )
    }
    const onBoth = [
      await distributions(sqlite, 'sqlite'),
      await distributions(postgres, 'postgres'),
    ]
    expect(onBoth[0]!.map((d) => d.item)).toEqual(['alc_ever', 'who5_cheerful'])
    expect(onBoth[0]![0]!.distribution.status).toBe('shown')
    expect(onBoth[1]).toEqual(onBoth[0])
    await sqlite.close()
    await postgres.close()
  }, 240_000)
})
