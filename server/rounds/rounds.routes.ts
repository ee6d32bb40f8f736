import { createRoute, z } from '@hono/zod-openapi'
import { keepClosedRound } from '../analysis/keep-closed-round.ts'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { classCodesRoutes } from '../class-codes/class-codes.routes.tsx'
import type { RoundState } from '../db/schema.ts'
import { findDefinition } from '../definitions/definitions.repository.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../openapi.ts'
import { roundProgress } from '../responses/responses.repository.ts'
import { schoolScope } from '../scope.ts'
import { SchoolYearSchema } from '../school-year.ts'
import { roundOf } from './round-access.ts'
import { insertRound, listRounds, transitionRound } from './rounds.repository.ts'

export const RoundSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    definitionId: z.string(),
    name: z.string(),
    schoolYear: z.string(),
    waveLabel: z.string().nullable(),
    opensAt: z.string(),
    closesAt: z.string(),
    state: z.enum(['draft', 'open', 'closed']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('SurveyRound')

const ProgressCounts = z.object({
  expectedPupils: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
})
const ProgressSchema = z
  .object({
    roundId: z.string(),
    state: z.enum(['draft', 'open', 'closed']),
    totals: ProgressCounts,
    classes: z.array(
      ProgressCounts.extend({
        classId: z.string(),
        schoolId: z.string(),
        schoolName: z.string(),
        classLabel: z.string(),
        grade: z.number().int(),
      }),
    ),
  })
  .openapi('RoundProgress')

const NewRoundSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(120),
    schoolYear: SchoolYearSchema,
    waveLabel: z.string().trim().min(1).max(60).nullable().optional(),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
    definitionId: z.uuid(),
  })
  .refine((round) => Date.parse(round.opensAt) < Date.parse(round.closesAt), {
    message: 'closesAt must be after opensAt',
    path: ['closesAt'],
  })

const transitions: Record<'open' | 'close', { from: RoundState[]; to: RoundState }> = {
  open: { from: ['draft', 'closed'], to: 'open' },
  close: { from: ['open'], to: 'closed' },
}

export function roundsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Survey rounds of your municipality, newest first',
      responses: {
        200: jsonResponse(z.object({ rounds: z.array(RoundSchema) }), 'Rounds'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ rounds: await listRounds(deps.db, c.var.staff.municipalityId) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a survey round in draft (admin)',
      middleware: [requireRole('admin')] as const,
      request: { body: jsonBody(NewRoundSchema) },
      responses: {
        201: jsonResponse(z.object({ round: RoundSchema }), 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const input = c.req.valid('json')
      if (!(await findDefinition(deps.db, input.definitionId))) {
        throw new AppError(
          400,
          'validation_failed',
          'definitionId names no questionnaire version; see GET /api/definitions.',
        )
      }
      const now = deps.clock.now()
      const round = await deps.db.transaction().execute(async (trx) => {
        const created = await insertRound(
          trx,
          {
            municipalityId: staff.municipalityId,
            definitionId: input.definitionId,
            name: input.name,
            schoolYear: input.schoolYear,
            waveLabel: input.waveLabel ?? null,
            opensAt: new Date(input.opensAt).toISOString(),
            closesAt: new Date(input.closesAt).toISOString(),
          },
          now,
        )
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'round.create',
            entityType: 'survey_round',
            entityId: created.id,
            details: { name: input.name, schoolYear: input.schoolYear },
          },
          now,
        )
        return created
      })
      return c.json({ round }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One survey round',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ round: RoundSchema }), 'The round'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ round: await roundOf(deps, c.var.staff, c.req.valid('param').id) }, 200),
  )

  for (const action of ['open', 'close'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/{id}/${action}`,
        summary:
          action === 'open'
            ? 'Open a round for answers (admin)'
            : 'Close a round; no more answers are taken (admin)',
        middleware: [requireRole('admin')] as const,
        request: { params: IdParam },
        responses: {
          200: jsonResponse(z.object({ round: RoundSchema }), 'The round after the change'),
          ...errorResponses,
        },
      }),
      async (c) => {
        const staff = c.var.staff
        const { id } = c.req.valid('param')
        const { from, to } = transitions[action]
        const now = deps.clock.now()
        const round = await deps.db.transaction().execute(async (trx) => {
          const changed = await transitionRound(trx, staff.municipalityId, id, from, to, now)
          if (changed) {
            await recordAudit(
              trx,
              {
                userId: staff.id,
                municipalityId: staff.municipalityId,
                action: `round.${action}`,
                entityType: 'survey_round',
                entityId: id,
              },
              now,
            )
          }
          return changed
        })
        if (round) {
          // A closed round's results are read again and again: keep its sums now, in the
          // background; a failure only means the first reader groups the scores itself.
          if (round.state === 'closed') {
            void keepClosedRound(deps, round).catch((error: unknown) =>
              console.error('keeping the sums of a closed round failed', error),
            )
          }
          return c.json({ round }, 200)
        }
        const current = await roundOf(deps, staff, id)
        throw new AppError(
          409,
          'conflict',
          `The round is ${current.state} and cannot be ${action === 'open' ? 'opened' : 'closed'} from there.`,
        )
      },
    )
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/progress',
      summary: 'Started, completed and expected pupils per class (school users: their school)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ProgressSchema, 'Progress'), ...errorResponses },
    }),
    async (c) => {
      const staff = c.var.staff
      const round = await roundOf(deps, staff, c.req.valid('param').id)
      const classes = await roundProgress(deps.db, round.id, schoolScope(staff))
      const sum = (pick: (p: (typeof classes)[number]) => number) =>
        classes.reduce((total, p) => total + pick(p), 0)
      return c.json(
        {
          roundId: round.id,
          state: round.state,
          totals: {
            expectedPupils: sum((p) => p.expectedPupils),
            started: sum((p) => p.started),
            completed: sum((p) => p.completed),
          },
          classes,
        },
        200,
      )
    },
  )

  app.route('/', classCodesRoutes(deps))
  return app
}
