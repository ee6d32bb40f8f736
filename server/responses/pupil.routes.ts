import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { createHash } from 'node:crypto'
import type { AppDeps } from '../app-env.ts'
import { countEvent, currentCount } from '../auth/rate-limit.repository.ts'
import { normalizeClassCode } from '../class-codes/class-code.ts'
import { findActiveClassCode } from '../class-codes/class-codes.repository.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.ts'
import { findRound, type SurveyRound } from '../rounds/rounds.repository.ts'
import { preferredEncoding } from './encoding.ts'
import { PUPIL_LOCALES } from './locales.ts'
import type { QuestionnaireCache } from './questionnaire-cache.ts'
import { saveResponse } from './responses.repository.ts'

/** Wrong codes one network (a whole school behind one address) may try per window. */
export const MAX_WRONG_CODES_PER_CLIENT = 200
const WRONG_CODE_WINDOW_MS = 15 * 60_000

const CodeSchema = z.string().trim().min(1).max(40)

const StartSchema = z.strictObject({ code: CodeSchema })
const StartAnswer = z.object({
  roundName: z.string(),
  schoolName: z.string(),
  classLabel: z.string(),
  closesAt: z.string(),
  questionnaireUrl: z.string(),
  definitionId: z.string(),
})

const ResponseParam = z.object({
  id: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
      'must be a UUID v4',
    )
    .openapi({ param: { name: 'id', in: 'path' } }),
})
const SaveSchema = z.strictObject({
  code: CodeSchema,
  answers: z
    .record(z.string().max(200), z.unknown())
    .refine((a) => Object.keys(a).length <= 1000, 'has too many answers'),
  state: z.enum(['draft', 'complete']),
  locale: z.enum(PUPIL_LOCALES),
})
const SaveAnswer = z.object({ id: z.string(), state: z.enum(['draft', 'complete']) })

/** A hash of the client's address: rate limits need to tell networks apart, never who they are. */
function clientKey(c: Context): string {
  let address = 'unknown'
  try {
    address = getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket
  }
  return createHash('sha256').update(`pupil:${address}`).digest('base64url')
}

export function pupilRoutes(deps: AppDeps & { questionnaires: QuestionnaireCache }) {
  const app = createRouter()

  /** The open round behind a code, or the error a pupil can act on. */
  async function openRoundFor(c: Context, rawCode: string) {
    const now = deps.clock.now()
    const key = `pupil-code:${clientKey(c)}`
    const tried = await currentCount(deps.db, key, now, WRONG_CODE_WINDOW_MS)
    if (tried !== undefined && tried.count >= MAX_WRONG_CODES_PER_CLIENT) {
      throw new AppError(
        429,
        'rate_limited',
        'Too many wrong codes were tried from this network. Wait a few minutes and try again.',
      )
    }
    const code = normalizeClassCode(rawCode)
    const classCode = code === undefined ? undefined : await findActiveClassCode(deps.db, code)
    const round =
      classCode && (await findRound(deps.db, classCode.municipalityId, classCode.roundId))
    if (!classCode || !round) {
      await countEvent(deps.db, key, now, WRONG_CODE_WINDOW_MS)
      throw new AppError(
        404,
        'unknown_code',
        'This code does not work. Check the code on the board and try again.',
      )
    }
    assertAcceptingAnswers(round, now)
    return { classCode, round }
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/pupil/start',
      summary: 'What a class code opens: the round, the class and the questionnaire to answer',
      request: { body: jsonBody(StartSchema) },
      responses: {
        200: jsonResponse(StartAnswer, 'The code is valid and the round is open'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { code } = c.req.valid('json')
      const { classCode, round } = await openRoundFor(c, code)
      const questionnaire = await deps.questionnaires.get(round.definitionId)
      if (!questionnaire) throw new Error(`round ${round.id} names a missing questionnaire version`)
      const names = await deps.db
        .selectFrom('classes')
        .innerJoin('schools', 'schools.id', 'classes.school_id')
        .select(['classes.label', 'schools.name'])
        .where('classes.id', '=', classCode.classId)
        .executeTakeFirstOrThrow()
      return c.json(
        {
          roundName: round.name,
          schoolName: names.name,
          classLabel: names.label,
          closesAt: round.closesAt,
          questionnaireUrl: `/api/questionnaires/${questionnaire.contentHash}.json`,
          definitionId: round.definitionId,
        },
        200,
      )
    },
  )

  app.get('/questionnaires/:file', async (c) => {
    const match = /^([0-9a-f]{64})\.json$/.exec(c.req.param('file'))
    const questionnaire = match
      ? await deps.questionnaires.getByHash(match[1] as string)
      : undefined
    if (!questionnaire) throw new AppError(404, 'not_found', 'No such questionnaire.')
    // The address names the content, so it can be cached for good and never asked for again.
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    c.header('Vary', 'Accept-Encoding')
    c.header('Content-Type', 'application/json; charset=utf-8')
    const encoding = preferredEncoding(c.req.header('accept-encoding'))
    if (encoding === undefined) return c.body(questionnaire.json)
    c.header('Content-Encoding', encoding)
    const body = encoding === 'br' ? questionnaire.brotli : questionnaire.gzip
    return c.body(new Uint8Array(body))
  })

  app.openapi(
    createRoute({
      method: 'put',
      path: '/responses/{id}',
      summary: "Save a pupil's answers (draft or complete); idempotent, acknowledged after commit",
      request: { params: ResponseParam, body: jsonBody(SaveSchema) },
      responses: {
        200: jsonResponse(SaveAnswer, 'Saved (or already saved exactly so)'),
        201: jsonResponse(SaveAnswer, 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const { classCode, round } = await openRoundFor(c, input.code)
      const questionnaire = await deps.questionnaires.get(round.definitionId)
      if (!questionnaire) throw new Error(`round ${round.id} names a missing questionnaire version`)
      const problems = questionnaire.validator.validate(input.answers, input.state)
      if (problems.length > 0) {
        const summary = problems
          .slice(0, 3)
          .map((p) => `${p.question}: ${p.message}`)
          .join(' ')
        throw new AppError(400, 'invalid_answers', `Some answers cannot be saved. ${summary}`, {
          problems,
        })
      }
      const outcome = await saveResponse(
        deps.db,
        {
          id: id.toLowerCase(),
          roundId: round.id,
          classId: classCode.classId,
          schoolId: classCode.schoolId,
          grade: classCode.grade,
          definitionId: round.definitionId,
          state: input.state,
          answers: input.answers,
          locale: input.locale,
        },
        deps.clock.now(),
        questionnaire.scoring,
      )
      switch (outcome.kind) {
        case 'foreign':
          throw new AppError(
            409,
            'conflict',
            'This answer id belongs to another class. Reload the page to start again.',
          )
        case 'already-complete':
          throw new AppError(
            409,
            'already_submitted',
            'These answers were already sent in and cannot be changed.',
          )
        case 'created':
          return c.json({ id: id.toLowerCase(), state: outcome.state }, 201)
        default:
          return c.json({ id: id.toLowerCase(), state: outcome.state }, 200)
      }
    },
  )

  return app
}

function assertAcceptingAnswers(round: SurveyRound, now: Date): void {
  const iso = now.toISOString()
  if (round.state === 'closed' || iso >= round.closesAt) {
    throw new AppError(
      410,
      'round_closed',
      'This survey has closed. Thank you – no more answers can be sent.',
    )
  }
  if (round.state === 'draft' || iso < round.opensAt) {
    throw new AppError(
      409,
      'round_not_open',
      'This survey has not started yet. Ask your teacher when it opens.',
    )
  }
}
