import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../app-env.ts'
import { recordAudit } from '../audit/audit-log.repository.ts'
import { requireRole, requireStaff } from '../auth/auth.middleware.ts'
import { isUniqueViolation } from '../db/unique-violation.ts'
import { AppError, notFound } from '../errors.ts'
import { createRouter, errorResponses, IdParam, jsonBody, jsonResponse } from '../openapi.ts'
import { assertSchoolVisible, schoolScope } from '../scope.ts'
import { SchoolYearSchema } from '../school-year.ts'
import {
  findSchool,
  renameSchool,
  insertClass,
  insertSchool,
  listClasses,
  listSchools,
} from './schools.repository.ts'

const SchoolSchema = z
  .object({ id: z.string(), municipalityId: z.string(), name: z.string(), createdAt: z.string() })
  .openapi('School')

const ClassSchema = z
  .object({
    id: z.string(),
    schoolId: z.string(),
    schoolYear: z.string(),
    grade: z.number().int(),
    label: z.string(),
    expectedPupils: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('SchoolClass')

export const NewSchoolSchema = z.strictObject({ name: z.string().trim().min(2).max(120) })

export const NewClassSchema = z.strictObject({
  schoolYear: SchoolYearSchema,
  grade: z.number().int().min(7).max(9),
  label: z.string().trim().min(1).max(20),
  expectedPupils: z.number().int().min(0).max(60),
})

const ClassQuery = z.object({ schoolYear: SchoolYearSchema.optional() })

export function schoolsRoutes(deps: AppDeps) {
  const app = createRouter()
  app.use('*', requireStaff(deps))

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Schools of your municipality (a school user sees only their own)',
      responses: {
        200: jsonResponse(z.object({ schools: z.array(SchoolSchema) }), 'Schools'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const schools = await listSchools(deps.db, {
        municipalityId: staff.municipalityId,
        schoolId: schoolScope(staff),
      })
      return c.json({ schools }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Create a school (admin)',
      middleware: [requireRole('admin')] as const,
      request: { body: jsonBody(NewSchoolSchema) },
      responses: {
        201: jsonResponse(z.object({ school: SchoolSchema }), 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { name } = c.req.valid('json')
      const now = deps.clock.now()
      try {
        const school = await deps.db.transaction().execute(async (trx) => {
          const created = await insertSchool(trx, staff.municipalityId, name, now)
          await recordAudit(
            trx,
            {
              userId: staff.id,
              municipalityId: staff.municipalityId,
              action: 'school.create',
              entityType: 'school',
              entityId: created.id,
              details: { name },
            },
            now,
          )
          return created
        })
        return c.json({ school }, 201)
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(409, 'conflict', `A school named "${name}" already exists.`)
        throw error
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One school',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(z.object({ school: SchoolSchema }), 'The school'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      assertSchoolVisible(staff, id)
      const school = await findSchool(deps.db, staff.municipalityId, id)
      if (!school) throw notFound('School')
      return c.json({ school }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Rename a school (admin); results, classes and codes stay with it',
      middleware: [requireRole('admin')] as const,
      request: { params: IdParam, body: jsonBody(NewSchoolSchema) },
      responses: {
        200: jsonResponse(z.object({ school: SchoolSchema }), 'Renamed'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const { name } = c.req.valid('json')
      const now = deps.clock.now()
      try {
        const school = await deps.db.transaction().execute(async (trx) => {
          const before = await findSchool(trx, staff.municipalityId, id)
          if (!before) throw notFound('School')
          const renamed = (await renameSchool(trx, staff.municipalityId, id, name))!
          await recordAudit(
            trx,
            {
              userId: staff.id,
              municipalityId: staff.municipalityId,
              action: 'school.rename',
              entityType: 'school',
              entityId: id,
              details: { from: before.name, to: name },
            },
            now,
          )
          return renamed
        })
        return c.json({ school }, 200)
      } catch (error) {
        if (isUniqueViolation(error))
          throw new AppError(409, 'conflict', `A school named "${name}" already exists.`)
        throw error
      }
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/classes',
      summary: "A school's classes, optionally for one school year",
      request: { params: IdParam, query: ClassQuery },
      responses: {
        200: jsonResponse(z.object({ classes: z.array(ClassSchema) }), 'Classes'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const { schoolYear } = c.req.valid('query')
      assertSchoolVisible(staff, id)
      if (!(await findSchool(deps.db, staff.municipalityId, id))) throw notFound('School')
      const classes = await listClasses(deps.db, {
        municipalityId: staff.municipalityId,
        schoolId: id,
        ...(schoolYear ? { schoolYear } : {}),
      })
      return c.json({ classes }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/classes',
      summary: 'Add a class to a school (admin)',
      middleware: [requireRole('admin')] as const,
      request: { params: IdParam, body: jsonBody(NewClassSchema) },
      responses: {
        201: jsonResponse(z.object({ class: ClassSchema }), 'Created'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const staff = c.var.staff
      const { id } = c.req.valid('param')
      const input = c.req.valid('json')
      if (!(await findSchool(deps.db, staff.municipalityId, id))) throw notFound('School')
      const now = deps.clock.now()
      try {
        const created = await deps.db.transaction().execute(async (trx) => {
          const schoolClass = await insertClass(trx, { schoolId: id, ...input }, now)
          await recordAudit(
            trx,
            {
              userId: staff.id,
              municipalityId: staff.municipalityId,
              action: 'class.create',
              entityType: 'class',
              entityId: schoolClass.id,
              details: { ...input },
            },
            now,
          )
          return schoolClass
        })
        return c.json({ class: created }, 201)
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new AppError(
            409,
            'conflict',
            `Class "${input.label}" already exists at this school in ${input.schoolYear}.`,
          )
        }
        throw error
      }
    },
  )

  return app
}
