import { createRoute, z } from '@hono/zod-openapi'
import type { Kysely } from 'kysely'
import { measureKind } from '../../analysis/aggregation/group-summary.ts'
import { measureCatalogue } from '../../analysis/measures/measure-catalogue.ts'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import type { Database } from '../db/schema.ts'
import { findDefinition, listDefinitions } from '../definitions/definitions.repository.ts'
import { AppError, notFound } from '../errors.ts'
import { createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../openapi.ts'
import {
  deleteReferenceValue,
  insertReferenceValue,
  listReferenceValues,
} from './reference-values.repository.ts'

const MeasureSchema = z
  .string()
  .regex(/^[a-z0-9.-]{1,120}$/, 'must be a measure id such as indicator.drunk-30d or who5.index')

const ReferenceValueSchema = z
  .object({
    id: z.string(),
    municipalityId: z.string(),
    measure: z.string(),
    grade: z.number().int().nullable(),
    value: z.number(),
    source: z.string(),
    sourceYear: z.number().int(),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .openapi('ReferenceValue')

const NewReferenceValueSchema = z
  .strictObject({
    measure: MeasureSchema,
    grade: z.number().int().min(7).max(9).nullable().optional(),
    value: z.number(),
    source: z.string().trim().min(1).max(200),
    sourceYear: z.number().int().min(1990).max(2100),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .refine(
    (input) =>
      measureKind(input.measure) !== 'proportion' || (input.value >= 0 && input.value <= 1),
    {
      message: 'this measure is a share: enter it between 0 and 1, e.g. 0.21 for 21 %',
      path: ['value'],
    },
  )

const ListQuery = z.object({ measure: MeasureSchema.optional() })

/**
 * Whether any stored questionnaire version scores `measure`. Questionnaire versions are shared
 * by every municipality on the deployment, so each may benchmark any of them.
 */
async function isKnownMeasure(db: Kysely<Database>, measure: string): Promise<boolean> {
  for (const summary of await listDefinitions(db)) {
    const definition = await findDefinition(db, summary.id)
    if (definition && measureCatalogue(definition.scoringSpec).some((m) => m.id === measure))
      return true
  }
  return false
}

export function referenceValuesRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Published reference values of your municipality, optionally for one measure',
      request: { query: ListQuery },
      responses: {
        200: jsonResponse(
          z.object({ referenceValues: z.array(ReferenceValueSchema) }),
          'Reference values',
        ),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { measure } = c.req.valid('query')
      const referenceValues = await listReferenceValues(deps.db, {
        municipalityId: staff.municipalityId,
        ...(measure === undefined ? {} : { measure }),
      })
      return c.json({ referenceValues }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Enter a published reference value with its source and year (admin)',
      middleware: [requireRole('admin')] as const,
      request: { body: jsonBody(NewReferenceValueSchema) },
      responses: {
        201: jsonResponse(z.object({ referenceValue: ReferenceValueSchema }), 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const input = c.req.valid('json')
      if (!(await isKnownMeasure(deps.db, input.measure))) {
        const message = `measure: "${input.measure}" is not a measure of any questionnaire`
        throw new AppError(400, 'validation_failed', `The request is not valid: ${message}`, {
          issues: [{ path: 'measure', message: `"${input.measure}" is not a known measure` }],
        })
      }
      const now = deps.clock.now()
      const referenceValue = await deps.db.transaction().execute(async (trx) => {
        const created = await insertReferenceValue(
          trx,
          {
            municipalityId: staff.municipalityId,
            measure: input.measure,
            grade: input.grade ?? null,
            value: input.value,
            source: input.source,
            sourceYear: input.sourceYear,
            // A blank note (empty after trimming) is no note.
            note: input.note || null,
            createdBy: staff.id,
          },
          now,
        )
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'reference-value.create',
            entityType: 'reference-value',
            entityId: created.id,
            details: {
              measure: created.measure,
              grade: created.grade,
              value: created.value,
              source: created.source,
              sourceYear: created.sourceYear,
            },
          },
          now,
        )
        return created
      })
      return c.json({ referenceValue }, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a reference value (admin)',
      middleware: [requireRole('admin')] as const,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const now = deps.clock.now()
      const deleted = await deps.db.transaction().execute(async (trx) => {
        const removed = await deleteReferenceValue(trx, staff.municipalityId, id)
        if (!removed) return undefined
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'reference-value.delete',
            entityType: 'reference-value',
            entityId: removed.id,
            details: {
              measure: removed.measure,
              grade: removed.grade,
              value: removed.value,
              source: removed.source,
              sourceYear: removed.sourceYear,
            },
          },
          now,
        )
        return removed
      })
      if (!deleted) throw notFound('Reference value')
      return c.body(null, 204)
    },
  )

  return app
}
