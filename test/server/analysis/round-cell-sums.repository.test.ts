import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sumScoresByCell, type ScoreCell } from '../../../server/analysis/score-cells.repository.ts'
import type { Db } from '../../../server/db/create-db.ts'
import { DEMO_USERS, seedDemo } from '../../../server/demo/demo-seed.ts'
import { createApp } from '../../../server/app.ts'
import { fixedClock } from '../../../server/clock.ts'
import { keepClosedRound } from '../../../server/analysis/keep-closed-round.ts'
import { definitionOf } from '../../../server/analysis/result-rounds.ts'
import { measureCatalogue } from '../../../analysis/measures/measure-catalogue.ts'
import { findRound, transitionRound } from '../../../server/rounds/rounds.repository.ts'
import { rescoreQuestionnaire } from '../../../server/scoring/rescore.ts'
import {
  freshPostgresDb,
  freshSqliteDb,
  postgresAvailable,
  TEST_NOW,
} from '../../support/databases.ts'

const MEASURES = ['indicator.drunk-30d', 'who5.index', 'factor.school-wellbeing.score']

/** Cells in a fixed order with their numbers, to compare two readings. */
const sorted = (cells: ScoreCell[]) =>
  cells
    .map((c) => [c.roundId, c.measure, c.classId, c.gender, c.flagged, c.sums] as const)
    .sort((a, b) => JSON.stringify(a.slice(0, 5)).localeCompare(JSON.stringify(b.slice(0, 5))))

async function roundsByState(db: Db) {
  const rounds = await db.kysely
    .selectFrom('survey_rounds')
    .select(['id', 'state', 'municipality_id'])
    .orderBy('opens_at')
    .execute()
  return {
    closed: rounds.filter((r) => r.state === 'closed'),
    open: rounds.filter((r) => r.state === 'open'),
    municipalityId: rounds[0]!.municipality_id,
  }
}

/** Round-measure pairs kept for a round. */
const keptBuilds = async (db: Db, roundId: string) =>
  (
    await db.kysely
      .selectFrom('round_cell_sums')
      .select('measure')
      .where('round_id', '=', roundId)
      .execute()
  ).length

/** Cells kept for a round, over all its measures. */
const keptRows = async (db: Db, roundId: string) =>
  (
    await db.kysely
      .selectFrom('round_cell_sums')
      .select('cells_json')
      .where('round_id', '=', roundId)
      .execute()
  ).reduce((sum, row) => sum + (JSON.parse(row.cells_json) as unknown[]).length, 0)

describe('kept sums of closed rounds (SQLite file semantics, demo municipality)', () => {
  let db: Db
  let rounds: Awaited<ReturnType<typeof roundsByState>>
  const keep = { dialect: 'sqlite' as const, now: TEST_NOW }

  beforeAll(async () => {
    db = await freshSqliteDb()
    await seedDemo(db.kysely, TEST_NOW)
    rounds = await roundsByState(db)
  }, 120_000)
  afterAll(async () => db.close())

  it('are kept on first reading a closed round and read back equal to grouping the scores', async () => {
    const round = rounds.closed.at(-1)!.id
    const query = { measures: MEASURES, roundIds: [round], municipalityId: rounds.municipalityId }
    const grouped = await sumScoresByCell(db.kysely, query)
    expect(grouped.length).toBeGreaterThan(50)
    expect(await keptBuilds(db, round)).toBe(0)

    const first = await sumScoresByCell(db.kysely, query, keep)
    expect(sorted(first)).toEqual(sorted(grouped))
    expect(await keptBuilds(db, round)).toBe(MEASURES.length)
    expect(await keptRows(db, round)).toBe(grouped.length)

    const second = await sumScoresByCell(db.kysely, query, keep)
    expect(sorted(second)).toEqual(sorted(grouped))
    expect(await keptRows(db, round)).toBe(grouped.length)
  })

  it('keeps only the measures asked for, adds others later, and never keeps an open round', async () => {
    const closed = rounds.closed[0]!.id
    const open = rounds.open[0]!.id
    const one = { measures: MEASURES.slice(0, 1), municipalityId: rounds.municipalityId }
    await sumScoresByCell(db.kysely, { ...one, roundIds: [closed, open] }, keep)
    expect(await keptBuilds(db, closed)).toBe(1)
    expect(await keptBuilds(db, open)).toBe(0)

    const all = { measures: MEASURES, roundIds: [closed, open], municipalityId: one.municipalityId }
    const mixed = await sumScoresByCell(db.kysely, all, keep)
    expect(sorted(mixed)).toEqual(sorted(await sumScoresByCell(db.kysely, all)))
    expect(await keptBuilds(db, closed)).toBe(MEASURES.length)
    expect(await keptBuilds(db, open)).toBe(0)
  })

  it('never reads another municipality’s round through the kept sums', async () => {
    const round = rounds.closed.at(-1)!.id
    await sumScoresByCell(db.kysely, { measures: MEASURES, roundIds: [round] }, keep)
    const foreign = await sumScoresByCell(
      db.kysely,
      { measures: MEASURES, roundIds: [round], municipalityId: 'another-municipality' },
      keep,
    )
    expect(foreign).toEqual([])
  })

  it('are dropped when the round reopens, and what is answered then counts once it closes again', async () => {
    const round = rounds.closed.at(-1)!.id
    const query = { measures: MEASURES, roundIds: [round], municipalityId: rounds.municipalityId }
    await sumScoresByCell(db.kysely, query, keep)
    expect(await keptBuilds(db, round)).toBe(MEASURES.length)

    const reopened = await transitionRound(
      db.kysely,
      rounds.municipalityId,
      round,
      ['closed'],
      'open',
      TEST_NOW,
    )
    expect(reopened?.state).toBe('open')
    expect(await keptBuilds(db, round)).toBe(0)
    expect(await keptRows(db, round)).toBe(0)

    // A late answer while it is open: one more pupil who was drunk in the last 30 days.
    const response = await db.kysely
      .selectFrom('response_scores as s')
      .innerJoin('responses as r', 'r.id', 's.response_id')
      .select('r.id')
      .where('r.round_id', '=', round)
      .where('s.measure', '=', 'indicator.drunk-30d')
      .where('s.value', '=', 0)
      .executeTakeFirstOrThrow()
    await db.kysely
      .updateTable('response_scores')
      .set({ value: 1 })
      .where('response_id', '=', response.id)
      .where('measure', '=', 'indicator.drunk-30d')
      .execute()
    await transitionRound(db.kysely, rounds.municipalityId, round, ['open'], 'closed', TEST_NOW)

    const total = (cells: ScoreCell[]) =>
      cells
        .filter((c) => c.measure === 'indicator.drunk-30d')
        .reduce((sum, c) => sum + c.sums.sum, 0)
    const after = await sumScoresByCell(db.kysely, query, keep)
    expect(total(after)).toBe(total(await sumScoresByCell(db.kysely, query)))
    expect(await keptBuilds(db, round)).toBe(MEASURES.length)
  })

  it('are dropped when the questionnaire is scored again', async () => {
    const round = rounds.closed[0]!.id
    await sumScoresByCell(
      db.kysely,
      { measures: MEASURES, roundIds: [round], municipalityId: rounds.municipalityId },
      keep,
    )
    expect(await keptBuilds(db, round)).toBeGreaterThan(0)
    await rescoreQuestionnaire(db.kysely, 'ssp-7-9', { batchSize: 2_000 })
    expect(await keptBuilds(db, round)).toBe(0)
    expect(await keptRows(db, round)).toBe(0)
  }, 120_000)
})

describe('keeping a round’s sums when it closes', () => {
  it('keeps every measure of a closed round, through the close endpoint too, and none of an open one', async () => {
    const db = await freshSqliteDb()
    try {
      await seedDemo(db.kysely, TEST_NOW)
      const { closed, open, municipalityId } = await roundsByState(db)
      const deps = {
        db: db.kysely,
        dialect: 'sqlite' as const,
        clock: fixedClock(TEST_NOW),
        config: { minGroupSize: 5, publicUrl: 'http://x', sessionMinutes: 60 },
      }
      const definition = await definitionOf(
        deps,
        (await findRound(db.kysely, municipalityId, closed[0]!.id))!,
      )
      const measures = measureCatalogue(definition.scoringSpec).length
      const first = (await findRound(db.kysely, municipalityId, closed[0]!.id))!
      expect(await keepClosedRound(deps, first)).toBe(measures)
      expect(await keptBuilds(db, first.id)).toBe(measures)
      const stillOpen = (await findRound(db.kysely, municipalityId, open[0]!.id))!
      expect(await keepClosedRound(deps, stillOpen)).toBe(0)
      expect(await keptBuilds(db, stillOpen.id)).toBe(0)

      // An admin closes the open round; its sums are kept without the request waiting for them.
      const app = createApp({ ...deps, logError: () => undefined })
      const admin = DEMO_USERS.find((u) => u.role === 'admin')!
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password: admin.password }),
      })
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      const closing = await app.request(`/api/rounds/${stillOpen.id}/close`, {
        method: 'POST',
        headers: { cookie, origin: 'http://x' },
      })
      expect(closing.status).toBe(200)
      for (let i = 0; i < 200 && (await keptBuilds(db, stillOpen.id)) < measures; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(await keptBuilds(db, stillOpen.id)).toBe(measures)
      const query = { measures: MEASURES, roundIds: [stillOpen.id], municipalityId }
      expect(
        sorted(await sumScoresByCell(db.kysely, query, { dialect: 'sqlite', now: TEST_NOW })),
      ).toEqual(sorted(await sumScoresByCell(db.kysely, query)))
    } finally {
      await db.close()
    }
  }, 120_000)
})

describe('kept sums on PostgreSQL', () => {
  it('are kept once when two server instances read the same closed round at the same moment', async (context) => {
    if (!(await postgresAvailable())) return context.skip()
    const first = await freshPostgresDb()
    try {
      await seedDemo(first.kysely, TEST_NOW)
      const rounds = await roundsByState(first)
      const round = rounds.closed.at(-1)!.id
      const query = { measures: MEASURES, roundIds: [round], municipalityId: rounds.municipalityId }
      const grouped = await sumScoresByCell(first.kysely, query)
      const keep = { dialect: 'postgres' as const, now: TEST_NOW }
      // The pool has several connections: the readings run in parallel transactions.
      const readings = await Promise.all(
        Array.from({ length: 4 }, () => sumScoresByCell(first.kysely, query, keep)),
      )
      for (const reading of readings) expect(sorted(reading)).toEqual(sorted(grouped))
      expect(await keptBuilds(first, round)).toBe(MEASURES.length)
      expect(await keptRows(first, round)).toBe(grouped.length)
      expect(sorted(await sumScoresByCell(first.kysely, query, keep))).toEqual(sorted(grouped))
    } finally {
      await first.close()
    }
  }, 240_000)
})
