import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import {
  ensureClassCodes,
  listClassCodes,
} from '../../../server/class-codes/class-codes.repository.ts'
import { contentHash } from '../../../server/definitions/definition-files.ts'
import { compileGenerator, generateResponse } from '../../../server/demo/response-generator.ts'
import { SeededRandom } from '../../../server/demo/seeded-random.ts'
import type { ScoringSpec } from '../../../survey-definitions/scoring-spec.ts'
import { DEFINITIONS_ROOT } from '../../support/databases.ts'
import { createTestWorld, type TestWorld } from '../../support/test-app.ts'

const survey = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'questionnaire.json'), 'utf8'),
)
const spec: ScoringSpec = JSON.parse(
  readFileSync(join(DEFINITIONS_ROOT, 'ssp-7-9', 'scoring.json'), 'utf8'),
)
const generator = compileGenerator(survey, spec)
const noPlanted = {
  dishonestRate: 0,
  fictitiousDrugRate: 0,
  impossibleRate: 0,
  straightLiningRate: 0,
  tooFastRate: 0,
}

/** A complete, valid set of answers to the shipped questionnaire. */
function validAnswers(seed = 1): Record<string, number> {
  return generateResponse(
    generator,
    { grade: 8, risk: 0.5, support: 0, belonging: 0, wellbeing: 0 },
    new SeededRandom(seed),
    noPlanted,
  ).answers
}

describe('pupil API', () => {
  let world: TestWorld
  let code: string
  beforeEach(async () => {
    world = await createTestWorld()
    code = await world.openRoundA()
  })

  const put = (id: string, body: unknown) => world.call('PUT', `/api/responses/${id}`, { body })
  const stored = (id: string) =>
    world.db.kysely.selectFrom('responses').selectAll().where('id', '=', id).execute()

  describe('starting with a class code', () => {
    it('opens the round for a code typed any way and tells the class and school', async () => {
      const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3, 6)} ${code.slice(6)}`
      const response = await world.call('POST', '/api/pupil/start', { body: { code: typed } })
      expect(response.status).toBe(200)
      const body = await response.json()
      expect(body).toMatchObject({
        schoolName: 'Aby Kommune Skole',
        classLabel: '8.B',
        roundName: 'SSP Aby Kommune',
      })
      const questionnaire = await world.app.request(body.questionnaireUrl, {
        headers: { 'accept-encoding': 'br, gzip' },
      })
      expect(questionnaire.status).toBe(200)
      expect(questionnaire.headers.get('content-encoding')).toBe('br')
      expect(questionnaire.headers.get('cache-control')).toContain('immutable')
      const plain = await (await world.app.request(body.questionnaireUrl)).json()
      expect(contentHash(plain, spec)).toBeDefined()
      expect(plain.pages.length).toBe(survey.pages.length)
    })

    it('answers a wrong, revoked or closed code with a message a pupil understands', async () => {
      const wrong = await world.call('POST', '/api/pupil/start', { body: { code: 'ABC-DEF-GHJ' } })
      expect(wrong.status).toBe(404)
      expect((await wrong.json()).error).toMatchObject({
        code: 'unknown_code',
        message: 'This code does not work. Check the code on the board and try again.',
      })
      expect(
        (await world.call('POST', '/api/pupil/start', { body: { code: 'nonsense!' } })).status,
      ).toBe(404)

      await world.db.kysely
        .updateTable('survey_rounds')
        .set({ state: 'draft' })
        .where('id', '=', world.a.roundId)
        .execute()
      const notOpen = await world.call('POST', '/api/pupil/start', { body: { code } })
      expect(notOpen.status).toBe(409)
      expect((await notOpen.json()).error.code).toBe('round_not_open')

      await world.db.kysely
        .updateTable('survey_rounds')
        .set({ state: 'closed' })
        .where('id', '=', world.a.roundId)
        .execute()
      const closed = await world.call('POST', '/api/pupil/start', { body: { code } })
      expect(closed.status).toBe(410)
      expect((await closed.json()).error.code).toBe('round_closed')

      await world.db.kysely
        .updateTable('survey_rounds')
        .set({ state: 'open' })
        .where('id', '=', world.a.roundId)
        .execute()
      world.clock.set(new Date('2027-02-01T00:00:00Z'))
      expect((await world.call('POST', '/api/pupil/start', { body: { code } })).status).toBe(410)
    })
  })

  describe('saving answers', () => {
    it('creates a draft, repeats harmlessly, completes once, and keeps only the date and duration', async () => {
      const id = randomUUID()
      const answers = validAnswers()
      const firstPage = { bg_grade: answers.bg_grade, bg_gender: answers.bg_gender }
      const first = await put(id, { code, answers: firstPage, state: 'draft', locale: 'da' })
      expect(first.status).toBe(201)
      expect(await first.json()).toEqual({ id, state: 'draft' })
      const [created] = await stored(id)
      expect(created).toMatchObject({
        state: 'draft',
        grade: 8,
        class_id: world.a.classId,
        school_id: world.a.schoolId,
        started_on: '2026-11-23',
      })
      expect(created!.draft_started_at).toBe(world.clock.now().toISOString())

      world.clock.advance(5000)
      const replay = await put(id, { code, answers: firstPage, state: 'draft', locale: 'da' })
      expect(replay.status).toBe(200)
      expect(await stored(id)).toEqual([created])

      world.clock.advance(600_000)
      const complete = await put(id, { code, answers, state: 'complete', locale: 'en' })
      expect(complete.status).toBe(200)
      expect(await complete.json()).toEqual({ id, state: 'complete' })
      const [done] = await stored(id)
      expect(done).toMatchObject({
        state: 'complete',
        submitted_on: '2026-11-23',
        completion_seconds: 605,
        draft_started_at: null,
        locale: 'en',
      })
      expect(JSON.parse(done!.answers_json)).toEqual(answers)

      // A double click or a retry after a lost acknowledgement changes nothing.
      expect((await put(id, { code, answers, state: 'complete', locale: 'en' })).status).toBe(200)
      const changed = await put(id, {
        code,
        answers: { ...answers, bg_gender: answers.bg_gender === 1 ? 2 : 1 },
        state: 'complete',
        locale: 'en',
      })
      expect(changed.status).toBe(409)
      expect((await changed.json()).error.code).toBe('already_submitted')
      expect((await put(id, { code, answers, state: 'draft', locale: 'en' })).status).toBe(409)
      expect(await stored(id)).toEqual([done])
    })

    it('scores a response completed in its first request exactly like one completed from a draft', async () => {
      const answers = validAnswers(3)
      const direct = randomUUID()
      const viaDraft = randomUUID()
      expect((await put(direct, { code, answers, state: 'complete', locale: 'da' })).status).toBe(
        201,
      )
      expect(
        (await put(viaDraft, { code, answers: {}, state: 'draft', locale: 'da' })).status,
      ).toBe(201)
      // A realistic time to answer, so the speed rule flags neither.
      world.clock.advance(20 * 60_000)
      expect((await put(viaDraft, { code, answers, state: 'complete', locale: 'da' })).status).toBe(
        200,
      )
      const scoresOf = async (id: string) =>
        (
          await world.db.kysely
            .selectFrom('response_scores')
            .select(['measure', 'value', 'spec_version'])
            .where('response_id', '=', id)
            .orderBy('measure')
            .execute()
        ).map((r) => [r.measure, r.value, r.spec_version])
      const cellOf = async (id: string) =>
        world.db.kysely
          .selectFrom('responses')
          .select(['gender', 'flagged', 'quality_flags_json'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      const scores = await scoresOf(direct)
      expect(scores.length).toBeGreaterThan(50)
      expect(scores).toEqual(await scoresOf(viaDraft))
      const cell = await cellOf(direct)
      expect(cell.gender).toBe(answers.bg_gender)
      expect(cell.flagged).toBe(JSON.parse(cell.quality_flags_json).length > 0 ? 1 : 0)
      expect(await cellOf(viaDraft)).toEqual(cell)
    })

    it('never duplicates a response sent several times at once', async () => {
      const id = randomUUID()
      const body = { code, answers: validAnswers(2), state: 'complete', locale: 'da' }
      const statuses = await Promise.all(
        Array.from({ length: 6 }, () => put(id, body).then((r) => r.status)),
      )
      expect(statuses.filter((s) => s === 201)).toHaveLength(1)
      expect(statuses.filter((s) => s === 200)).toHaveLength(5)
      expect(await stored(id)).toHaveLength(1)
    })

    it('refuses answers the questionnaire does not allow, naming each question, and keeps the earlier draft', async () => {
      const id = randomUUID()
      await put(id, { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' })
      const [before] = await stored(id)
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ bg_grade: 8, no_such_question: 1 }, 'no_such_question', 'unknown-question'],
        [{ bg_grade: 12 }, 'bg_grade', 'not-a-choice'],
        [{ bg_grade: '8' }, 'bg_grade', 'not-a-choice'],
        [{ who5_cheerful: 6 }, 'who5_cheerful', 'not-a-choice'],
      ]
      for (const [answers, question, reason] of cases) {
        const response = await put(id, { code, answers, state: 'draft', locale: 'da' })
        expect(response.status, JSON.stringify(answers)).toBe(400)
        const error = (await response.json()).error
        expect(error.code).toBe('invalid_answers')
        expect(error.details.problems).toContainEqual(expect.objectContaining({ question, reason }))
        expect(error.message).toContain(question)
      }
      const incomplete = validAnswers(3)
      delete incomplete.who5_calm
      const missing = await put(id, { code, answers: incomplete, state: 'complete', locale: 'da' })
      expect(missing.status).toBe(400)
      expect((await missing.json()).error.details.problems).toContainEqual(
        expect.objectContaining({ question: 'who5_calm', reason: 'required' }),
      )
      expect(await stored(id)).toEqual([before])
    })

    it('checks requiredness under visibleIf: a hidden required question may be missing, a visible one may not', async () => {
      const small = {
        pages: [
          {
            name: 'p1',
            elements: [
              { type: 'radiogroup', name: 'q_ever', isRequired: true, choices: [0, 1, 2] },
              {
                type: 'radiogroup',
                name: 'q_followup',
                isRequired: true,
                visibleIf: '{q_ever} > 0',
                choices: [1, 2],
              },
              { type: 'rating', name: 'q_rating', rateMin: 1, rateMax: 5 },
            ],
          },
        ],
      }
      const definitionId = randomUUID()
      const now = world.clock.now().toISOString()
      await world.db.kysely
        .insertInto('questionnaire_definitions')
        .values({
          id: definitionId,
          questionnaire_id: 'small',
          version: 1,
          title: 'small',
          survey_json: JSON.stringify(small),
          scoring_spec_json: '{}',
          scoring_spec_version: '0.0.0',
          content_hash: 'f'.repeat(64),
          created_at: now,
        })
        .execute()
      await world.db.kysely
        .updateTable('survey_rounds')
        .set({ definition_id: definitionId })
        .where('id', '=', world.a.roundId)
        .execute()
      const hidden = await put(randomUUID(), {
        code,
        answers: { q_ever: 0 },
        state: 'complete',
        locale: 'da',
      })
      expect(hidden.status).toBe(201)
      const visible = await put(randomUUID(), {
        code,
        answers: { q_ever: 2 },
        state: 'complete',
        locale: 'da',
      })
      expect(visible.status).toBe(400)
      expect((await visible.json()).error.details.problems).toEqual([
        expect.objectContaining({ question: 'q_followup', reason: 'required' }),
      ])
      const rating = await put(randomUUID(), {
        code,
        answers: { q_ever: 0, q_rating: 9 },
        state: 'complete',
        locale: 'da',
      })
      expect(rating.status).toBe(400)
      expect((await rating.json()).error.details.problems).toEqual([
        expect.objectContaining({ question: 'q_rating', reason: 'not-a-choice' }),
      ])
    })

    it('refuses a save after the round closed and leaves the draft intact', async () => {
      const id = randomUUID()
      await put(id, { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' })
      const [before] = await stored(id)
      await world.db.kysely
        .updateTable('survey_rounds')
        .set({ state: 'closed' })
        .where('id', '=', world.a.roundId)
        .execute()
      const late = await put(id, {
        code,
        answers: validAnswers(4),
        state: 'complete',
        locale: 'da',
      })
      expect(late.status).toBe(410)
      expect(await stored(id)).toEqual([before])
    })

    it('refuses malformed requests: bad id, unknown fields, wrong language, huge or non-JSON bodies, a foreign id', async () => {
      const id = randomUUID()
      expect(
        (await put('not-a-uuid', { code, answers: {}, state: 'draft', locale: 'da' })).status,
      ).toBe(400)
      expect(
        (await put(id, { code, answers: {}, state: 'draft', locale: 'da', ip: '1.2.3.4' })).status,
      ).toBe(400)
      expect((await put(id, { code, answers: {}, state: 'draft', locale: 'fr' })).status).toBe(400)
      expect((await put(id, { code, answers: [], state: 'draft', locale: 'da' })).status).toBe(400)
      expect((await put(id, { code, answers: {}, state: 'done', locale: 'da' })).status).toBe(400)
      const huge = await put(id, {
        code,
        answers: { bg_grade: 8, padding: 'x'.repeat(70_000) },
        state: 'draft',
        locale: 'da',
      })
      expect(huge.status).toBe(413)
      const text = await world.app.request(`/api/responses/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      })
      expect(text.status).toBe(415)
      const broken = await world.app.request(`/api/responses/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: '{"code":',
      })
      expect(broken.status).toBe(400)
      expect(await stored(id)).toEqual([])

      // The same id sent with another municipality's class code.
      await put(id, { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' })
      const k = world.db.kysely
      await k
        .updateTable('survey_rounds')
        .set({ state: 'open' })
        .where('id', '=', world.b.roundId)
        .execute()
      await ensureClassCodes(k, world.b.roundId, [world.b.classId], world.clock.now())
      const otherCode = (await listClassCodes(k, world.b.municipalityId, world.b.roundId))[0]!.code
      const foreign = await put(id, {
        code: otherCode,
        answers: { bg_grade: 8 },
        state: 'draft',
        locale: 'da',
      })
      expect(foreign.status).toBe(409)
      expect((await stored(id))[0]!.class_id).toBe(world.a.classId)
    })

    it('stores nothing about the device: no address, no user agent', async () => {
      const id = randomUUID()
      await world.app.request(`/api/responses/${id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mozilla/5.0 (Chromebook) UniqueAgent/1.0',
          'x-forwarded-for': '203.0.113.7',
        },
        body: JSON.stringify({ code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' }),
      })
      const row = JSON.stringify(await stored(id))
      expect(row).not.toContain('UniqueAgent')
      expect(row).not.toContain('203.0.113.7')
    })
  })

  describe('progress', () => {
    it('counts started and completed pupils per class for staff, scoped to a school user', async () => {
      await put(randomUUID(), { code, answers: { bg_grade: 8 }, state: 'draft', locale: 'da' })
      await put(randomUUID(), { code, answers: validAnswers(5), state: 'complete', locale: 'da' })
      await put(randomUUID(), { code, answers: validAnswers(6), state: 'complete', locale: 'da' })
      const cookie = await world.login(world.emails.analystA)
      const progress = await (
        await world.call('GET', `/api/rounds/${world.a.roundId}/progress`, { cookie })
      ).json()
      expect(progress.totals).toEqual({ expectedPupils: 22, started: 3, completed: 2 })
      expect(progress.classes).toEqual([
        expect.objectContaining({
          classLabel: '8.B',
          expectedPupils: 22,
          started: 3,
          completed: 2,
        }),
      ])
      const school = await world.login(world.emails.schoolA)
      expect(
        (
          await (
            await world.call('GET', `/api/rounds/${world.a.roundId}/progress`, { cookie: school })
          ).json()
        ).totals.started,
      ).toBe(3)
      const other = await world.login(world.emails.adminB)
      expect(
        (await world.call('GET', `/api/rounds/${world.a.roundId}/progress`, { cookie: other }))
          .status,
      ).toBe(404)
      expect((await world.call('GET', `/api/rounds/${world.a.roundId}/progress`)).status).toBe(401)
    })
  })
})
