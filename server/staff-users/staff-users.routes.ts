import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { hashPassword } from '../auth/password.ts'
import { isUniqueViolation } from '../db/unique-violation.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.ts'
import { findSchool } from '../schools/schools.repository.ts'
import { insertStaffUser, listStaffUsers } from './staff-users.repository.ts'

const StaffUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(['admin', 'analyst', 'school']),
    municipalityId: z.string(),
    schoolId: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('StaffUser')

const NewStaffUserSchema = z
  .strictObject({
    email: z.email().max(254),
    displayName: z.string().trim().min(1).max(120),
    password: z.string().min(12, 'must be at least 12 characters').max(1024),
    role: z.enum(['admin', 'analyst', 'school']),
    schoolId: z.uuid().nullable().optional(),
  })
  .refine((user) => (user.role === 'school') === (user.schoolId != null), {
    message: 'schoolId is required for the school role and only allowed for it',
    path: ['schoolId'],
  })

export function staffUsersRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps), requireRole('admin'))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Staff users of your municipality (admin)',
      responses: {
        200: jsonResponse(z.object({ users: z.array(StaffUserSchema) }), 'Users'),
        ...errorResponses,
      },
    }),
    async (c) => c.json({ users: await listStaffUsers(deps.db, c.var.staff.municipalityId) }, 200),
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a staff user in your municipality (admin)',
      request: { body: jsonBody(NewStaffUserSchema) },
      responses: {
        201: jsonResponse(z.object({ user: StaffUserSchema }), 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const input = c.req.valid('json')
      const schoolId = input.schoolId ?? null
      if (schoolId !== null && !(await findSchool(deps.db, staff.municipalityId, schoolId))) {
        throw new AppError(
          400,
          'validation_failed',
          'schoolId names no school in your municipality.',
        )
      }
      const passwordHash = await hashPassword(input.password)
      const now = deps.clock.now()
      try {
        const user = await deps.db.transaction().execute(async (trx) => {
          const created = await insertStaffUser(
            trx,
            {
              email: input.email,
              displayName: input.displayName,
              passwordHash,
              role: input.role,
              municipalityId: staff.municipalityId,
              schoolId,
            },
            now,
          )
          await recordAudit(
            trx,
            {
              userId: staff.id,
              municipalityId: staff.municipalityId,
              action: 'user.create',
              entityType: 'staff_user',
              entityId: created.id,
              details: { role: input.role },
            },
            now,
          )
          return created
        })
        return c.json({ user }, 201)
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(409, 'conflict', 'A staff user with this email already exists.')
        throw error
      }
    },
  )
  return app
}
