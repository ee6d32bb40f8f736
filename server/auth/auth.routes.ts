import { getConnInfo } from '@hono/node-server/conninfo'
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../app-env.ts'
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.ts'
import { requireStaff, SESSION_COOKIE } from './auth.middleware.ts'
import { login } from './login.ts'
import { deleteSession } from './sessions.repository.ts'

const StaffSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(['admin', 'analyst', 'school']),
    municipalityId: z.string(),
    schoolId: z.string().nullable(),
    csrfToken: z.string(),
  })
  .openapi('Staff')

const LoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
})

/** Behind a proxy the secure flag follows the original scheme. */
const isHttps = (c: Context): boolean =>
  c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:'

function clientId(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

export function authRoutes(deps: AppDeps) {
  const app = createRouter()

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      summary: 'Sign in with email and password; sets the session cookie',
      request: { body: jsonBody(LoginSchema) },
      responses: {
        200: jsonResponse(z.object({ staff: StaffSchema.omit({ csrfToken: true }) }), 'Signed in'),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const session = await login(deps, { email, password, client: clientId(c) })
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        // Max-Age, not Expires: a device with a wrong clock must not drop the cookie at once.
        maxAge: Math.max(
          0,
          Math.floor((session.expiresAt.getTime() - deps.clock.now().getTime()) / 1000),
        ),
      })
      const user = await deps.db
        .selectFrom('staff_users')
        .select(['id', 'email', 'display_name', 'role', 'municipality_id', 'school_id'])
        .where('id', '=', session.userId)
        .executeTakeFirstOrThrow()
      return c.json(
        {
          staff: {
            id: user.id,
            email: user.email,
            displayName: user.display_name,
            role: user.role,
            municipalityId: user.municipality_id,
            schoolId: user.school_id,
          },
        },
        200,
      )
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      summary: 'Sign out; ends the session everywhere it is used',
      responses: { 200: jsonResponse(z.object({ signedOut: z.literal(true) }), 'Signed out') },
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE)
      if (token) await deleteSession(deps.db, token)
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) })
      return c.json({ signedOut: true as const }, 200)
    },
  )

  const me = createRouter()
  me.use('*', requireStaff(deps))
  me.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The signed-in staff member',
      responses: {
        200: jsonResponse(z.object({ staff: StaffSchema }), 'The staff member'),
        ...errorResponses,
      },
    }),
    (c) => c.json({ staff: c.var.staff }, 200),
  )
  app.route('/me', me)
  return app
}
