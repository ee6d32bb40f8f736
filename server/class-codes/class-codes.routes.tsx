import { createRoute, z } from '@hono/zod-openapi'
import QRCode from 'qrcode'
import { CodeSheet } from '../../web/staff/code-sheet.tsx'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { AppError, notFound } from '../errors.ts'
import { createRouter, errorResponses, jsonResponse } from '../openapi.ts'
import { roundOf } from '../rounds/round-access.ts'
import { listClasses } from '../schools/schools.repository.ts'
import { normalizeClassCode } from './class-code.ts'
import { ensureClassCodes, listClassCodes, revokeClassCode } from './class-codes.repository.ts'

const ClassCodeSchema = z
  .object({
    code: z.string(),
    displayCode: z.string(),
    roundId: z.string(),
    classId: z.string(),
    classLabel: z.string(),
    grade: z.number().int(),
    schoolId: z.string(),
    schoolName: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ClassCode')

const RoundParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) })
const CodeParam = RoundParam.extend({
  code: z
    .string()
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' } }),
})
const GenerateSchema = z.strictObject({
  /** Only these classes; default: every class of the round's school year. */
  classIds: z.array(z.uuid()).min(1).max(2000).optional(),
})
const RevokeSchema = z.strictObject({
  /** Give the class a new code at once (e.g. the old one was shared outside the class). */
  replace: z.boolean().default(false),
})

/** Class codes of a round: generate, list, revoke and print. Admins only: a code opens the survey. */
export function classCodesRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('/:id/codes/*', requireStaff(deps), requireRole('admin'))
  app.use('/:id/codes', requireStaff(deps), requireRole('admin'))
  app.use('/:id/code-sheet', requireStaff(deps), requireRole('admin'))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/codes',
      summary: 'Class codes of a round (admin)',
      request: { params: RoundParam },
      responses: {
        200: jsonResponse(z.object({ codes: z.array(ClassCodeSchema) }), 'Codes'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const round = await roundOf(deps, staff, c.req.valid('param').id)
      return c.json({ codes: await listClassCodes(deps.db, staff.municipalityId, round.id) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/codes',
      summary:
        "Give every class of the round's school year (or the classes named) a code; repeatable",
      request: {
        params: RoundParam,
        body: { required: false, content: { 'application/json': { schema: GenerateSchema } } },
      },
      responses: {
        200: jsonResponse(
          z.object({ created: z.number().int(), codes: z.array(ClassCodeSchema) }),
          'Codes after generation',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const round = await roundOf(deps, staff, c.req.valid('param').id)
      if (round.state === 'closed')
        throw new AppError(
          409,
          'conflict',
          'The round is closed; open it again before giving out codes.',
        )
      const body = c.req.valid('json') ?? {}
      const classes = await listClasses(deps.db, {
        municipalityId: staff.municipalityId,
        schoolYear: round.schoolYear,
      })
      let classIds = classes.map((cls) => cls.id)
      if (body.classIds) {
        const known = new Set(classIds)
        const unknown = body.classIds.filter((id) => !known.has(id))
        if (unknown.length > 0) {
          throw new AppError(
            400,
            'validation_failed',
            `These classes are not classes of ${round.schoolYear} in your municipality: ${unknown.join(', ')}`,
            { unknownClassIds: unknown },
          )
        }
        classIds = body.classIds
      }
      if (classIds.length === 0) {
        throw new AppError(
          409,
          'conflict',
          `There are no classes for ${round.schoolYear} yet; add the classes first.`,
        )
      }
      const now = deps.clock.now()
      const created = await deps.db.transaction().execute(async (trx) => {
        const count = await ensureClassCodes(trx, round.id, classIds, now)
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'codes.generate',
            entityType: 'survey_round',
            entityId: round.id,
            details: { created: count },
          },
          now,
        )
        return count
      })
      return c.json(
        { created, codes: await listClassCodes(deps.db, staff.municipalityId, round.id) },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/codes/{code}/revoke',
      summary: 'Revoke a class code so it opens nothing; optionally replace it with a new one',
      request: {
        params: CodeParam,
        body: { required: false, content: { 'application/json': { schema: RevokeSchema } } },
      },
      responses: {
        200: jsonResponse(
          z.object({ revoked: z.string(), replacement: ClassCodeSchema.nullable() }),
          'Revoked',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const params = c.req.valid('param')
      const round = await roundOf(deps, staff, params.id)
      const code = normalizeClassCode(params.code)
      if (code === undefined) throw notFound('Class code')
      const replace = c.req.valid('json')?.replace ?? false
      const codes = await listClassCodes(deps.db, staff.municipalityId, round.id)
      const target = codes.find((entry) => entry.code === code && entry.revokedAt === null)
      if (!target) throw notFound('Active class code')
      const now = deps.clock.now()
      await deps.db.transaction().execute(async (trx) => {
        if (!(await revokeClassCode(trx, staff.municipalityId, round.id, code, now)))
          throw notFound('Active class code')
        if (replace) await ensureClassCodes(trx, round.id, [target.classId], now)
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'codes.revoke',
            entityType: 'class',
            entityId: target.classId,
            details: { roundId: round.id, replaced: replace },
          },
          now,
        )
      })
      const replacement = replace
        ? ((
            await listClassCodes(deps.db, staff.municipalityId, round.id, { includeRevoked: false })
          ).find((entry) => entry.classId === target.classId) ?? null)
        : null
      return c.json({ revoked: target.displayCode, replacement }, 200)
    },
  )

  app.get('/:id/code-sheet', async (c) => {
    const staff = c.var.staff
    const parsed = RoundParam.safeParse({ id: c.req.param('id') })
    if (!parsed.success) throw notFound('Survey round')
    const round = await roundOf(deps, staff, parsed.data.id)
    const codes = await listClassCodes(deps.db, staff.municipalityId, round.id, {
      includeRevoked: false,
    })
    const pupilUrl = `${deps.config.publicUrl}/`
    const slips = await Promise.all(
      codes.map(async (entry) => ({
        schoolName: entry.schoolName,
        classLabel: entry.classLabel,
        grade: entry.grade,
        displayCode: entry.displayCode,
        qrSvg: await QRCode.toString(`${pupilUrl}?code=${entry.code}`, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 1,
        }),
      })),
    )
    await recordAudit(
      deps.db,
      {
        userId: staff.id,
        municipalityId: staff.municipalityId,
        action: 'codes.print',
        entityType: 'survey_round',
        entityId: round.id,
        details: { slips: slips.length },
      },
      deps.clock.now(),
    )
    c.header('Cache-Control', 'no-store')
    return c.html(
      <CodeSheet
        roundName={round.name}
        schoolYear={round.schoolYear}
        closesAt={round.closesAt}
        pupilUrl={pupilUrl}
        slips={slips}
      />,
    )
  })

  return app
}
