import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-env.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { createRouter, errorResponses, jsonResponse } from '../openapi.ts'
import { listAudit } from './audit-log.repository.ts'

const AuditRecordSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    userId: z.string().nullable(),
    municipalityId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditRecord')

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime().optional(),
})

export function auditRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps), requireRole('admin'))
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: "Your municipality's audit log, newest first (admin)",
      request: { query: AuditQuery },
      responses: {
        200: jsonResponse(z.object({ entries: z.array(AuditRecordSchema) }), 'Entries'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { limit, before } = c.req.valid('query')
      const entries = await listAudit(deps.db, c.var.staff.municipalityId, {
        limit,
        ...(before ? { before } : {}),
      })
      return c.json({ entries }, 200)
    },
  )
  return app
}
