import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { AppDeps, AppEnv, StaffPrincipal } from '../app-env.ts'
import type { StaffRole } from '../db/schema.ts'
import { AppError } from '../errors.ts'
import { findSessionUser } from './sessions.repository.ts'

export const SESSION_COOKIE = 'tr_session'

/** The staff member behind the request's session cookie, if it names a live session. */
export async function sessionStaff(deps: AppDeps, c: Context): Promise<StaffPrincipal | undefined> {
  const token = getCookie(c, SESSION_COOKIE)
  const user = token ? await findSessionUser(deps.db, token, deps.clock.now()) : undefined
  return (
    user && {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      role: user.role,
      municipalityId: user.municipality_id,
      schoolId: user.school_id,
      csrfToken: user.csrf_token,
    }
  )
}

/** Loads the signed-in staff member from the session cookie; 401 without a live session. */
export const requireStaff = (deps: AppDeps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // Nested routers may both ask for the staff member; load the session once per request.
    if (c.get('staff') !== undefined) return next()
    const staff = await sessionStaff(deps, c)
    if (staff === undefined) {
      throw new AppError(
        401,
        'unauthenticated',
        'Please sign in to continue (your session may have expired).',
      )
    }
    c.set('staff', staff)
    await next()
  })

/** 403 unless the signed-in staff member has one of `roles`. */
export const requireRole = (...roles: StaffRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.staff.role)) {
      throw new AppError(
        403,
        'forbidden',
        `This needs the role ${roles.join(' or ')}; you are signed in as ${c.var.staff.role}.`,
      )
    }
    await next()
  })
