import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { hashPassword } from '../auth/password.ts'
import { isUniqueViolation } from '../db/unique-violation.ts'
import { AppError } from '../errors.ts'
import { createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../openapi.ts'
import { findSchool } from '../schools/schools.repository.ts'
import {
  countActiveAdmins,
  endSessionsOf,
  findStaffUser,
  insertStaffUser,
  listStaffUsers,
  updateStaffUser,
  type StaffUserChanges,
} from './staff-users.repository.ts'

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

const StaffUserChangesSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: z.enum(['admin', 'analyst', 'school']).optional(),
    schoolId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, {
    message: 'name at least one of displayName, role, schoolId, disabled, password',
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
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary:
        'Change a staff user (admin): name, role, school, disabled, password; ends their sessions when access changes',
      request: { params: IdParam, body: jsonBody(StaffUserChangesSchema) },
      responses: {
        200: jsonResponse(z.object({ user: StaffUserSchema }), 'Changed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      const passwordHash = input.password ? await hashPassword(input.password) : undefined
      const now = deps.clock.now()
      const user = await deps.db.transaction().execute(async (trx) => {
        const before = await findStaffUser(trx, staff.municipalityId, id)
        if (!before)
          throw new AppError(404, 'not_found', 'No staff user with this id in your municipality.')
        const role = input.role ?? before.role
        // A school user belongs to one school; every other role to none.
        const schoolId =
          role === 'school'
            ? input.schoolId !== undefined
              ? input.schoolId
              : before.schoolId
            : null
        if (role === 'school') {
          if (!schoolId) {
            throw new AppError(400, 'validation_failed', 'A school user needs a schoolId.')
          }
          if (!(await findSchool(trx, staff.municipalityId, schoolId))) {
            throw new AppError(
              400,
              'validation_failed',
              'schoolId names no school in your municipality.',
            )
          }
        } else if (input.schoolId) {
          throw new AppError(400, 'validation_failed', 'Only a school user has a schoolId.')
        }
        const disabled = input.disabled ?? before.disabled
        const losesAdmin =
          before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled)
        if (losesAdmin && id === staff.id) {
          throw new AppError(
            409,
            'conflict',
            'You cannot disable yourself or take away your own administrator role; ask another administrator.',
          )
        }
        if (losesAdmin && (await countActiveAdmins(trx, staff.municipalityId)) <= 1) {
          throw new AppError(
            409,
            'conflict',
            'The municipality must keep at least one active administrator.',
          )
        }
        const changes: StaffUserChanges = {
          ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
          role,
          schoolId,
          disabled,
          ...(passwordHash ? { passwordHash } : {}),
        }
        const updated = (await updateStaffUser(trx, staff.municipalityId, id, changes))!
        // Access changed: sessions opened under the old role, school or password end now.
        const accessChanged =
          role !== before.role ||
          schoolId !== before.schoolId ||
          (disabled && !before.disabled) ||
          passwordHash !== undefined
        if (accessChanged && id !== staff.id) await endSessionsOf(trx, id)
        await recordAudit(
          trx,
          {
            userId: staff.id,
            municipalityId: staff.municipalityId,
            action: 'user.update',
            entityType: 'staff_user',
            entityId: id,
            details: {
              changed: Object.keys(input).filter((k) => k !== 'password'),
              ...(input.password ? { password: 'reset' } : {}),
              role,
              disabled,
            },
          },
          now,
        )
        return updated
      })
      return c.json({ user }, 200)
    },
  )
  return app
}
