import { createHash, timingSafeEqual } from 'node:crypto'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import type { AuditRecord } from '../audit/audit-log.repository.ts'
import type { Database } from '../db/schema.ts'
import { AppError, errorBody } from '../errors.ts'

/** Compares a submitted form's CSRF token with the session's, in constant time. */
export function csrfMatches(sessionToken: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted === '') return false
  // Hashing first gives both sides the same length, which timingSafeEqual needs.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(sessionToken), digest(submitted))
}

/** The Origin rule of `guardStateChanges`: a named origin must be our own host. */
export function isCrossSite(c: Context): boolean {
  const origin = c.req.header('origin')
  if (origin === undefined) return false
  if (origin === 'null') return true
  const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? new URL(c.req.url).host
  try {
    return new URL(origin).host !== host
  } catch {
    return true
  }
}

export type ApiAnswer =
  | { ok: true; status: number; body: Record<string, unknown> }
  | { ok: false; status: number; code: string; fields: Set<string> }

/**
 * The admin forms change data through the JSON API's own handlers (asked in-process, with the
 * caller's session cookie), so every rule, permission and audit entry is the API's.
 */
export function inProcessApi(router: OpenAPIHono<AppEnv>) {
  router.onError((error, c) =>
    error instanceof AppError
      ? c.json(errorBody(error), error.status)
      : c.json({ error: { code: 'internal' } }, 500),
  )
  return async (c: Context, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const response = await router.request(path, {
      method,
      headers: {
        cookie: c.req.header('cookie') ?? '',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
    if (response.ok) return { ok: true, status: response.status, body: answer }
    const error = (answer.error ?? {}) as {
      code?: string
      details?: { issues?: Array<{ path: string }> }
    }
    const fields = new Set((error.details?.issues ?? []).map((issue) => issue.path.split('.')[0]!))
    return { ok: false, status: response.status, code: error.code ?? 'internal', fields }
  }
}

/** Midnight (or the last second) of a date in Danish time, as an ISO timestamp with offset. */
export function copenhagenTime(date: string, time: '00:00:00' | '23:59:59'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date
  const offset = new Intl.DateTimeFormat('en', {
    timeZone: 'Europe/Copenhagen',
    timeZoneName: 'longOffset',
  })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')
    ?.value.replace('GMT', '')
  return `${date}T${time}${offset || '+00:00'}`
}

/** Number of classes per school of a municipality in one school year. */
export async function classCounts(
  db: Kysely<Database>,
  municipalityId: string,
  schoolYear: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('classes')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .select(['classes.school_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('schools.municipality_id', '=', municipalityId)
    .where('classes.school_year', '=', schoolYear)
    .groupBy('classes.school_id')
    .execute()
  return new Map(rows.map((row) => [row.school_id, Number(row.n)]))
}

export interface AuditPage {
  entries: Array<AuditRecord & { userName: string | null }>
  total: number
  actions: string[]
}

/** One page of a municipality's audit log, newest first, optionally one action only. */
export async function auditPage(
  db: Kysely<Database>,
  municipalityId: string,
  options: { page: number; pageSize: number; action?: string },
): Promise<AuditPage> {
  let filtered = db.selectFrom('audit_log').where('audit_log.municipality_id', '=', municipalityId)
  if (options.action) filtered = filtered.where('audit_log.action', '=', options.action)
  const [rows, count, actions] = await Promise.all([
    filtered
      .leftJoin('staff_users', 'staff_users.id', 'audit_log.user_id')
      .selectAll('audit_log')
      .select('staff_users.display_name')
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .where('municipality_id', '=', municipalityId)
      .orderBy('action')
      .execute(),
  ])
  return {
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      userId: row.user_id,
      userName: row.display_name,
      municipalityId: row.municipality_id,
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      details: JSON.parse(row.details_json) as Record<string, unknown>,
    })),
    total: Number(count.n),
    actions: actions.map((row) => row.action),
  }
}
